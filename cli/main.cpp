// The `doorstroom` command: parses the command line and dispatches to the models. No model logic
// lives here.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>
#include <optional>
#include <filesystem>
#include <algorithm>

#include "engine/atomic_file.h"

#include "git_commit.h"
#include "models/input_error.h"
#include "models/calibration.h"
#include "models/comparison.h"
#include "models/sensitivity.h"
#include "models/sweep.h"
#include "models/trace.h"
#include "engine/mpi.h"
#include "models/run.h"
#include "models/validation.h"
#include "serve/limits.h"
#include "system/run_program.h"
#ifdef DOORSTROOM_WITH_SERVE
#include "serve/library.h"
#include "serve/server.h"
#endif

namespace {

std::string joined(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) s.append(i ? " " : "").append(argv[i]);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace doorstroom;
  // Past a file size limit (ulimit -f) a write should fail with EFBIG and a message naming the
  // file, not kill the process silently.
  std::signal(SIGXFSZ, SIG_IGN);
  const engine::MpiSession mpi(argc, argv);
  CLI::App app{"doorstroom: Monte Carlo simulation of routes through the Dutch education chain\n"
               "(po -> pro / vso / vmbo-b / isk -> entree -> niveau 2, work, benefit or uitval)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(DOORSTROOM_VERSION) + " (" + DOORSTROOM_GIT + ")" +
                                        (engine::MpiSession::available() ? ", with MPI" : ", without MPI"));

  models::RunRequest run;
  run.options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool quiet = false;
  CLI::App* run_cmd = app.add_subcommand("run", "Simulate a scenario and write a run folder (manifest.json, outcomes.csv, census.csv)");
  std::vector<std::string> run_files;
  run_cmd->add_option("scenarios", run_files,
                      "Scenario files (default: the built-in scenarios/baseline.toml); with several, each goes to OUT/<scenario name>");
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
  run_cmd->add_flag("!--no-flows", run.flows, "Skip flows.csv (it replays replicate 0 once more: the report's Sankey then falls back to an estimate)");
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

  models::SweepRequest swp;
  swp.options = run.options;
  swp.options.students = 70000;
  swp.options.replications = 4;
  std::string design_file;
  std::vector<std::string> grid_specs, sweep_measures;
  models::LatinHypercube lhs;
  CLI::App* swp_cmd = app.add_subcommand("sweep", "Run a scenario over a design of parameter values; resumable; sweep.csv");
  swp_cmd->add_option("scenario", swp.scenario_file, "Scenario file (default: the built-in baseline)");
  swp_cmd->add_option("--out", swp.out_dir, "Output folder (a killed sweep resumes from it)")->required();
  swp_cmd->add_option("--design", design_file, "CSV: one column per parameter path, one row per point");
  swp_cmd->add_option("--grid", grid_specs, "path=v1,v2,... (repeat for a full grid)");
  swp_cmd->add_option("--lhs", lhs.points, "Latin hypercube with N points over the parameters' ranges")->check(CLI::Range(2, 1000000));
  swp_cmd->add_option("--lhs-seed", lhs.seed, "Seed of the Latin hypercube")->capture_default_str();
  swp_cmd->add_option("--parameters", lhs.parameters, "Parameter paths for --lhs (default: every parameter with a range)")
      ->delimiter(',');
  swp_cmd->add_option("--measure", sweep_measures, "population/origin/measure/h to record (repeatable; default: a key set)");
  swp_cmd->add_option("--students", swp.options.students, "Students per replicate")
      ->check(CLI::Range(std::uint64_t{7}, std::uint64_t{2000000000}))->capture_default_str();
  swp_cmd->add_option("--replications", swp.options.replications, "Replicates per point")->check(CLI::Range(1, 100000))->capture_default_str();
  swp_cmd->add_option("--seed", swp.options.seed, "Random seed (the same for every point: common random numbers)")->capture_default_str();
  swp_cmd->add_option("--threads", swp.options.threads, "Worker threads")->check(CLI::Range(1, 1024));
  swp_cmd->add_flag("--quiet", quiet, "No progress on stderr");

