#include "models/measure/flows.h"

#include <algorithm>
#include <cstdio>

#include "models/chain/states.h"
#include "models/measure/census.h"
#include "models/measure/outcomes.h"

namespace doorstroom::models {

FlowTally::FlowTally(std::vector<bool> chain_strata, std::vector<int> followed, int horizon_years)
    : chain_strata_(std::move(chain_strata)),
      followed_(std::move(followed)),
      horizon_(std::max(horizon_years, kFlowOutcomeYears)),
      counts_(chain_strata_.size() * kFlowRoutes * kFlowPositions * kFlowOutcomes) {}

void FlowTally::merge(const FlowTally& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

std::uint64_t FlowTally::students(int g) const {
  const auto first = counts_.begin() + static_cast<std::ptrdiff_t>(index(g, 0, 0, 0));
  std::uint64_t n = 0;
  for (auto it = first; it != first + kFlowRoutes * kFlowPositions * kFlowOutcomes; ++it) n += *it;
  return n;
}

FlowTally empty_flow_tally(const ChainModel& model) {
  std::vector<bool> chain;
  std::vector<int> followed;
  for (std::size_t g = 0; g < model.strata.size(); ++g) {
    chain.push_back(model.strata[g].starts_in_vo);
    followed.push_back(censuses_within(model.process.group(static_cast<int>(g)).end));
  }
  return FlowTally(chain, followed, model.horizon_years);
}

std::string flows_csv(const std::string& scenario, const ChainModel& model, const FlowTally& tally) {
  std::string out = "scenario,origin,route,position_1y,outcome_5y,students,per_year\n";
  for (int g = 0; g < tally.groups(); ++g) {
    const std::uint64_t n = tally.students(g);
    if (n == 0) continue;
    const double weight = model.strata[static_cast<std::size_t>(g)].cohort / static_cast<double>(n);
    for (int r = 0; r < kFlowRoutes; ++r)
      for (int p = 0; p < kFlowPositions; ++p)
        for (int o = 0; o < kFlowOutcomes; ++o) {
          const std::uint64_t count =
              tally.students(g, static_cast<FlowRoute>(r), static_cast<FlowPosition>(p), static_cast<FlowOutcome>(o));
          if (count == 0) continue;
          char per_year[48];
          std::snprintf(per_year, sizeof per_year, "%.3f", weight * static_cast<double>(count));
          out += scenario + ',' + model.strata[static_cast<std::size_t>(g)].name + ',' +
                 std::string(kFlowRouteNames[static_cast<std::size_t>(r)]) + ',' +
                 std::string(kFlowPositionNames[static_cast<std::size_t>(p)]) + ',' +
                 std::string(kFlowOutcomeNames[static_cast<std::size_t>(o)]) + ',' + std::to_string(count) + ',' +
                 per_year + '\n';
        }
  }
  return out;
}

}  // namespace doorstroom::models
