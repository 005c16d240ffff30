#pragma once
// Time in doorstroom's engine is a double counting years from the start of a case's calendar
// (t = 0). Dates that recur every year (a census day, the start of a school year) are given by
// their phase, the fraction of a year after t = 0. Keeping time in years lets hazards be written
// per year, the unit of every rate in the source tables.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace doorstroom::engine {

using Years = double;

// std::floor(x), the same double, in a few instructions: the portable x86-64 build has no SSE4.1
// rounding instruction, so std::floor is a sequence of about 19, and the driver loop takes one at
// every stay that has a yearly decision and at every decision. Below 2^52 in magnitude a double
// converts to a whole number exactly; beyond that (and for infinities) std::floor answers.
inline double floor_of(double x) {
  if (!(std::fabs(x) < 0x1p52)) return std::floor(x);
  const double whole = static_cast<double>(static_cast<std::int64_t>(x));  // rounded towards zero
  return whole > x ? whole - 1.0 : whole;
}

// A date that recurs every year at t = phase + k, k = 0, 1, 2, ...
struct YearlyDate {
  Years phase = 0.0;  // in [0, 1)

  // The first occurrence strictly after t. Strictly, so that an event at a date never fires
  // twice and a state entered on a date meets that date's next occurrence, not this one.
  [[nodiscard]] Years next_after(Years t) const {
    // Occurrences are always computed as phase + k with k whole, so the same date is the same
    // double every time; the 1e-9 year (0.03 s) tolerance makes a t that is itself an occurrence,
    // whatever its rounding, count as reached.
    const double k = floor_of(t - phase + 1e-9) + 1.0;
    return phase + k;
  }
  // Number of the occurrence at time t (0 for the first, at t = phase).
  [[nodiscard]] int index_of(Years t) const { return static_cast<int>(std::lround(t - phase)); }

  // A cursor for a clock that only moves forward, so the driver loop needs no floor per event:
  // at(k) is the occurrence numbered k, the same double as next_after gives, and if k numbers
  // next_after(t0), then advance(k, t) numbers next_after(t) for any t >= t0 (same tolerance).
  [[nodiscard]] Years at(int k) const { return phase + static_cast<double>(k); }
  [[nodiscard]] int first_after(Years t) const { return index_of(next_after(t)); }
  // The number of the first occurrence after k that is later than t, for t >= at(k): the same as
  // counting up from k while at(k) <= t, but without a loop whose length is random. The estimate
  // from the difference is off by at most one where at() rounds, and the two tests correct it.
  [[nodiscard]] int end_of_run(int k, Years t) const {
    int end = std::max(k + 1, static_cast<int>(t - phase) + 1);  // t - phase >= at(k) - phase >= 0
    if (end > k + 1 && at(end - 1) > t) --end;
    if (at(end) <= t) ++end;
    return end;
  }
  [[nodiscard]] int advance(int k, Years t) const {
    while (t - phase + 1e-9 >= static_cast<double>(k)) ++k;
    return k;
  }
};

}  // namespace doorstroom::engine
