// `doorstroom report`: the figures are drawn by the Node package in plots/ (Apache ECharts); this
// only checks the run folder and hands over to it.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "cli/command.h"
#include "models/io/input_error.h"
#include "system/run_program.h"

namespace doorstroom::cli {
namespace {

struct ReportSettings {
  std::string run, compare, validate, sweep, out;
  bool png = false;
};

std::vector<std::string> renderer_arguments(const ReportSettings& settings, const std::string& renderer) {
  std::vector<std::string> argv{"node", renderer, "--run", settings.run};
  const auto add_folder = [&argv](const char* flag, const std::string& dir) {
    if (!dir.empty()) argv.insert(argv.end(), {flag, dir});
  };
  add_folder("--compare", settings.compare);
  add_folder("--validate", settings.validate);
  add_folder("--sweep", settings.sweep);
  argv.insert(argv.end(), {"--out", settings.out.empty() ? settings.run : settings.out});
  if (settings.png) argv.push_back("--png");
  return argv;
}

int report(const ReportSettings& settings, const Context&) {
  const std::string renderer = std::string(DOORSTROOM_SOURCE_DIR) + "/plots/render.mjs";
  if (!std::filesystem::exists(renderer))
    throw models::InputError("report: the figure renderer " + renderer + " is missing (the source tree moved?)");
  if (!std::filesystem::exists(std::filesystem::path(settings.run) / "outcomes.csv"))
    throw models::InputError("report: '" + settings.run + "' has no outcomes.csv (expected a folder written by 'doorstroom run')");
  system::ProgramExit ended;
  try {
    ended = system::run_program(renderer_arguments(settings, renderer));
  } catch (const system::ProgramNotStarted& e) {
    throw std::runtime_error("report: " + std::string(e.what()) + "; is Node installed? run 'make deps'");
  }
  if (!ended.succeeded())
    throw std::runtime_error("report: the renderer failed (" +
                             (ended.signal ? "signal " + std::to_string(ended.signal) : "exit " + std::to_string(ended.code)) +
                             "); is Node installed and plots/node_modules present? run 'make deps'");
  return 0;
}

}  // namespace

Command add_report_command(CLI::App& app, bool&) {
  auto settings = std::make_shared<ReportSettings>();
  CLI::App* cmd = app.add_subcommand("report", "Figures (SVG, PNG) and a self-contained report.html from run, compare, validate and sweep folders");
  cmd->add_option("run_dir", settings->run, "A run folder (outcomes.csv, census.csv)")->required();
  cmd->add_option("--compare", settings->compare, "A compare folder");
  cmd->add_option("--validate", settings->validate, "A validate folder (calibration.csv)");
  cmd->add_option("--sweep", settings->sweep, "A sweep folder with sensitivity_*.csv");
  cmd->add_option("--out", settings->out, "Where to write figures/ and report.html (default: the run folder)");
  cmd->add_flag("--png", settings->png, "Also PNG files, through rsvg-convert");
  return {cmd, false, [settings](const Context& context) { return report(*settings, context); }};
}

}  // namespace doorstroom::cli
