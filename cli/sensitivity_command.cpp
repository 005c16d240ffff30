// `doorstroom sensitivity`: the sensitivity indices of one measure over a finished sweep, by the
// method its design calls for (Morris, Sobol, or regression for points, grids and hypercubes); the
// table on stdout, indices_*.csv (and for a regression the tornado data, sensitivity_*.csv) in the
// sweep folder for the report.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "system/atomic_file.h"
#include "models/studies/sensitivity.h"
#include "models/studies/sweep.h"
#include "models/studies/sweep_indices.h"

namespace doorstroom::cli {
namespace {

struct SensitivitySettings {
  std::string sweep_dir, measure;
  int shown = 15;
};

const char* method_title(const std::string& method) {
  if (method == "morris") return "Morris elementary effects (mu*: importance, sigma: non-linearity or interaction)";
  if (method == "sobol") return "Sobol indices (S1: alone, ST: with interactions; shares of the outcome's variance)";
  if (method == "rank_correlation") return "Spearman rank correlations, one parameter at a time";
  return "standardised regression coefficients";
}

// A regression: the coefficients with the tornado values, as before Morris and Sobol existed.
void print_regression(const models::SensitivityResult& result, int shown) {
  char model[64];
  if (result.method == "src") std::snprintf(model, sizeof model, "linear model R^2 %.2f", result.r_squared);
  else std::snprintf(model, sizeof model, "Spearman rank correlations, one parameter at a time");
  std::printf("%s over %d points (mean %.4f, %s)\n%-70s %8s %10s %10s\n", result.measure.label().c_str(), result.points, result.mean,
              model, "parameter", result.method == "src" ? "SRC" : "rho", "low 1/5", "high 1/5");
  for (std::size_t i = 0; i < std::min<std::size_t>(static_cast<std::size_t>(shown), result.parameters.size()); ++i) {
    const auto& p = result.parameters[i];
    std::printf("%-70s %8.3f %10.4f %10.4f\n", p.parameter.c_str(), p.src, p.low, p.high);
  }
}

void print_noise(const models::SweepIndices& s) {
  for (const auto& r : s.rows)
    if (r.parameter == models::kNoiseParameter)
      std::printf("Monte Carlo noise: one point's standard error %.5f; as %s that pure noise would give: %.4f "
                  "(an upper bound: common random numbers make it lower)\n",
                  s.point_noise, r.index.c_str(), r.value);
  if (!s.note.empty()) std::fprintf(stderr, "doorstroom: %s\n", s.note.c_str());
}

// The strongest parameters, their indices side by side with 95% intervals; the CSV has them all.
void print_table(const models::SweepIndices& s, int shown) {
  std::printf("%s over %d points (mean %.4f): %s\n", s.measure.label().c_str(), s.points, s.mean, method_title(s.method));
  std::vector<std::string> indices;
  for (const auto& r : s.rows)
    if (r.rank == 1) indices.push_back(r.index);
  std::printf("%4s %-62s", "rank", "parameter");
  for (const auto& i : indices) std::printf(" %28s", i.c_str());
  std::printf("\n");
  for (int rank = 1; rank <= shown; ++rank) {
    const auto first = std::find_if(s.rows.begin(), s.rows.end(), [&](const auto& r) { return r.rank == rank; });
    if (first == s.rows.end()) break;
    std::printf("%4d %-62s", rank, first->parameter.c_str());
    for (const auto& r : s.rows) {
      if (r.rank != rank) continue;
      if (std::isnan(r.ci_low)) std::printf(" %28.4f", r.value);
      else std::printf(" %9.4f [%7.4f, %7.4f]", r.value, r.ci_low, r.ci_high);
    }
    std::printf("\n");
  }
}

int sensitivity(const SensitivitySettings& settings, const Context&) {
  const auto measure = models::parse_sweep_measure(settings.measure);
  const auto result = models::sweep_indices(settings.sweep_dir, measure);
  std::string name = measure.label();
  std::replace(name.begin(), name.end(), '/', '_');
  const std::string file = settings.sweep_dir + "/indices_" + name + ".csv";
  system::write_file_atomically(file, models::indices_csv(result));
  if (result.method == "src" || result.method == "rank_correlation") {
    const auto regression = models::sensitivity(settings.sweep_dir, measure);
    const std::string tornado = settings.sweep_dir + "/sensitivity_" + name + ".csv";
    system::write_file_atomically(tornado, models::sensitivity_csv(regression));
    print_regression(regression, settings.shown);
    std::fprintf(stderr, "doorstroom: wrote %s\n", tornado.c_str());
  } else {
    print_table(result, settings.shown);
  }
  print_noise(result);
  std::fprintf(stderr, "doorstroom: wrote %s\n", file.c_str());
  return 0;
}

}  // namespace

Command add_sensitivity_command(CLI::App& app, bool&) {
  auto settings = std::make_shared<SensitivitySettings>();
  CLI::App* cmd = app.add_subcommand("sensitivity",
                                     "Sensitivity indices from a finished sweep: Morris, Sobol or regression, by its design");
  cmd->add_option("sweep_dir", settings->sweep_dir, "The sweep's output folder")->required();
  cmd->add_option("--measure", settings->measure, "population/origin/measure/h, e.g. chain_leavers/pro/mbo2_diploma/5")->required();
  cmd->add_option("--show", settings->shown, "Parameters shown in the table (the CSV has all)")->capture_default_str();
  return {cmd, false, [settings](const Context& context) { return sensitivity(*settings, context); }};
}

}  // namespace doorstroom::cli
