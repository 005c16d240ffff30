// `doorstroom sweep`: one scenario over a design of parameter values. Under mpirun each rank runs
// its share of the points; rank 0 combines them into sweep.csv once all are written.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "system/mpi.h"
#include "models/studies/run.h"
#include "models/studies/sweep.h"

namespace doorstroom::cli {
namespace {

struct SweepSettings {
  models::SweepRequest request;
  std::string design_file;
  std::vector<std::string> grid, measures;
  models::LatinHypercube lhs;
};

void print_summary(const models::SweepSummary& summary, const models::SweepRequest& swp) {
  std::fprintf(stderr, "doorstroom: sweep of %d points over %zu parameters: %d computed here, %d already done, %.1f s (%.3g points/s on rank 0); %s\n",
               summary.points, swp.design.parameters.size(), summary.computed, summary.resumed, summary.seconds,
               summary.computed / std::max(summary.seconds, 1e-9),
               summary.complete ? ("wrote " + swp.out_dir + "/sweep.csv").c_str() : "some points are missing; run the same command again");
}

int sweep(const SweepSettings& settings, const Context& context) {
  models::SweepRequest swp = settings.request;
  const models::Scenario scenario = models::load(swp.scenario_file, "");
  swp.design = models::sweep_design(settings.design_file, settings.grid, settings.lhs, scenario.parameters);
  swp.measures = models::sweep_measures(settings.measures);
  swp.rank = context.mpi.rank();
  swp.ranks = context.mpi.size();
  swp.progress = !context.quiet;
  auto summary = models::run_sweep(swp);
  context.mpi.barrier();  // every rank's points are written before rank 0 combines them
  if (context.mpi.rank() == 0) {
    summary.complete = models::combine_sweep(swp.out_dir, summary.points);
    print_summary(summary, swp);
  }
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app, bool& quiet) {
  auto settings = std::make_shared<SweepSettings>();
  models::SweepRequest& swp = settings->request;
  swp.options = simulation_defaults();
  swp.options.students = 70000;
  swp.options.replications = 4;
  CLI::App* cmd = app.add_subcommand("sweep", "Run a scenario over a design of parameter values; resumable; sweep.csv");
  cmd->add_option("scenario", swp.scenario_file, "Scenario file (default: the built-in baseline)");
  cmd->add_option("--out", swp.out_dir, "Output folder (a killed sweep resumes from it)")->required();
  cmd->add_option("--design", settings->design_file, "CSV: one column per parameter path, one row per point");
  cmd->add_option("--grid", settings->grid, "path=v1,v2,... (repeat for a full grid)");
  cmd->add_option("--lhs", settings->lhs.points, "Latin hypercube with N points over the parameters' ranges")->check(CLI::Range(2, 1000000));
  cmd->add_option("--lhs-seed", settings->lhs.seed, "Seed of the Latin hypercube")->capture_default_str();
  cmd->add_option("--parameters", settings->lhs.parameters, "Parameter paths for --lhs (default: every parameter with a range)")
      ->delimiter(',');
  cmd->add_option("--measure", settings->measures, "population/origin/measure/h to record (repeatable; default: a key set)");
  add_simulation_options(*cmd, swp.options,
                         {"Students per replicate", "Replicates per point",
                          "Random seed (the same for every point: common random numbers)", "Worker threads"});
  add_quiet(*cmd, quiet, "No progress on stderr");
  return {cmd, true, [settings](const Context& context) { return sweep(*settings, context); }};
}

}  // namespace doorstroom::cli
