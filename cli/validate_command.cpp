// `doorstroom validate`: the calibrated default against every target; exit 3 when too few
// calibration targets are reproduced, so that CI can fail on a worse fit.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "models/studies/validation.h"

namespace doorstroom::cli {
namespace {

constexpr int kFitBelowThreshold = 3;

void print_report(const models::ValidationReport& report, const models::ValidateRequest& val) {
  std::fprintf(stderr, "doorstroom: %d of %d calibration targets (%.1f%%) and %d of %d validation targets reproduced; wrote calibration.csv and fit_by_horizon.csv in %s%s%s\n",
               report.calibrate_within, report.calibrate_total, 100.0 * report.calibrate_share(), report.validate_within,
               report.validate_total, val.out_dir.c_str(), std::filesystem::exists(val.doc_path) && !val.doc_path.empty() ? " and " : "",
               std::filesystem::exists(val.doc_path) ? val.doc_path.c_str() : "");
}

int validate(const models::ValidateRequest& request, const Context& context) {
  models::ValidateRequest val = request;
  val.command_line = context.command_line;
  val.options.progress = !context.quiet;
  const auto report = models::validate_to_files(val);
  print_report(report, val);
  if (report.calibrate_share() < val.threshold) {
    std::fprintf(stderr, "doorstroom: fit below the threshold: %.1f%% of calibration targets reproduced, %.1f%% required\n",
                 100.0 * report.calibrate_share(), 100.0 * val.threshold);
    return kFitBelowThreshold;
  }
  return 0;
}

}  // namespace

Command add_validate_command(CLI::App& app, bool& quiet) {
  auto val = std::make_shared<models::ValidateRequest>();
  val->options = simulation_defaults();
  val->options.students = 700000;
  val->options.replications = 10;
  CLI::App* cmd = app.add_subcommand("validate", "Compare the calibrated default with every target; write calibration.csv, fit_by_horizon.csv and docs/calibration.md");
  cmd->add_option("--out", val->out_dir, "Folder for calibration.csv and fit_by_horizon.csv")->capture_default_str();
  cmd->add_option("--doc", val->doc_path, "Where to write the calibration page ('' for none)")->capture_default_str();
  cmd->add_option("--targets", val->targets_file, "Targets CSV (default: the built-in models/data/targets.csv)");
  cmd->add_option("--calendar", val->calendar_file,
                  "Cohort effects and inflow per year (this file if it exists, else the built-in one; 'none': the 2014-2016 blend)")
      ->capture_default_str();
  add_simulation_options(*cmd, val->options, {"Students per replicate", "Replicates", "Random seed", "Worker threads"},
                         kIntervalReplications);
  cmd->add_option("--min-within", val->threshold, "Fail (exit 3) when fewer calibration targets than this share are reproduced")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_flag("--parameter-uncertainty", val->parameter_uncertainty, "One calibrated parameter draw per replicate");
  add_quiet(*cmd, quiet, "No progress on stderr");
  return {cmd, false, [val](const Context& context) { return validate(*val, context); }};
}

}  // namespace doorstroom::cli
