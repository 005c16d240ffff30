#include "models/studies/bootstrap.h"

#include <algorithm>
#include <span>

#include "engine/rng.h"
#include "engine/stats.h"

namespace doorstroom::models {

std::vector<Interval> bootstrap_intervals(int units, int resamples, std::uint32_t seed, const UnitStatistics& statistics) {
  std::vector<std::vector<double>> samples;  // [statistic][resample]
  std::vector<int> draw(static_cast<std::size_t>(units));
  for (int b = 0; b < resamples; ++b) {
    engine::CaseStream rng(seed, 0, static_cast<std::uint64_t>(b), engine::stream::bootstrap);
    for (auto& u : draw) u = static_cast<int>(rng() % static_cast<std::uint32_t>(units));
    const auto values = statistics(draw);
    samples.resize(values.size());
    for (std::size_t s = 0; s < values.size(); ++s) samples[s].push_back(values[s]);
  }
  std::vector<Interval> intervals;
  for (auto& s : samples) {
    std::sort(s.begin(), s.end());
    intervals.push_back({engine::quantile_of_sorted(std::span<const double>(s), 0.025),
                         engine::quantile_of_sorted(std::span<const double>(s), 0.975)});
  }
  return intervals;
}

}  // namespace doorstroom::models
