// Both kinds of interval against values worked out by hand.
#include <catch2/catch.hpp>

#include <vector>

#include "engine/stats.h"

using namespace doorstroom::engine;

TEST_CASE("the interval of the mean uses Student's t", "[stats]") {
  const std::vector<double> v{1.0, 2.0, 3.0, 4.0};
  const Summary s = summarize(v);
  CHECK(s.mean == Approx(2.5));
  // sd = 1.29099, se = 0.645497, t(0.975, 3) = 3.182446
  CHECK(s.standard_error == Approx(0.645497).epsilon(1e-5));
  CHECK(s.high - s.mean == Approx(3.182446 * 0.645497).epsilon(1e-5));
  CHECK(s.mean - s.low == Approx(s.high - s.mean));
  const Summary one = summarize(std::vector<double>{0.3});
  CHECK(one.mean == 0.3);
  CHECK(std::isnan(one.low));
}

TEST_CASE("the spread interval is the 2.5th to 97.5th percentile and does not shrink with replicates", "[stats]") {
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i);
  const Summary s = summarize(v, IntervalKind::spread);
  CHECK(s.low == Approx(2.5));
  CHECK(s.high == Approx(97.5));
  std::vector<double> twice = v;
  twice.insert(twice.end(), v.begin(), v.end());
  const Summary t = summarize(twice, IntervalKind::spread);
  CHECK(t.high - t.low == Approx(s.high - s.low).epsilon(0.02));
  CHECK(summarize(twice).high - summarize(twice).low < summarize(v).high - summarize(v).low);
}