  std::string sens_dir, sens_measure;
  CLI::App* sens_cmd = app.add_subcommand("sensitivity", "Standardised regression coefficients and tornado data from a finished sweep");
  sens_cmd->add_option("sweep_dir", sens_dir, "The sweep's output folder")->required();
  sens_cmd->add_option("--measure", sens_measure, "population/origin/measure/h, e.g. chain_leavers/pro/mbo2_diploma/5")->required();

  std::string trace_scenario, trace_csv;
  models::TraceSelection trace_selection;
  int trace_start_year = 2012;
  CLI::App* trace_cmd = app.add_subcommand("trace", "Biographies of simulated students, as readable lines and CSV (any student can be replayed)");
  trace_cmd->add_option("scenario", trace_scenario, "Scenario file (default: the built-in baseline)");
  trace_cmd->add_option("--students", trace_selection.students, "How many students, from index 0 (per stratum)")->check(CLI::Range(1, 100000))->capture_default_str();
  trace_cmd->add_option("--student", trace_selection.student, "One student's index (replays exactly that student)");
  trace_cmd->add_option("--stratum", trace_selection.stratum, "Only this stratum (pro, vso, vmbo_b, isk, geen_diploma_vo, onbekend, vbo)");
  trace_cmd->add_option("--seed", trace_selection.seed, "Seed of the run to replay")->capture_default_str();
  trace_cmd->add_option("--replicate", trace_selection.replicate, "Replicate of the run to replay")->capture_default_str();
  trace_cmd->add_option("--start-year", trace_start_year, "Calendar year of t = 0 (1 August), for the dates")->capture_default_str();
  trace_cmd->add_option("--csv", trace_csv, "Also write the events as CSV to this file");

  std::string report_run, report_compare, report_validate, report_sweep, report_out;
  bool report_png = false;
  CLI::App* report_cmd = app.add_subcommand("report", "Figures (SVG, PNG) and a self-contained report.html from run, compare, validate and sweep folders");
  report_cmd->add_option("run_dir", report_run, "A run folder (outcomes.csv, census.csv)")->required();
  report_cmd->add_option("--compare", report_compare, "A compare folder");
  report_cmd->add_option("--validate", report_validate, "A validate folder (calibration.csv)");
  report_cmd->add_option("--sweep", report_sweep, "A sweep folder with sensitivity_*.csv");
  report_cmd->add_option("--out", report_out, "Where to write figures/ and report.html (default: the run folder)");
  report_cmd->add_flag("--png", report_png, "Also PNG files, through rsvg-convert");

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
  CLI::App* val_cmd = app.add_subcommand("validate", "Compare the calibrated default with every target; write calibration.csv, fit_by_horizon.csv and docs/calibration.md");
  val_cmd->add_option("--out", val.out_dir, "Folder for calibration.csv and fit_by_horizon.csv")->capture_default_str();
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

