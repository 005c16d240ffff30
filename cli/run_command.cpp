// `doorstroom run`: simulates one or more scenarios, each into a run folder. Under mpirun the
// replicates are split over the ranks and summed at rank 0, which writes the folder.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "system/mpi.h"
#include "models/studies/run.h"

namespace doorstroom::cli {
namespace {

struct RunSettings {
  models::RunRequest request;
  std::vector<std::string> files;  // empty: the built-in baseline
};

void print_summary(const models::RunSummary& summary) {
  std::fprintf(stderr, "doorstroom: %s: %llu students in %.2f s (%.3g students/s); wrote %s\n", summary.scenario.c_str(),
               static_cast<unsigned long long>(summary.students_simulated), summary.seconds,
               static_cast<double>(summary.students_simulated) / std::max(summary.seconds, 1e-9), summary.out_dir.c_str());
}

int run_scenarios(const RunSettings& settings, const Context& context) {
  const system::MpiSession& mpi = context.mpi;
  models::RunRequest run = settings.request;
  run.command_line = context.command_line;
  run.options.progress = !context.quiet && mpi.rank() == 0;
  run.options.rank = mpi.rank();
  run.options.ranks = mpi.size();
  if (mpi.size() > 1) run.sum_to_root = [&mpi](std::vector<std::uint64_t>& words) { mpi.sum_to_root(words); };
  std::vector<std::string> files = settings.files;
  if (files.empty()) files.push_back("");
  for (const auto& file : files) {
    run.scenario_file = file;
    // With several scenarios each gets a folder of its own, named after the scenario.
    run.out_dir = files.size() > 1 ? settings.request.out_dir + "/" + models::load(file, "").name : settings.request.out_dir;
    const auto summary = models::run_to_folder(run);
    if (mpi.rank() == 0) print_summary(summary);
  }
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app, bool& quiet) {
  auto settings = std::make_shared<RunSettings>();
  models::RunRequest& run = settings->request;
  run.options = simulation_defaults();
  CLI::App* cmd = app.add_subcommand("run", "Simulate a scenario and write a run folder (manifest.json, outcomes.csv, census.csv)");
  cmd->add_option("scenarios", settings->files,
                  "Scenario files (default: the built-in scenarios/baseline.toml); with several, each goes to OUT/<scenario name>");
  cmd->add_option("--parameters", run.parameters_file, "Parameter file (default: the built-in models/data/parameters.toml)");
  add_simulation_options(*cmd, run.options,
                         {"Students simulated per replicate, over all strata", "Independent replicates (intervals need at least 2)",
                          "Random seed (0 to 4294967295)", "Worker threads (results do not depend on it)"})
      ->capture_default_str();
  cmd->add_option("--out", run.out_dir, "Output folder")->capture_default_str();
  add_quiet(*cmd, quiet, "No progress line on stderr");
  cmd->add_flag("!--no-flows", run.flows, "Skip flows.csv (the report's Sankey then falls back to an estimate)");
  cmd->add_flag("--parameter-uncertainty", run.parameter_uncertainty,
                "Draw a calibrated parameter set per replicate (intervals then hold parameter uncertainty too)");
  return {cmd, true, [settings](const Context& context) { return run_scenarios(*settings, context); }};
}

}  // namespace doorstroom::cli
