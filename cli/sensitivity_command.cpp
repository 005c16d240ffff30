// `doorstroom sensitivity`: standardised regression coefficients of one measure over a finished
// sweep; the table on stdout, the tornado data in the sweep folder for the report.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "system/atomic_file.h"
#include "models/studies/sensitivity.h"
#include "models/studies/sweep.h"

namespace doorstroom::cli {
namespace {

struct SensitivitySettings {
  std::string sweep_dir, measure;
};

// The 15 strongest parameters; the CSV has them all.
void print_table(const models::SensitivityResult& result) {
  std::printf("%s over %d points (mean %.4f, linear model R^2 %.2f)\n%-70s %8s %10s %10s\n", result.measure.label().c_str(),
              result.points, result.mean, result.r_squared, "parameter", "SRC", "low 1/5", "high 1/5");
  for (std::size_t i = 0; i < std::min<std::size_t>(15, result.parameters.size()); ++i) {
    const auto& p = result.parameters[i];
    std::printf("%-70s %8.3f %10.4f %10.4f\n", p.parameter.c_str(), p.src, p.low, p.high);
  }
}

int sensitivity(const SensitivitySettings& settings, const Context&) {
  const auto result = models::sensitivity(settings.sweep_dir, models::parse_sweep_measure(settings.measure));
  std::string name = result.measure.label();
  std::replace(name.begin(), name.end(), '/', '_');
  const std::string file = settings.sweep_dir + "/sensitivity_" + name + ".csv";
  system::write_file_atomically(file, models::sensitivity_csv(result));
  print_table(result);
  std::fprintf(stderr, "doorstroom: wrote %s\n", file.c_str());
  return 0;
}

}  // namespace

Command add_sensitivity_command(CLI::App& app, bool&) {
  auto settings = std::make_shared<SensitivitySettings>();
  CLI::App* cmd = app.add_subcommand("sensitivity", "Standardised regression coefficients and tornado data from a finished sweep");
  cmd->add_option("sweep_dir", settings->sweep_dir, "The sweep's output folder")->required();
  cmd->add_option("--measure", settings->measure, "population/origin/measure/h, e.g. chain_leavers/pro/mbo2_diploma/5")->required();
  return {cmd, false, [settings](const Context& context) { return sensitivity(*settings, context); }};
}

}  // namespace doorstroom::cli
