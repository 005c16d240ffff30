// The random stream is a pure function of (seed, replicate, case): that is what makes runs
// independent of the thread count and gives common random numbers between scenarios.
#include <catch2/catch.hpp>

#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/rng.h"

using doorstroom::engine::CaseStream;

namespace {
std::vector<std::uint32_t> first_words(CaseStream rng, int n) {
  std::vector<std::uint32_t> w;
  for (int i = 0; i < n; ++i) w.push_back(rng());
  return w;
}
}  // namespace

TEST_CASE("a case's stream depends only on seed, replicate and case", "[rng]") {
  CHECK(first_words(CaseStream(1, 2, 3), 9) == first_words(CaseStream(1, 2, 3), 9));
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(2, 2, 3), 9));
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(1, 3, 3), 9));
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(1, 2, 4), 9));
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(1, 2, 3, 1), 9));
  // The high half of the case index is part of the counter too.
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(1, 2, 3 + (std::uint64_t{1} << 40)), 9));
}

TEST_CASE("the stream works as a URBG under Boost.Random", "[rng]") {
  CaseStream rng(5, 0, 0);
  boost::random::uniform_int_distribution<int> die(1, 6);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 60000; ++i) ++counts[static_cast<std::size_t>(die(rng))];
  for (int face = 1; face <= 6; ++face) CHECK(counts[static_cast<std::size_t>(face)] == Approx(10000).margin(400));
  CHECK(rng.words_drawn() >= 60000);
}

TEST_CASE("uniform and exponential draws have the right means", "[rng][statistics]") {
  double u = 0.0, e = 0.0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    CaseStream rng(9, 0, static_cast<std::uint64_t>(i));
    u += rng.uniform();
    e += rng.exponential();
  }
  // Standard errors: 0.2887 / sqrt(n) and 1 / sqrt(n); 5 SE.
  CHECK(u / n == Approx(0.5).margin(5 * 0.2887 / std::sqrt(n)));
  CHECK(e / n == Approx(1.0).margin(5 / std::sqrt(n)));
}

// CaseStream::uniform is Boost's uniform_01 without its retry loop, which never runs on this engine.
TEST_CASE("uniform draws are Boost's uniform_01, word for word", "[rng]") {
  int mismatches = 0;
  for (std::uint64_t c = 0; c < 200; ++c) {
    CaseStream fast(11, 3, c), boost_draws(11, 3, c);
    for (int i = 0; i < 500; ++i) mismatches += fast.uniform() != boost::random::uniform_01<double>{}(boost_draws);
    mismatches += fast.words_drawn() != boost_draws.words_drawn();
  }
  CHECK(mismatches == 0);
}

namespace {
// Draws from the ziggurat and what the test below needs of them: a histogram on bins of equal
// Exp(1) probability, the draws beyond two points of the tail, and the draws that took more than
// one word (those left the layers' rectangles: a wedge or the tail).
struct ExponentialSample {
  static constexpr int kBins = 200;
  std::vector<int> bins = std::vector<int>(kBins, 0);
  int n = 0;
  int beyond_base = 0;   // above the base layer's edge, 7.697: only the tail's shift reaches there
  int beyond_nine = 0;
  int more_words = 0;

  void add(double e, std::uint64_t words) {
    ++n;
    const double survival = std::exp(-e);
    const int bin = std::min(kBins - 1, static_cast<int>((1.0 - survival) * kBins));
    ++bins[static_cast<std::size_t>(bin)];
    beyond_base += e > 7.6971174701310497;
    beyond_nine += e > 9.0;
    more_words += words > 1;
  }
  [[nodiscard]] double chi_square() const {
    const double expected = static_cast<double>(n) / kBins;
    double chi2 = 0.0;
    for (const int c : bins) chi2 += (c - expected) * (c - expected) / expected;
    return chi2;
  }
};
}  // namespace

// CaseStream::exponential is a ziggurat on one word: its common case, its wedges (accepted by the
// density) and its tail (the distribution again, shifted) must together give Exp(1). A wedge that
// accepted every point, or a tail without its shift, moves about 1% of the draws: hundreds of
// standard errors on this many draws.
TEST_CASE("exponential draws follow Exp(1) through the ziggurat's layers, wedges and tail", "[rng][statistics]") {
  ExponentialSample sample;
  for (std::uint64_t c = 0; c < 4000; ++c) {
    CaseStream rng(13, 1, c);
    for (int i = 0; i < 1000; ++i) {
      const std::uint64_t before = rng.words_drawn();
      const double e = rng.exponential();
      sample.add(e, rng.words_drawn() - before);
    }
  }
  const double n = sample.n;
  // 199 degrees of freedom: mean 199, sd 20; 300 is five sd.
  CHECK(sample.chi_square() < 300.0);
  // Binomial counts, within five standard errors.
  const auto within = [n](int count, double p) { return std::abs(count - n * p) < 5.0 * std::sqrt(n * p * (1 - p)); };
  CHECK(within(sample.beyond_base, std::exp(-7.6971174701310497)));
  CHECK(within(sample.beyond_nine, std::exp(-9.0)));
  // About 1% of draws leave the rectangles, so both rare paths ran thousands of times.
  CHECK(sample.more_words > 10000);
  CHECK(sample.more_words < 0.03 * n);
}

// The numbers a case draws are fixed by its stream: the first exponentials of one case, as this
// version of the ziggurat gives them. If this fails, the stream changed, and with it every
// published number: recalibrate (docs/calibration-method.md) before changing the values here.
TEST_CASE("a case's first exponential draws are fixed", "[rng]") {
  CaseStream rng(1, 0, 0);
  std::vector<double> e;
  for (int i = 0; i < 3; ++i) e.push_back(rng.exponential());
  CHECK(e == std::vector<double>{0x1.ac64c83ac8a6bp+0, 0x1.c6b5c46a9bf72p-1, 0x1.1cdf23ede17b6p-1});
  CHECK(rng.words_drawn() == 3);
}
