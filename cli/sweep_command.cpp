// `doorstroom sweep`: one scenario over a design of parameter values. Under mpirun each rank runs
// its share of the points; rank 0 combines them into sweep.csv once all are written.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "models/io/input_error.h"
#include "system/mpi.h"
#include "models/studies/run.h"
#include "models/studies/sweep.h"
#include "models/studies/sweep_selection.h"

namespace doorstroom::cli {
namespace {

struct SweepSettings {
  models::SweepRequest request;
  std::string design_file;
  std::vector<std::string> grid, measures;
  models::SampledDesign sampled;
  std::string sequence = "kronecker";
  bool list_measures = false;
};

// Said before the first point: a later `sensitivity --measure` can only analyse what is recorded.
void print_recorded(const std::vector<models::SweepMeasure>& measures, bool asked) {
  std::string names;
  for (const auto& m : measures) names += (names.empty() ? "" : ", ") + m.label();
  std::fprintf(stderr, "doorstroom: recording %zu measure%s%s: %s\n", measures.size(), measures.size() == 1 ? "" : "s",
               asked ? "" : " (the default set)", names.c_str());
  std::fprintf(stderr, "doorstroom: `sensitivity` can analyse only these; record others with --measure "
                       "population/origin/measure/h (globs such as 'chain_leavers/pro/*/5', or 'all'; "
                       "`doorstroom sweep --list-measures` lists every name)\n");
}

void print_summary(const models::SweepSummary& summary, const models::SweepRequest& swp) {
  std::fprintf(stderr, "doorstroom: sweep of %d points over %zu parameters: %d computed here, %d already done, %.1f s (%.3g points/s on rank 0); %s\n",
               summary.points, swp.design.parameters.size(), summary.computed, summary.resumed, summary.seconds,
               summary.computed / std::max(summary.seconds, 1e-9),
               summary.complete ? ("wrote " + swp.out_dir + "/sweep.csv").c_str() : "some points are missing; run the same command again");
}

int sweep(const SweepSettings& settings, const Context& context) {
  models::SweepRequest swp = settings.request;
  const models::Scenario scenario = models::load(swp.scenario_file, "");
  if (settings.list_measures) {
    for (const auto& label : models::recordable_measures(scenario.parameters)) std::printf("%s\n", label.c_str());
    return 0;
  }
  if (swp.out_dir.empty()) throw models::InputError("sweep: --out DIR is required");
  models::SampledDesign sampled = settings.sampled;
  sampled.sobol.sequence = models::parse_unit_sequence(settings.sequence);
  swp.design = models::sweep_design(settings.design_file, settings.grid, sampled, scenario.parameters);
  swp.measures = models::select_measures(settings.measures, scenario.parameters);
  if (context.mpi.rank() == 0 && !context.quiet) print_recorded(swp.measures, !settings.measures.empty());
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
  cmd->add_option("--out", swp.out_dir, "Output folder (a killed sweep resumes from it)");
  cmd->add_option("--design", settings->design_file, "CSV: one column per parameter path, one row per point");
  cmd->add_option("--grid", settings->grid, "path=v1,v2,... (repeat for a full grid)");
  models::SampledDesign& sampled = settings->sampled;
  cmd->add_option("--lhs", sampled.lhs_points, "Latin hypercube with N points over the parameters' ranges")->check(CLI::Range(2, 1000000));
  cmd->add_option("--morris", sampled.morris.trajectories, "Morris screening: R trajectories of k+1 points each")
      ->check(CLI::Range(2, 100000));
  cmd->add_option("--morris-levels", sampled.morris.levels, "Levels per parameter of the Morris grid (even)")->capture_default_str();
  cmd->add_option("--sobol", sampled.sobol.base_points, "Sobol indices: Saltelli design with N base points, N (k+2) runs")
      ->check(CLI::Range(2, 1000000));
  cmd->add_option("--design-sequence", settings->sequence, "Unit-cube sequence of --sobol: kronecker or random")->capture_default_str();
  cmd->add_option("--design-seed,--lhs-seed", sampled.seed, "Seed of the sampled design (--lhs, --morris, --sobol)")->capture_default_str();
  cmd->add_option("--parameters", sampled.parameters,
                  "Parameter paths or globs (route.*.uitval*) for --lhs, --morris, --sobol (default: every parameter with a range)")
      ->delimiter(',');
  cmd->add_option("--measure", settings->measures,
                  "population/origin/measure/h to record, a glob or 'all' (repeatable; default: a key set)");
  cmd->add_flag("--list-measures", settings->list_measures, "List every measure a sweep can record, and stop");
  add_simulation_options(*cmd, swp.options,
                         {"Students per replicate", "Replicates per point",
                          "Random seed (the same for every point: common random numbers)", "Worker threads"});
  add_quiet(*cmd, quiet, "No progress on stderr");
  return {cmd, true, [settings](const Context& context) { return sweep(*settings, context); }};
}

}  // namespace doorstroom::cli
