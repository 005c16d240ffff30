// The `doorstroom` command: parses the command line and dispatches to the models. No model logic
// lives here.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <thread>

#include "git_commit.h"
#include "models/input_error.h"
#include "models/run.h"

namespace {

std::string joined(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) s += (i ? " " : "") + std::string(argv[i]);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace doorstroom;
  CLI::App app{"doorstroom: Monte Carlo simulation of routes through the Dutch education chain\n"
               "(po -> pro / vso / vmbo-b / isk -> entree -> niveau 2, work, benefit or uitval)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(DOORSTROOM_VERSION) + " (" + DOORSTROOM_GIT + ")");

  models::RunRequest run;
  run.options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool quiet = false;
  CLI::App* run_cmd = app.add_subcommand("run", "Simulate a scenario and write a run folder (manifest.json, outcomes.csv, census.csv)");
  run_cmd->add_option("scenario", run.scenario_file, "Scenario file (default: the built-in scenarios/baseline.toml)");
  run_cmd->add_option("--parameters", run.parameters_file, "Parameter file (default: the built-in models/data/parameters.toml)");
  run_cmd->add_option("--students", run.options.students, "Students simulated per replicate, over all strata")
      ->check(CLI::Range(std::uint64_t{7}, std::uint64_t{2000000000}))
      ->capture_default_str();
  run_cmd->add_option("--replications", run.options.replications, "Independent replicates (intervals need at least 2)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  run_cmd->add_option("--seed", run.options.seed, "Random seed (0 to 4294967295)")->capture_default_str();
  run_cmd->add_option("--threads", run.options.threads, "Worker threads (results do not depend on it)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  run_cmd->add_option("--out", run.out_dir, "Output folder")->capture_default_str();
  run_cmd->add_flag("--quiet", quiet, "No progress line on stderr");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    if (*run_cmd) {
      run.command_line = joined(argc, argv);
      run.options.progress = !quiet;
      const auto summary = models::run_to_folder(run);
      std::fprintf(stderr, "doorstroom: %s: %llu students in %.2f s (%.3g students/s); wrote %s\n", summary.scenario.c_str(),
                   static_cast<unsigned long long>(summary.students_simulated), summary.seconds,
                   static_cast<double>(summary.students_simulated) / std::max(summary.seconds, 1e-9),
                   summary.out_dir.c_str());
    }
  } catch (const models::InputError& e) {
    std::fprintf(stderr, "doorstroom: error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "doorstroom: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
