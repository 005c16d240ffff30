// `doorstroom identify`: which calibrated parameters the targets pin down (standard errors from the
// Jacobian at the fit, correlations, informing targets); identifiability.csv and .md in --out.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "models/studies/identifiability.h"
#include "system/atomic_file.h"

namespace doorstroom::cli {
namespace {

struct IdentifySettings {
  models::IdentifyOptions options;
  std::string out_dir;
};

int identify(const IdentifySettings& settings, const Context& context) {
  models::IdentifyOptions options = settings.options;
  options.progress = !context.quiet;
  const auto result = models::identify(options);
  std::filesystem::create_directories(settings.out_dir);
  const auto dir = std::filesystem::path(settings.out_dir);
  system::write_file_atomically(dir / "identifiability.csv", models::identifiability_csv(result));
  system::write_file_atomically(dir / "identifiability.md", models::identifiability_markdown(result));
  int informed = 0, jointly = 0, not_informed = 0;
  for (const auto& p : result.parameters)
    (p.status == "informed" ? informed : p.status == "only jointly" ? jointly : not_informed) += 1;
  std::fprintf(stderr,
               "doorstroom: %zu free parameters against %d targets: %d informed, %d only jointly, %d not informed "
               "(condition number of J %.3g); %d simulations, %.1f s; wrote %s/identifiability.csv and .md\n",
               result.parameters.size(), result.targets, informed, jointly, not_informed, result.condition, result.evaluations,
               result.seconds, settings.out_dir.c_str());
  return 0;
}

}  // namespace

Command add_identify_command(CLI::App& app, bool& quiet) {
  auto settings = std::make_shared<IdentifySettings>();
  settings->options.threads = hardware_threads();
  CLI::App* cmd = app.add_subcommand("identify", "Which calibrated parameters the targets pin down; identifiability.csv");
  cmd->add_option("--out", settings->out_dir, "Output folder")->required();
  cmd->add_option("--students", settings->options.students, "Students per evaluation")
      ->check(CLI::Range(std::uint64_t{1000}, std::uint64_t{100000000}))
      ->capture_default_str();
  add_threads(*cmd, settings->options.threads, "Worker threads (results do not depend on it)");
  add_quiet(*cmd, quiet, "No progress on stderr");
  return {cmd, false, [settings](const Context& context) { return identify(*settings, context); }};
}

}  // namespace doorstroom::cli
