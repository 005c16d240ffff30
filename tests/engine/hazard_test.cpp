// The sampled waiting times must follow the piecewise-constant hazard law: chi-square
// goodness of fit on bins of equal probability, with a check that a 10% error would be caught.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "engine/hazard.h"
#include "engine/rng.h"

using doorstroom::engine::CaseStream;
using doorstroom::engine::PiecewiseHazard;

namespace {

const std::vector<double> kBreaks{0.5, 1.0, 2.0};
const std::vector<double> kRates{0.1, 2.5, 0.8, 0.3};

// Pearson chi-square of `n` draws from `sampler` against the law of `reference`, on 20 bins that
// each hold 1/20 of the reference probability.
double chi_square(const PiecewiseHazard& reference, const PiecewiseHazard& sampler, int n) {
  constexpr int kBins = 20;
  std::vector<double> edges;  // duration where the survival reaches 1 - i/kBins
  for (int i = 1; i < kBins; ++i) edges.push_back(reference.invert(-std::log(1.0 - static_cast<double>(i) / kBins)));
  std::vector<int> counts(kBins, 0);
  for (int i = 0; i < n; ++i) {
    CaseStream rng(7, 0, static_cast<std::uint64_t>(i));
    const double t = sampler.invert(rng.exponential());
    int bin = 0;
    while (bin < kBins - 1 && t > edges[static_cast<std::size_t>(bin)]) ++bin;
    ++counts[static_cast<std::size_t>(bin)];
  }
  const double expected = static_cast<double>(n) / kBins;
  double chi2 = 0.0;
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  return chi2;
}

}  // namespace

TEST_CASE("cumulative hazard and its inverse agree", "[hazard]") {
  const PiecewiseHazard h(kBreaks, kRates);
  CHECK(h.cumulative(0.5) == Approx(0.05));
  CHECK(h.cumulative(1.0) == Approx(0.05 + 1.25));
  CHECK(h.cumulative(3.0) == Approx(0.05 + 1.25 + 0.8 + 0.3));
  for (double e : {0.01, 0.05, 0.3, 1.3, 2.1, 5.0}) CHECK(h.cumulative(h.invert(e)) == Approx(e));
  CHECK(PiecewiseHazard().invert(1.0) == PiecewiseHazard::kNever);
  CHECK(PiecewiseHazard({std::vector<double>{1.0}}, {std::vector<double>{1.0, 0.0}}).invert(2.0) ==
        PiecewiseHazard::kNever);
}

TEST_CASE("sampled waiting times follow the piecewise hazard law", "[hazard][statistics]") {
  const PiecewiseHazard h(kBreaks, kRates);
  // 19 degrees of freedom: P(chi2 > 43.8) = 0.001.
  CHECK(chi_square(h, h, 200000) < 43.8);
}

TEST_CASE("the goodness-of-fit test catches a hazard off by 10%", "[hazard][statistics]") {
  const PiecewiseHazard h(kBreaks, kRates);
  CHECK(chi_square(h, h.scaled(1.1), 200000) > 43.8);
  // Off by 10% in one piece only (the second year).
  const PiecewiseHazard one_piece(kBreaks, std::vector<double>{0.1, 2.5, 0.88, 0.3});
  CHECK(chi_square(h, one_piece, 200000) > 43.8);
}

TEST_CASE("a multiplier from a duration on folds into the pieces", "[hazard]") {
  const PiecewiseHazard h(kBreaks, kRates);
  const PiecewiseHazard older = h.scaled_from(0.75, 2.0);
  CHECK(older.rate_at(0.6) == Approx(2.5));
  CHECK(older.rate_at(0.8) == Approx(5.0));
  CHECK(older.rate_at(1.5) == Approx(1.6));
  CHECK(older.cumulative(1.0) == Approx(0.05 + 0.25 * 2.5 + 0.25 * 5.0));
  CHECK(h.scaled_from(-3.0, 2.0).cumulative(1.0) == Approx(2.0 * h.cumulative(1.0)));
}

TEST_CASE("bad hazard definitions are rejected", "[hazard]") {
  CHECK_THROWS_WITH(PiecewiseHazard(std::vector<double>{1.0}, std::vector<double>{1.0}),
                    "a piecewise hazard needs one rate more than breaks (got 1 rates, 1 breaks)");
  CHECK_THROWS_WITH(PiecewiseHazard(std::vector<double>{1.0, 0.5}, std::vector<double>{1.0, 1.0, 1.0}),
                    "hazard breaks must be finite, positive and increasing");
  CHECK_THROWS_WITH(PiecewiseHazard(std::vector<double>{}, std::vector<double>{-1.0}),
                    "hazard rates must be finite and >= 0");
}

TEST_CASE("inverting with a multiplier in place gives the scaled hazard's double", "[hazard]") {
  // The driver loop relies on this being bit-identical, so runs do not change with it.
  const PiecewiseHazard h(kBreaks, kRates);
  CaseStream rng(5, 0, 0);
  int differ = 0;
  for (const double from : {-1.0, 0.0, 0.25, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0})
    for (const double factor : {1.0, 0.0, 0.4, 2.5})
      for (int i = 0; i < 200; ++i) {
        const double e = rng.exponential();
        if (h.invert_scaled_from(from, factor, e) != h.scaled_from(from, factor).invert(e)) ++differ;
      }
  CHECK(differ == 0);
  CHECK(PiecewiseHazard{}.invert_scaled_from(0.5, 2.0, 1.0) == PiecewiseHazard::kNever);
}
