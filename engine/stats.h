#pragma once
// Summaries over replicates. Two kinds of 95% interval, for two questions:
// - IntervalKind::mean: where the expected value lies, given Monte Carlo noise: Student's t with
//   (replicates - 1) degrees of freedom. It narrows as replicates are added. Right when every
//   replicate runs the same parameters.
// - IntervalKind::spread: the 2.5th to 97.5th percentile of the replicates themselves. Right when
//   each replicate draws its own parameters or assumed effects: the interval then shows how far
//   the answer moves with them, and does not shrink with more replicates.
#include <boost/math/distributions/students_t.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <algorithm>
#include <vector>

namespace doorstroom::engine {

struct Summary {
  double mean = 0.0;
  double low = std::numeric_limits<double>::quiet_NaN();  // NaN with a single replicate
  double high = std::numeric_limits<double>::quiet_NaN();
  double standard_error = std::numeric_limits<double>::quiet_NaN();
};

inline double t_quantile_975(int degrees_of_freedom) {
  // Boost's quantile is exact but slow (an inverse incomplete beta in long double); a table of
  // summaries calls it once per row with the same few degrees of freedom, so the common ones
  // are computed once. The table is immutable after its first use, so threads may share it.
  constexpr int kTabled = 256;
  auto exact = [](int df) { return boost::math::quantile(boost::math::students_t(static_cast<double>(df)), 0.975); };
  static const std::array<double, kTabled> table = [&] {
    std::array<double, kTabled> t{};
    for (int df = 1; df < kTabled; ++df) t[static_cast<std::size_t>(df)] = exact(df);
    return t;
  }();
  if (degrees_of_freedom >= 1 && degrees_of_freedom < kTabled) return table[static_cast<std::size_t>(degrees_of_freedom)];
  return exact(degrees_of_freedom);
}

enum class IntervalKind { mean, spread };

// The q-quantile of sorted values, interpolating linearly between order statistics.
inline double quantile_of_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

inline Summary summarize(std::span<const double> values) {
  Summary s;
  const auto n = values.size();
  if (n == 0) return s;
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(n);
  if (n < 2) return s;
  double ss = 0.0;
  for (double v : values) ss += (v - s.mean) * (v - s.mean);
  s.standard_error = std::sqrt(ss / static_cast<double>(n - 1) / static_cast<double>(n));
  const double half = t_quantile_975(static_cast<int>(n - 1)) * s.standard_error;
  s.low = s.mean - half;
  s.high = s.mean + half;
  return s;
}

inline Summary summarize(std::span<const double> values, IntervalKind kind) {
  Summary s = summarize(values);
  if (kind == IntervalKind::mean || values.size() < 2) return s;
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  s.low = quantile_of_sorted(sorted, 0.025);
  s.high = quantile_of_sorted(sorted, 0.975);
  return s;
}

}  // namespace doorstroom::engine
