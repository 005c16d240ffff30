// `doorstroom report`: the figures are drawn by the Node package in plots/ (Apache ECharts); this
// only checks that the run and project folders hold their main file and hands over to it. The
// renderer checks the files' contents (plots/load.mjs) and exits 2 on bad input, with a message
// that names the file.
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
  std::string run, compare, validate, sweep, project, out;
  bool png = false;
};

std::vector<std::string> renderer_arguments(const ReportSettings& settings, const std::string& renderer) {
  std::vector<std::string> argv{"node", renderer};
  const auto add_folder = [&argv](const char* flag, const std::string& dir) {
    if (!dir.empty()) argv.insert(argv.end(), {flag, dir});
  };
  add_folder("--run", settings.run);
  add_folder("--compare", settings.compare);
  add_folder("--validate", settings.validate);
  add_folder("--sweep", settings.sweep);
  add_folder("--project", settings.project);
  const std::string out = !settings.out.empty() ? settings.out : !settings.run.empty() ? settings.run : settings.project;
  argv.insert(argv.end(), {"--out", out});
  if (settings.png) argv.push_back("--png");
  return argv;
}

int report(const ReportSettings& settings, const Context&) {
  const std::string renderer = std::string(DOORSTROOM_SOURCE_DIR) + "/plots/render.mjs";
  if (!std::filesystem::exists(renderer))
    throw models::InputError("report: the figure renderer " + renderer + " is missing (the source tree moved?)");
  if (settings.run.empty() && settings.project.empty())
    throw models::InputError("report: expected a run folder (RUN_DIR) or --project DIR, or both");
  const auto require = [](const std::string& dir, const char* file, const char* writer) {
    if (!dir.empty() && !std::filesystem::exists(std::filesystem::path(dir) / file))
      throw models::InputError("report: " + (std::filesystem::path(dir) / file).string() + ": not found (expected a folder written by '" +
                               writer + "')");
  };
  require(settings.run, "outcomes.csv", "doorstroom run");
  require(settings.project, "projection.csv", "doorstroom project");
  system::ProgramExit ended;
  try {
    ended = system::run_program(renderer_arguments(settings, renderer));
  } catch (const system::ProgramNotStarted& e) {
    throw std::runtime_error("report: " + std::string(e.what()) + "; is Node installed? run 'make deps plots-deps'");
  }
  // Exit 2 is the renderer's "bad input or arguments": it has said what and where on stderr.
  if (!ended.signal && ended.code == 2) throw models::InputError("report: the renderer refused its input (its message is above)");
  if (!ended.succeeded())
    throw std::runtime_error("report: the renderer failed (" +
                             (ended.signal ? "signal " + std::to_string(ended.signal) : "exit " + std::to_string(ended.code)) +
                             "); is Node installed and plots/node_modules present? run 'make deps plots-deps'");
  return 0;
}

}  // namespace

Command add_report_command(CLI::App& app, bool&) {
  auto settings = std::make_shared<ReportSettings>();
  CLI::App* cmd = app.add_subcommand("report", "Figures (SVG, PNG) and a self-contained report.html from run, compare, validate, sweep and project folders");
  cmd->add_option("run_dir", settings->run, "A run folder (outcomes.csv, census.csv); optional with --project");
  cmd->add_option("--compare", settings->compare, "A compare folder");
  cmd->add_option("--validate", settings->validate, "A validate folder (calibration.csv)");
  cmd->add_option("--sweep", settings->sweep, "A sweep folder with sensitivity_*.csv");
  cmd->add_option("--project", settings->project, "A project folder (projection.csv): the key measures by school year, baseline and scenario");
  cmd->add_option("--out", settings->out, "Where to write figures/ and report.html (default: the run folder, else the project folder)");
  cmd->add_flag("--png", settings->png, "Also PNG files, through rsvg-convert");
  return {cmd, false, [settings](const Context& context) { return report(*settings, context); }};
}

}  // namespace doorstroom::cli
