// `doorstroom project`: the baseline (and a scenario) in calendar time, written as projection.csv
// with a manifest (models/studies/projection.h). The options are declared in add_options, one
// place for any further mode of this command.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "models/io/input_error.h"
#include "models/studies/backtest.h"
#include "models/studies/projection.h"

namespace doorstroom::cli {
namespace {

void add_options(CLI::App& cmd, models::ProjectionRequest& p, bool& backtest, bool& quiet) {
  cmd.add_option("scenario", p.scenario_file, "Scenario file (default: the baseline only)");
  cmd.add_option("--start-year", p.start_year, "The scenario applies from this school year on (replaces its start_year)");
  cmd.add_option("--from", p.from, "First projected school year (1 October census)")->capture_default_str();
  cmd.add_option("--to", p.to, "Last projected school year")->capture_default_str();
  cmd.add_option("--future", p.future,
                 "Beyond the data: constant, trend (the calendar's assumed trends) or observed (each inflow's own trend, damped)")
      ->transform(CLI::CheckedTransformer(std::map<std::string, models::Future>{{"constant", models::Future::constant},
                                                                                {"trend", models::Future::trend},
                                                                                {"observed", models::Future::observed}}));
  cmd.add_option("--inflow", p.inflow_file, "Own entree inflow, CSV with school_year,origin,count");
  cmd.add_option("--isk", p.isk, "isk inflow after the last count: low, central or high")
      ->transform(CLI::CheckedTransformer(std::map<std::string, models::IskVariant>{
          {"low", models::IskVariant::low}, {"central", models::IskVariant::central}, {"high", models::IskVariant::high}}));
  cmd.add_option("--calendar", p.calendar_file, "Calendar file (default models/data/calendar.toml, else the built-in one)");
  add_simulation_options(cmd, p.options,
                         {"Students simulated per stratum and cohort year", "Independent replicates",
                          "Random seed (0 to 4294967295)", "Worker threads (results do not depend on it)"});
  cmd.add_flag("--parameter-uncertainty", p.parameter_uncertainty, "One calibrated parameter draw per replicate");
  cmd.add_flag("--backtest", backtest,
               "Project 2017-2022 with the parameters fitted to cohorts up to 2016 and compare with later rows: backtest.csv");
  cmd.add_option("--out", p.out_dir, "Output folder")->capture_default_str();
  add_quiet(cmd, quiet, "No progress line on stderr");
}

// --backtest: the projection's sizes, seed, threads, calendar and folder; its own years and
// parameters (models/studies/backtest.h).
int run_backtest(const models::ProjectionRequest& request, const Context& context) {
  if (!request.scenario_file.empty() || !request.inflow_file.empty() || request.start_year || request.parameter_uncertainty)
    throw models::InputError("--backtest projects the baseline as known in 2016: drop the scenario, --inflow, --start-year and "
                             "--parameter-uncertainty");
  models::BacktestRequest b;
  b.options = request.options;
  b.options.progress = !context.quiet;
  b.calendar_file = request.calendar_file;
  b.future = request.future;
  b.out_dir = request.out_dir;
  b.command_line = context.command_line;
  const auto result = models::backtest_to_folder(b);
  for (const auto& s : result.skipped) std::fprintf(stderr, "doorstroom: backtest skips %s: %s\n", s.id.c_str(), s.reason.c_str());
  if (!context.quiet) {
    std::fprintf(stderr, "doorstroom: backtest %d-%d, %zu rows; mean absolute error by lead:", b.from, b.to, result.rows.size());
    for (const auto& e : models::error_by_lead(result.rows))
      std::fprintf(stderr, " %d y %.1f points (%d rows);", e.lead_years, 100.0 * e.mean_abs_error, e.rows);
    std::fprintf(stderr, " wrote %s/backtest.csv\n", b.out_dir.c_str());
  }
  return 0;
}

}  // namespace

Command add_project_command(CLI::App& app, bool& quiet) {
  auto request = std::make_shared<models::ProjectionRequest>();
  request->options = simulation_defaults();
  request->options.students = 4000;  // about 10 s wall on 2 cores (docs)
  request->options.replications = 20;
  CLI::App* cmd = app.add_subcommand("project", "Project the baseline (and a scenario) by school year: projection.csv");
  auto backtest = std::make_shared<bool>(false);
  add_options(*cmd, *request, *backtest, quiet);
  return {cmd, false, [request, backtest](const Context& context) {
            if (*backtest) return run_backtest(*request, context);
            models::ProjectionRequest p = *request;
            p.command_line = context.command_line;
            p.options.progress = !context.quiet;
            const auto result = models::project_to_folder(p);
            if (!context.quiet)
              std::fprintf(stderr, "doorstroom: projected %d-%d (%zu rows) in %.1f s; wrote %s/projection.csv\n", p.from, p.to,
                           result.rows.size(), result.simulate_seconds, p.out_dir.c_str());
            return 0;
          }};
}

}  // namespace doorstroom::cli
