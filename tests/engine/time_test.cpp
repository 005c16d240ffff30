// Yearly dates must each fire exactly once, whatever rounding the event times carry: a census
// seen twice was the first bug the Markov comparison caught.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "engine/time.h"

using doorstroom::engine::YearlyDate;

TEST_CASE("walking from occurrence to occurrence meets each one once", "[time]") {
  for (double phase : {0.0, 1.0 / 6.0, 0.5, 11.0 / 12.0}) {
    const YearlyDate date{phase};
    double t = 0.0;
    for (int k = 0; k < 200; ++k) {
      const double next = date.next_after(t);
      CHECK(next > t);
      CHECK(date.index_of(next) == (phase == 0.0 ? k + 1 : k));
      t = next;
    }
  }
}

TEST_CASE("an occurrence reached by another rounding path is not repeated", "[time]") {
  const YearlyDate census{2.0 / 12.0};
  // (phase + 4) + 1 and phase + 5 may differ in the last bit; both are the 5th occurrence.
  const double a = (census.phase + 4.0) + 1.0;
  const double b = census.phase + 5.0;
  CHECK(census.index_of(census.next_after(a)) == 6);
  CHECK(census.index_of(census.next_after(b)) == 6);
  CHECK(census.next_after(0.0) == Approx(2.0 / 12.0));
  CHECK(census.next_after(5.0) == Approx(5.0 + 2.0 / 12.0));
}

TEST_CASE("a cursor advanced with the clock numbers the same occurrence as next_after", "[time]") {
  for (double phase : {0.0, 1.0 / 6.0, 11.0 / 12.0}) {
    const YearlyDate date{phase};
    int k = date.first_after(0.0);
    int mismatches = 0;
    // Times that land on occurrences by another rounding path, just before and after them, and
    // in between.
    std::vector<double> steps{0.0, 0.3, date.phase, date.phase - 1e-10, date.phase + 1e-10, 0.999};
    std::sort(steps.begin(), steps.end());  // the clock only moves forward
    for (int year = 0; year < 30; ++year)
      for (double dt : steps) {
        const double t = static_cast<double>(year) + dt;
        if (t < 0.0) continue;
        k = date.advance(k, t);
        if (date.at(k) != date.next_after(t)) ++mismatches;
      }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("the end of a run of occurrences is the one a count from its first would reach", "[time]") {
  // 0.7: 3.7 less one ulp, minus 0.7, rounds to 3, so the estimate is one too many there.
  for (double phase : {0.0, 1.0 / 6.0, 0.7, 0.75, 11.0 / 12.0}) {
    const YearlyDate date{phase};
    int mismatches = 0;
    for (int k = 0; k < 40; ++k)
      // t from the occurrence k itself to far after it: on occurrences, a few ulps either side of
      // them (where the estimate needs its corrections), near them and between them.
      for (int years = 0; years < 12; ++years)
        for (double dt : {0.0, 1e-12, -1e-12, 0.25, 0.5, 0.999999999}) {
          for (int ulps = -2; ulps <= 2; ++ulps) {
            double t = date.at(k + years) + dt;
            for (int u = 0; u < std::abs(ulps); ++u) t = std::nextafter(t, ulps < 0 ? 0.0 : 100.0);
            if (t < date.at(k)) continue;
            int counted = k + 1;
            while (date.at(counted) <= t) ++counted;
            if (date.end_of_run(k, t) != counted) ++mismatches;
          }
        }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("floor_of is std::floor", "[time]") {
  using doorstroom::engine::floor_of;
  for (double x : {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.999999999, -2.000000001, 1e-300, -1e-300, 41.75, 0x1p52 - 0.5,
                   -(0x1p52 - 0.5), 0x1p52, 0x1p60, -0x1p60, std::nextafter(3.0, 0.0), std::nextafter(-3.0, 0.0)})
    CHECK(floor_of(x) == std::floor(x));
  CHECK(floor_of(HUGE_VAL) == HUGE_VAL);
  CHECK(floor_of(-HUGE_VAL) == -HUGE_VAL);
  CHECK(std::isnan(floor_of(std::nan(""))));
  // The driver loop's arguments: t - phase + 1e-9 over decades of simulated time.
  for (int i = -2000; i <= 40000; ++i) {
    const double x = i / 997.0 - 0.6 + 1e-9;
    CHECK(floor_of(x) == std::floor(x));
  }
}
