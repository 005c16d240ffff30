#include "models/simulation.h"

#include <algorithm>

#include "engine/progress.h"
#include "models/input_error.h"
#include "models/outcomes.h"
#include "models/parameter_path.h"

namespace doorstroom::models {

std::vector<std::uint64_t> allocate_students(std::uint64_t students, int strata) {
  std::vector<std::uint64_t> n(static_cast<std::size_t>(strata), students / static_cast<std::uint64_t>(strata));
  for (std::uint64_t i = 0; i < students % static_cast<std::uint64_t>(strata); ++i) ++n[i];
  return n;
}

CensusTally empty_tally(const ChainModel& model) {
  std::vector<bool> chain;
  int censuses = 0;
  for (std::size_t g = 0; g < model.strata.size(); ++g) {
    chain.push_back(model.strata[g].starts_in_vo);
    censuses = std::max(censuses, censuses_within(model.process.group(static_cast<int>(g)).end));
  }
  return CensusTally(chain, model.horizon_years, censuses);
}

SimulationResult simulate_varying(const std::function<ParameterSet(int)>& parameters_for, const SimulationOptions& options) {
  SimulationResult result;
  engine::ProgressLine progress("simulating replicates", options.progress);
  for (int r = 0; r < options.replications; ++r) {
    const ChainModel model = compile(parameters_for(r));
    engine::RunPlan plan;
    plan.seed = options.seed;
    plan.replications = 1;
    plan.first_replicate = static_cast<std::uint32_t>(r);
    plan.cases_per_group = allocate_students(options.students, static_cast<int>(model.strata.size()));
    plan.threads = options.threads;
    auto tallies = engine::run_replicates(model.process, plan, empty_tally(model));
    result.replicates.push_back(std::move(tallies.front()));
    result.simulated = plan.cases_per_group;
    progress.update(static_cast<std::uint64_t>(r + 1), static_cast<std::uint64_t>(options.replications));
  }
  progress.finish();
  result.seconds = progress.seconds();
  return result;
}

ParameterSet apply_draw_under(const ParameterSet& scenario, const ParameterSet& base, const ParameterDraw& draw) {
  ParameterSet p = scenario;
  for (const auto& [path, value] : draw)
    if (get_parameter(p, path) == get_parameter(base, path)) set_parameter(p, path, value);
  return p;
}

SimulationResult simulate_with_draws(const ParameterSet& base, const std::vector<ParameterDraw>& draws,
                                     const SimulationOptions& options) {
  if (draws.empty()) throw InputError("parameter uncertainty: there are no parameter draws (run `doorstroom calibrate`)");
  return simulate_varying(
      [&](int r) {
        ParameterSet p = base;
        for (const auto& [path, value] : draws[static_cast<std::size_t>(r) % draws.size()]) set_parameter(p, path, value);
        return p;
      },
      options);
}

SimulationResult simulate(const ChainModel& model, const SimulationOptions& options) {
  SimulationResult result;
  result.simulated = allocate_students(options.students, static_cast<int>(model.strata.size()));
  const CensusTally prototype = empty_tally(model);

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
