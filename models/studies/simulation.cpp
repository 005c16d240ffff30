#include "models/studies/simulation.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/measure/census_and_flows.h"
#include "models/measure/outcomes.h"
#include "system/progress.h"

namespace doorstroom::models {

std::vector<std::uint64_t> allocate_students(std::uint64_t students, int strata) {
  std::vector<std::uint64_t> n(static_cast<std::size_t>(strata), students / static_cast<std::uint64_t>(strata));
  for (std::uint64_t i = 0; i < students % static_cast<std::uint64_t>(strata); ++i) ++n[i];
  return n;
}

CensusTally empty_tally(const ChainModel& model) {
  std::vector<bool> chain;
  std::vector<int> followed;
  int censuses = 0;
  for (std::size_t g = 0; g < model.strata.size(); ++g) {
    chain.push_back(model.strata[g].starts_in_vo);
    followed.push_back(censuses_within(model.process.group(static_cast<int>(g)).end));
    censuses = std::max(censuses, followed.back());
  }
  return CensusTally(chain, model.horizon_years, censuses, followed);
}

namespace {

// Every replicate keeps its own tally (the intervals need per-replicate values), and while a run
// is going each thread holds one per replicate too. A request for 100,000 replicates would swap
// the machine to a halt and die; this refuses it up front, saying what it would take.
void check_tally_memory(const CensusTally& prototype, const SimulationOptions& options, int tallies_per_replicate) {
  const double per_tally = 8.0 * static_cast<double>(prototype.word_count());
  const double needed = per_tally * options.replications * tallies_per_replicate;
  const double physical = static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * static_cast<double>(::sysconf(_SC_PAGE_SIZE));
  if (physical <= 0 || needed <= 0.5 * physical) return;
  char message[400];
  std::snprintf(message, sizeof message,
                "--replications %d needs about %.1f GB for its tallies (%.2f MB per replicate%s), more than half of this "
                "machine's %.1f GB; use fewer replicates (--students sets how many students each one holds)",
                options.replications, needed / 1e9, per_tally * tallies_per_replicate / 1e6,
                tallies_per_replicate > 1 ? ", with one per thread while it runs" : "", physical / 1e9);
  throw InputError(message);
}

}  // namespace

SimulationResult simulate_varying(const std::function<ParameterSet(int)>& parameters_for, const SimulationOptions& options,
                                  const ChainModel* fixed) {
  SimulationResult result;
  system::ProgressLine progress("simulating replicates", options.progress);
  for (int r = 0; r < options.replications; ++r) {
    if (options.cancelled && options.cancelled())
      throw Cancelled("stopped after " + std::to_string(r) + " of " + std::to_string(options.replications) + " replicates");
    // With a fixed model every replicate runs it; otherwise each compiles its own parameters.
    std::optional<ChainModel> own;
    if (!fixed) own.emplace(compile(parameters_for(r)));
    const ChainModel& model = fixed ? *fixed : *own;
    if (r == 0) check_tally_memory(empty_tally(model), options, 1);
    std::vector<double> cohort;
    for (const auto& st : model.strata) cohort.push_back(st.cohort);
    result.cohorts.push_back(cohort);
    if (r % options.ranks != options.rank) {
      // Another process runs this replicate; an empty tally keeps the replicate's place.
      result.replicates.push_back(empty_tally(model));
      result.simulated = allocate_students(options.students, static_cast<int>(model.strata.size()));
      continue;
    }
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
  // Decide what the scenario changed before setting anything: setting one share rescales the
  // others of its distribution, which must not make them look changed by the scenario.
  std::vector<bool> kept;
  for (const auto& [path, value] : draw) kept.push_back(get_parameter(scenario, path) != get_parameter(base, path));
  ParameterSet p = scenario;
  for (std::size_t i = 0; i < draw.size(); ++i)
    if (!kept[i]) set_parameter(p, draw[i].first, draw[i].second);
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
  if (options.ranks > 1) return simulate_varying([&](int) { return ParameterSet{}; }, options, &model);
  SimulationResult result;
  result.simulated = allocate_students(options.students, static_cast<int>(model.strata.size()));
  const CensusTally prototype = empty_tally(model);
  check_tally_memory(prototype, options, std::max(1, options.threads) + 1);

  engine::RunPlan plan;
  plan.seed = options.seed;
  plan.replications = options.replications;
  plan.cases_per_group = result.simulated;
  plan.threads = options.threads;

  system::ProgressLine progress("simulating students", options.progress);
  // Progress over the whole run: the flows' pass over replicate 0 and the pass over the rest are
  // two calls of run_replicates, each counting its own cases.
  const std::uint64_t per_replicate = options.students;
  const std::uint64_t all = per_replicate * static_cast<std::uint64_t>(std::max(0, options.replications));
  auto report_from = [&](std::uint64_t before) {
    engine::ProgressFn report;
    if (options.progress) report = [&progress, before, all](std::uint64_t done, std::uint64_t) { progress.update(before + done, all); };
    return report;
  };
  if (!options.flows || options.replications < 1) {
    result.replicates = engine::run_replicates(model.process, plan, prototype, report_from(0));
  } else {
    // Replicate 0 with both tallies, then the others with the census tally alone: the flows cost
    // their own observer calls, not a second simulation of replicate 0 (as tally_flows does).
    plan.replications = 1;
    auto first = engine::run_replicates(model.process, plan, CensusAndFlows(prototype, empty_flow_tally(model)), report_from(0));
    result.replicates.push_back(std::move(first.front().census_tally));
    result.flows = std::move(first.front().flow_tally);
    if (options.replications > 1) {
      plan.first_replicate = 1;
      plan.replications = options.replications - 1;
      for (auto& tally : engine::run_replicates(model.process, plan, prototype, report_from(per_replicate)))
        result.replicates.push_back(std::move(tally));
    }
  }
  progress.finish();
  result.seconds = progress.seconds();
  return result;
}

FlowTally tally_flows(const ChainModel& model, const SimulationOptions& options) {
  engine::RunPlan plan;
  plan.seed = options.seed;
  plan.replications = 1;
  plan.first_replicate = 0;
  plan.cases_per_group = allocate_students(options.students, static_cast<int>(model.strata.size()));
  plan.threads = options.threads;
  return engine::run_replicates(model.process, plan, empty_flow_tally(model)).front();
}

}  // namespace doorstroom::models
