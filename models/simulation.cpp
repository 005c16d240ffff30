#include "models/simulation.h"

#include <algorithm>

#include "engine/progress.h"
#include "models/outcomes.h"

namespace doorstroom::models {

std::vector<std::uint64_t> allocate_students(std::uint64_t students, int strata) {
  std::vector<std::uint64_t> n(static_cast<std::size_t>(strata), students / static_cast<std::uint64_t>(strata));
  for (std::uint64_t i = 0; i < students % static_cast<std::uint64_t>(strata); ++i) ++n[i];
  return n;
}

SimulationResult simulate(const ChainModel& model, const SimulationOptions& options) {
  SimulationResult result;
  result.simulated = allocate_students(options.students, static_cast<int>(model.strata.size()));
  std::vector<bool> chain;
  int censuses = 0;
  for (std::size_t g = 0; g < model.strata.size(); ++g) {
    chain.push_back(model.strata[g].starts_in_vo);
    censuses = std::max(censuses, censuses_within(model.process.group(static_cast<int>(g)).end));
  }
  const CensusTally prototype(chain, model.horizon_years, censuses);

  engine::RunPlan plan;
  plan.seed = options.seed;
  plan.replications = options.replications;
  plan.cases_per_group = result.simulated;
  plan.threads = options.threads;

  engine::ProgressLine progress("simulating students", options.progress);
  result.replicates = engine::run_replicates(model.process, plan, prototype,
                                             [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
  progress.finish();
  result.seconds = progress.seconds();
  return result;
}

}  // namespace doorstroom::models
