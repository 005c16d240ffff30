// Morris elementary effects on models with known answers: on a linear model every elementary
// effect is the coefficient times the parameter's range, so mu* = |coefficient| x range and
// sigma = 0; a product term gives sigma > 0. The power check: the same comparison fails when the
// outcomes are not in the design's order (a broken pairing of steps).
#include <catch2/catch.hpp>

#include <set>

#include "models/io/input_error.h"
#include "models/studies/morris.h"
#include "models/studies/sweep.h"
#include "models/studies/unit_design.h"

using namespace doorstroom;

namespace {

const std::vector<models::UnitRange> kRanges{{"a", 0.0, 2.0}, {"b", 1.0, 1.5}, {"c", -1.0, 3.0}, {"d", 0.2, 0.4}};
const std::vector<double> kCoef{3.0, -4.0, 0.5, 0.0};
const std::vector<std::string> kNames{"a", "b", "c", "d"};

std::vector<double> linear(const models::Design& d) {
  std::vector<double> y;
  for (const auto& x : d.points) {
    double v = 1.0;
    for (std::size_t j = 0; j < x.size(); ++j) v += kCoef[j] * x[j];
    y.push_back(v);
  }
  return y;
}

// mu* of each parameter equals |coefficient| x range (to rounding), in the given order of names.
bool linear_answer(const std::vector<models::MorrisIndex>& indices) {
  bool ok = true;
  for (const auto& m : indices) {
    const auto j = static_cast<std::size_t>(std::find(kNames.begin(), kNames.end(), m.parameter) - kNames.begin());
    const double expected = std::abs(kCoef[j]) * (kRanges[j].high - kRanges[j].low);
    ok = ok && std::abs(m.mu_star - expected) < 1e-9 && m.sigma < 1e-9 && std::abs(std::abs(m.mu) - expected) < 1e-9;
  }
  return ok;
}

}  // namespace

TEST_CASE("Morris trajectories move one parameter at a time by the documented step on a p-level grid", "[morris]") {
  const models::MorrisDesign design{10, 4};
  const auto u = models::morris_unit_points(4, design, 7);
  REQUIRE(u.size() == 10u * 5u);
  CHECK(models::morris_step(4) == Approx(2.0 / 3.0));
  for (std::size_t t = 0; t < 10; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t s = 1; s <= 4; ++s) {
      int changes = 0;
      for (std::size_t j = 0; j < 4; ++j) {
        const double a = u[t * 5 + s - 1][j], b = u[t * 5 + s][j];
        CHECK(std::abs(a * 3 - std::round(a * 3)) < 1e-12);  // on the grid {0, 1/3, 2/3, 1}
        if (a != b) {
          ++changes;
          moved.insert(j);
          CHECK(std::abs(b - a) == Approx(2.0 / 3.0));
        }
      }
      CHECK(changes == 1);
    }
    CHECK(moved.size() == 4u);  // every parameter moves once per trajectory
  }
  CHECK_THROWS_WITH(models::morris_unit_points(4, {10, 5}, 7), Catch::Contains("expected an even number of levels"));
}

TEST_CASE("Morris mu* of a linear model is |coefficient| x range, with sigma 0", "[morris]") {
  const auto u = models::morris_unit_points(4, {8, 4}, 3);
  const auto design = models::map_unit_points(kRanges, u);
  const auto y = linear(design);
  const auto indices = models::morris_indices(kNames, u, y, 200, 1);
  CHECK(linear_answer(indices));
  CHECK(indices.front().parameter == "a");  // 3 x 2 = 6, ahead of 4 x 0.5 = 2 and 0.5 x 4 = 2
  // Power: outcomes out of the design's order break the pairing of steps, and the check fails.
  auto shuffled = y;
  std::rotate(shuffled.begin(), shuffled.begin() + 1, shuffled.end());
  CHECK_FALSE(linear_answer(models::morris_indices(kNames, u, shuffled, 200, 1)));
}

TEST_CASE("Morris sigma and its interval show an interaction, and the intervals cover the truth", "[morris]") {
  const auto u = models::morris_unit_points(2, {200, 4}, 5);
  std::vector<double> y;
  for (const auto& x : u) y.push_back(x[0] * x[1] + x[0]);  // d/dx0 = x1 + 1 in [1, 2]; d/dx1 = x0 in [0, 1]
  const auto indices = models::morris_indices({"x0", "x1"}, u, y, 500, 2);
  const auto& x0 = indices[0];
  const auto& x1 = indices[1];
  REQUIRE(x0.parameter == "x0");
  // The effect of x0 is 1 + x1 averaged over the levels of x1 (mean 1.5); of x1, x0 (mean 0.5).
  CHECK(x0.mu_star_ci.low <= 1.5);
  CHECK(x0.mu_star_ci.high >= 1.5);
  CHECK(x1.mu_star_ci.low <= 0.5);
  CHECK(x1.mu_star_ci.high >= 0.5);
  CHECK(x0.sigma > 0.2);
  CHECK(x1.sigma_ci.low > 0.2);
}
