// The `doorstroom` command: parses the command line and dispatches to the models. No model logic
// lives here.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <thread>

#include "git_commit.h"
#include "models/input_error.h"
#include "models/calibration.h"
#include "models/comparison.h"
#include "models/run.h"
#include "models/validation.h"

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
  run_cmd->add_flag("--parameter-uncertainty", run.parameter_uncertainty,
                    "Draw a calibrated parameter set per replicate (intervals then hold parameter uncertainty too)");

  models::CompareRequest cmp;
  std::vector<std::string> cmp_files;
  cmp.options = run.options;
  cmp.options.students = 200000;
  CLI::App* cmp_cmd = app.add_subcommand("compare", "Compare scenarios with a base under common random numbers: comparison.csv, costs.csv, comparison.md");
  cmp_cmd->add_option("files", cmp_files, "BASE.toml SCENARIO.toml ... (the first file is the base)")->required()->expected(2, 1000);
  cmp_cmd->add_option("--students", cmp.options.students, "Students per replicate")
      ->check(CLI::Range(std::uint64_t{7}, std::uint64_t{2000000000}))->capture_default_str();
  cmp_cmd->add_option("--replications", cmp.options.replications, "Replicates (at least 2 for intervals)")
      ->check(CLI::Range(2, 100000))->capture_default_str();
  cmp_cmd->add_option("--seed", cmp.options.seed, "Random seed")->capture_default_str();
  cmp_cmd->add_option("--threads", cmp.options.threads, "Worker threads")->check(CLI::Range(1, 1024));
  cmp_cmd->add_option("--out", cmp.out_dir, "Output folder")->capture_default_str();
  cmp_cmd->add_flag("--parameter-uncertainty", cmp.parameter_uncertainty, "One calibrated parameter draw per replicate");
  cmp_cmd->add_flag("--quiet", quiet, "No progress on stderr");

  models::CalibrateRequest cal;
  cal.threads = run.options.threads;
  CLI::App* cal_cmd = app.add_subcommand("calibrate", "Fit the free parameters to the calibration targets; write calibrated.toml and parameter_draws.csv");
  cal_cmd->add_option("--targets", cal.targets_file, "Targets CSV (default: the built-in models/data/targets.csv)");
  cal_cmd->add_option("--settings", cal.settings_file, "Calibration settings (default: the built-in models/data/calibration.toml)");
  cal_cmd->add_option("--out", cal.out_dir, "Folder for calibrated.toml and parameter_draws.csv")->capture_default_str();
  cal_cmd->add_option("--threads", cal.threads, "Worker threads (results do not depend on it)")->check(CLI::Range(1, 1024));
  cal_cmd->add_option("--draws", cal.draws, "Bootstrap draws (overrides the settings)")->check(CLI::Range(0, 10000));
  cal_cmd->add_option("--students", cal.students, "Students per evaluation (overrides the settings)")
      ->check(CLI::Range(std::uint64_t{7}, std::uint64_t{100000000}));
  cal_cmd->add_flag("--quiet", quiet, "No progress on stderr");

  models::ValidateRequest val;
  val.options.students = 700000;
  val.options.replications = 10;
  val.options.threads = run.options.threads;
  CLI::App* val_cmd = app.add_subcommand("validate", "Compare the calibrated default with every target; write calibration.csv and docs/calibration.md");
  val_cmd->add_option("--out", val.out_dir, "Folder for calibration.csv")->capture_default_str();
  val_cmd->add_option("--doc", val.doc_path, "Where to write the calibration page ('' for none)")->capture_default_str();
  val_cmd->add_option("--targets", val.targets_file, "Targets CSV (default: the built-in models/data/targets.csv)");
  val_cmd->add_option("--students", val.options.students, "Students per replicate")
      ->check(CLI::Range(std::uint64_t{7}, std::uint64_t{2000000000}))->capture_default_str();
  val_cmd->add_option("--replications", val.options.replications, "Replicates")->check(CLI::Range(2, 100000))->capture_default_str();
  val_cmd->add_option("--seed", val.options.seed, "Random seed")->capture_default_str();
  val_cmd->add_option("--threads", val.options.threads, "Worker threads")->check(CLI::Range(1, 1024));
  val_cmd->add_option("--min-within", val.threshold, "Fail (exit 3) when fewer calibration targets than this share are reproduced")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  val_cmd->add_flag("--parameter-uncertainty", val.parameter_uncertainty, "One calibrated parameter draw per replicate");
  val_cmd->add_flag("--quiet", quiet, "No progress on stderr");

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
    if (*cmp_cmd) {
      cmp.base_file = cmp_files.front();
      cmp.scenario_files.assign(cmp_files.begin() + 1, cmp_files.end());
      cmp.command_line = joined(argc, argv);
      cmp.options.progress = !quiet;
      const auto result = models::compare_to_folder(cmp);
      std::fprintf(stderr, "doorstroom: compared %zu scenarios with %s in %.1f s; wrote %s/comparison.md, comparison.csv, costs.csv\n",
                   result.scenarios.size(), result.base.name.c_str(), result.seconds, cmp.out_dir.c_str());
    }
    if (*cal_cmd) {
      cal.command_line = joined(argc, argv);
      cal.progress = !quiet;
      const auto result = models::calibrate_to_files(cal);
      std::fprintf(stderr, "doorstroom: calibrated %zu parameters: cost %.4g after %d iterations (%s), %zu draws, %.1f s; wrote %s/calibrated.toml and %s/parameter_draws.csv\n",
                   result.values.size(), result.cost, result.iterations, result.stopped_because.c_str(), result.draws.size(),
                   result.seconds, cal.out_dir.c_str(), cal.out_dir.c_str());
    }
    if (*val_cmd) {
      val.command_line = joined(argc, argv);
      val.options.progress = !quiet;
      const auto report = models::validate_to_files(val);
      std::fprintf(stderr, "doorstroom: %d of %d calibration targets (%.1f%%) and %d of %d validation targets reproduced; wrote %s/calibration.csv%s%s\n",
                   report.calibrate_within, report.calibrate_total, 100.0 * report.calibrate_share(), report.validate_within,
                   report.validate_total, val.out_dir.c_str(), val.doc_path.empty() ? "" : " and ", val.doc_path.c_str());
      if (report.calibrate_share() < val.threshold) {
        std::fprintf(stderr, "doorstroom: fit below the threshold: %.1f%% of calibration targets reproduced, %.1f%% required\n",
                     100.0 * report.calibrate_share(), 100.0 * val.threshold);
        return 3;
      }
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
