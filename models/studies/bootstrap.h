#pragma once
// Percentile bootstrap over the independent units of a design (Morris trajectories, Saltelli base
// points): the units are drawn with replacement, the statistics recomputed on each resample, and
// each statistic's 2.5th and 97.5th percentile over the resamples is its 95% interval. Resampling
// whole units keeps the pairs an estimator needs (a trajectory's steps, a base point's A, B and
// AB_i) together. The draws are a pure function of the seed, so an analysis repeats exactly.
#include <cstdint>
#include <functional>
#include <vector>

namespace doorstroom::models {

struct Interval {
  double low = 0.0, high = 0.0;
};

// statistics(units) returns one value per statistic for the given unit indices (a multiset).
using UnitStatistics = std::function<std::vector<double>(const std::vector<int>& units)>;

std::vector<Interval> bootstrap_intervals(int units, int resamples, std::uint32_t seed, const UnitStatistics& statistics);

}  // namespace doorstroom::models
