// `doorstroom calibrate`: fits the free parameters to the calibration targets.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "models/studies/calibration.h"

namespace doorstroom::cli {
namespace {

int calibrate(const models::CalibrateRequest& request, const Context& context) {
  models::CalibrateRequest cal = request;
  cal.command_line = context.command_line;
  cal.progress = !context.quiet;
  const auto result = models::calibrate_to_files(cal);
  if (result.starts.size() > 1)
    for (std::size_t i = 0; i < result.starts.size(); ++i)
      std::fprintf(stderr, "doorstroom: fit from %s: cost %.6g after %d iterations%s\n", result.starts[i].name.c_str(),
                   result.starts[i].cost, result.starts[i].iterations, i == result.kept ? " (kept)" : "");
  std::fprintf(stderr, "doorstroom: calibrated %zu parameters: cost %.4g after %d iterations (%s), %zu draws, %.1f s; wrote %s/calibrated.toml and %s/parameter_draws.csv\n",
               result.values.size(), result.cost, result.iterations, result.stopped_because.c_str(), result.draws.size(),
               result.seconds, cal.out_dir.c_str(), cal.out_dir.c_str());
  return 0;
}

}  // namespace

Command add_calibrate_command(CLI::App& app, bool& quiet) {
  auto cal = std::make_shared<models::CalibrateRequest>();
  cal->threads = hardware_threads();
  CLI::App* cmd = app.add_subcommand("calibrate", "Fit the free parameters to the calibration targets; write calibrated.toml and parameter_draws.csv");
  cmd->add_option("--targets", cal->targets_file, "Targets CSV (default: the built-in models/data/targets.csv)");
  cmd->add_option("--settings", cal->settings_file, "Calibration settings (default: the built-in models/data/calibration.toml)");
  cmd->add_option("--out", cal->out_dir, "Folder for calibrated.toml and parameter_draws.csv")->capture_default_str();
  cmd->add_option("--start", cal->start_files,
                  "Also fit from the values in this calibrated.toml, such as the previous fit (repeatable); the lowest cost is kept");
  add_threads(*cmd, cal->threads, "Worker threads (results do not depend on it)");
  cmd->add_option("--draws", cal->draws, "Bootstrap draws (overrides the settings)")->check(CLI::Range(0, 10000));
  // Not the common --students: students per evaluation, an override of the settings file, with
  // the bound the settings file has (models/calibration.cpp).
  cmd->add_option("--students", cal->students, "Students per evaluation (overrides the settings)")
      ->check(CLI::Range(std::uint64_t{7}, std::uint64_t{100000000}));
  add_quiet(*cmd, quiet, "No progress on stderr");
  return {cmd, false, [cal](const Context& context) { return calibrate(*cal, context); }};
}

}  // namespace doorstroom::cli
