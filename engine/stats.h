#pragma once
// Summaries over replicates: the mean and a 95% interval for the mean from Student's t with
// (replicates - 1) degrees of freedom. The interval holds Monte Carlo error only, unless the
// replicates also draw parameters (then it holds both; the manifest says which).
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <span>

namespace doorstroom::engine {

struct Summary {
  double mean = 0.0;
  double low = std::numeric_limits<double>::quiet_NaN();  // NaN with a single replicate
  double high = std::numeric_limits<double>::quiet_NaN();
  double standard_error = std::numeric_limits<double>::quiet_NaN();
};

inline double t_quantile_975(int degrees_of_freedom) {
  const boost::math::students_t dist(static_cast<double>(degrees_of_freedom));
  return boost::math::quantile(dist, 0.975);
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

}  // namespace doorstroom::engine
