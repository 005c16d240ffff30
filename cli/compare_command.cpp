// `doorstroom compare`: scenarios against a base under common random numbers.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "models/studies/comparison.h"

namespace doorstroom::cli {
namespace {

struct CompareSettings {
  models::CompareRequest request;
  std::vector<std::string> files;  // the base first
};

int compare(const CompareSettings& settings, const Context& context) {
  models::CompareRequest cmp = settings.request;
  cmp.base_file = settings.files.front();
  cmp.scenario_files.assign(settings.files.begin() + 1, settings.files.end());
  cmp.command_line = context.command_line;
  cmp.options.progress = !context.quiet;
  const auto result = models::compare_to_folder(cmp);
  std::fprintf(stderr, "doorstroom: compared %zu scenarios with %s in %.1f s; wrote %s/comparison.md, comparison.csv, costs.csv\n",
               result.scenarios.size(), result.base.name.c_str(), result.seconds, cmp.out_dir.c_str());
  return 0;
}

}  // namespace

Command add_compare_command(CLI::App& app, bool& quiet) {
  auto settings = std::make_shared<CompareSettings>();
  models::CompareRequest& cmp = settings->request;
  cmp.options = simulation_defaults();
  cmp.options.students = 200000;
  CLI::App* cmd = app.add_subcommand("compare", "Compare scenarios with a base under common random numbers: comparison.csv, costs.csv, comparison.md");
  cmd->add_option("files", settings->files, "BASE.toml SCENARIO.toml ... (the first file is the base)")->required()->expected(2, 1000);
  add_simulation_options(*cmd, cmp.options, {"Students per replicate", "Replicates (at least 2 for intervals)", "Random seed", "Worker threads"},
                         kIntervalReplications);
  cmd->add_option("--out", cmp.out_dir, "Output folder")->capture_default_str();
  cmd->add_flag("--parameter-uncertainty", cmp.parameter_uncertainty, "One calibrated parameter draw per replicate");
  add_quiet(*cmd, quiet, "No progress on stderr");
  return {cmd, false, [settings](const Context& context) { return compare(*settings, context); }};
}

}  // namespace doorstroom::cli