  CLI::App* serve_cmd = app.add_subcommand("serve", "A workshop page on this machine: pick a scenario, move the assumptions, see the outcomes change");
  std::vector<std::string> serve_files;
  std::string serve_host = "127.0.0.1";
  int serve_port = 8080;
  serve::ServeLimits serve_limits;
  serve_cmd->add_option("scenarios", serve_files,
                        "Scenario files to offer (default: every file in the source tree's scenarios/ folder)");
  serve_cmd->add_option("--host", serve_host, "Address to listen on; anything but 127.0.0.1 opens the page to the network")
      ->capture_default_str();
  serve_cmd->add_option("--port", serve_port, "Port (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
  serve_cmd->add_option("--students", serve_limits.default_students, "Students per variant when the page asks for none")
      ->check(CLI::Range(std::uint64_t{1000}, std::uint64_t{10000000}))->capture_default_str();
  serve_cmd->add_option("--max-students", serve_limits.max_students, "Most students per variant a request may ask for")
      ->check(CLI::Range(std::uint64_t{1000}, std::uint64_t{10000000}))->capture_default_str();
  serve_cmd->add_option("--max-seconds", serve_limits.max_seconds, "A simulation running longer is stopped (503)")
      ->check(CLI::Range(0.1, 3600.0))->capture_default_str();
  serve_cmd->add_option("--threads", serve_limits.threads, "Simulation threads per request")->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve_cmd->add_flag("--quiet", quiet, "No line per request on stderr");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  // Under mpirun, run and sweep split their work over the processes; the other commands run on
  // rank 0 only.
  const bool split = *run_cmd || *swp_cmd;
  if (!split && mpi.rank() != 0) return 0;
  try {
    if (*run_cmd) {
      run.command_line = joined(argc, argv);
      run.options.progress = !quiet && mpi.rank() == 0;
      run.options.rank = mpi.rank();
      run.options.ranks = mpi.size();
      if (mpi.size() > 1) run.sum_to_root = [&](std::vector<std::uint64_t>& words) { mpi.sum_to_root(words); };
      const std::string out = run.out_dir;
      if (run_files.empty()) run_files.push_back("");
      for (const auto& file : run_files) {
        run.scenario_file = file;
        run.out_dir = run_files.size() > 1 ? out + "/" + models::load(file, "").name : out;
        const auto summary = models::run_to_folder(run);
        if (mpi.rank() != 0) continue;
        std::fprintf(stderr, "doorstroom: %s: %llu students in %.2f s (%.3g students/s); wrote %s\n", summary.scenario.c_str(),
                     static_cast<unsigned long long>(summary.students_simulated), summary.seconds,
                     static_cast<double>(summary.students_simulated) / std::max(summary.seconds, 1e-9),
                     summary.out_dir.c_str());
      }
    }
    if (*swp_cmd) {
      const models::Scenario scenario = models::load(swp.scenario_file, "");
      swp.design = models::sweep_design(design_file, grid_specs, lhs, scenario.parameters);
      swp.measures = models::sweep_measures(sweep_measures);
      swp.rank = mpi.rank();
      swp.ranks = mpi.size();
      swp.progress = !quiet;
      auto summary = models::run_sweep(swp);
      mpi.barrier();  // every rank's points are written before rank 0 combines them
      if (mpi.rank() == 0) {
        summary.complete = models::combine_sweep(swp.out_dir, summary.points);
        std::fprintf(stderr, "doorstroom: sweep of %d points over %zu parameters: %d computed here, %d already done, %.1f s (%.3g points/s on rank 0); %s\n",
                     summary.points, swp.design.parameters.size(), summary.computed, summary.resumed, summary.seconds,
                     summary.computed / std::max(summary.seconds, 1e-9),
                     summary.complete ? ("wrote " + swp.out_dir + "/sweep.csv").c_str() : "some points are missing; run the same command again");
      }
    }
    if (*sens_cmd) {
      const auto result = models::sensitivity(sens_dir, models::parse_sweep_measure(sens_measure));
      std::string name = result.measure.label();
      std::replace(name.begin(), name.end(), '/', '_');
      const std::string file = sens_dir + "/sensitivity_" + name + ".csv";
      engine::write_file_atomically(file, models::sensitivity_csv(result));
      std::printf("%s over %d points (mean %.4f, linear model R^2 %.2f)\n%-70s %8s %10s %10s\n", result.measure.label().c_str(),
                  result.points, result.mean, result.r_squared, "parameter", "SRC", "low 1/5", "high 1/5");
      for (std::size_t i = 0; i < std::min<std::size_t>(15, result.parameters.size()); ++i) {
        const auto& p = result.parameters[i];
        std::printf("%-70s %8.3f %10.4f %10.4f\n", p.parameter.c_str(), p.src, p.low, p.high);
      }
      std::fprintf(stderr, "doorstroom: wrote %s\n", file.c_str());
    }
    if (*report_cmd) {
      // The figures are drawn by the Node package in plots/ (Apache ECharts); this only hands over.
      const std::string renderer = std::string(DOORSTROOM_SOURCE_DIR) + "/plots/render.mjs";
      if (!std::filesystem::exists(renderer))
        throw models::InputError("report: the figure renderer " + renderer + " is missing (the source tree moved?)");
      if (!std::filesystem::exists(std::filesystem::path(report_run) / "outcomes.csv"))
        throw models::InputError("report: '" + report_run + "' has no outcomes.csv (expected a folder written by 'doorstroom run')");
      std::vector<std::string> command{"node", renderer, "--run", report_run};
      if (!report_compare.empty()) command.insert(command.end(), {"--compare", report_compare});
      if (!report_validate.empty()) command.insert(command.end(), {"--validate", report_validate});
      if (!report_sweep.empty()) command.insert(command.end(), {"--sweep", report_sweep});
      command.insert(command.end(), {"--out", report_out.empty() ? report_run : report_out});
      if (report_png) command.push_back("--png");
      // An argument vector, not a shell command line: folder names reach the renderer as they are.
      system::ProgramExit ended;
      try {
        ended = system::run_program(command);
      } catch (const system::ProgramNotStarted& e) {
        throw std::runtime_error("report: " + std::string(e.what()) + "; is Node installed? run 'make deps'");
      }
      if (!ended.succeeded())
        throw std::runtime_error("report: the renderer failed (" +
                                 (ended.signal ? "signal " + std::to_string(ended.signal) : "exit " + std::to_string(ended.code)) +
                                 "); is Node installed and plots/node_modules present? run 'make deps'");
    }
    if (*trace_cmd) {
      const auto model = models::compile(models::load(trace_scenario, "").parameters);
      const auto biographies = models::trace_students(model, trace_selection);
      for (const auto& biography : biographies) std::fputs(models::describe(biography, trace_start_year).c_str(), stdout);
      if (!trace_csv.empty()) engine::write_file_atomically(trace_csv, models::biographies_csv(biographies, trace_start_year));
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
    if (*serve_cmd) {
#ifdef DOORSTROOM_WITH_SERVE
      if (serve_limits.default_students > serve_limits.max_students)
        throw models::InputError("serve: --students " + std::to_string(serve_limits.default_students) +
                                 " is above --max-students " + std::to_string(serve_limits.max_students));
      serve_limits.min_students = std::min(serve_limits.min_students, serve_limits.default_students);
      const std::vector<models::Scenario> scenarios = serve::workshop_library(serve_files, DOORSTROOM_SOURCE_DIR);
      const serve::Workshop workshop(scenarios.front(), scenarios);
      serve::WorkshopServer server(workshop, {serve_host, serve_port, serve_limits, !quiet});
      const int port = server.bind();
      if (serve_host != "127.0.0.1" && serve_host != "localhost" && serve_host != "::1")
        std::fprintf(stderr, "doorstroom: warning: listening on %s, so other machines can reach this page\n", serve_host.c_str());
      std::fprintf(stderr, "doorstroom: workshop page with %zu scenarios at http://%s:%d/ (Ctrl-C stops)\n", scenarios.size(),
                   serve_host.c_str(), port);
      server.listen();
#else
      throw std::runtime_error("serve: this doorstroom was built without cpp-httplib; run 'make deps' and build again");
#endif
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
      std::fprintf(stderr, "doorstroom: %d of %d calibration targets (%.1f%%) and %d of %d validation targets reproduced; wrote calibration.csv and fit_by_horizon.csv in %s%s%s\n",
                   report.calibrate_within, report.calibrate_total, 100.0 * report.calibrate_share(), report.validate_within,
                   report.validate_total, val.out_dir.c_str(),
                   std::filesystem::exists(val.doc_path) && !val.doc_path.empty() ? " and " : "",
                   std::filesystem::exists(val.doc_path) ? val.doc_path.c_str() : "");
      if (report.calibrate_share() < val.threshold) {
        std::fprintf(stderr, "doorstroom: fit below the threshold: %.1f%% of calibration targets reproduced, %.1f%% required\n",
                     100.0 * report.calibrate_share(), 100.0 * val.threshold);
        return 3;
      }
    }
  } catch (const models::InputError& e) {
    std::fprintf(stderr, "doorstroom: error: %s\n", e.what());
    if (mpi.size() > 1) mpi.abort(2);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "doorstroom: error: %s\n", e.what());
    if (mpi.size() > 1) mpi.abort(1);
    return 1;
  }
  return 0;
}
