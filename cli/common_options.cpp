#include "cli/common_options.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <thread>

#include "models/studies/simulation.h"

namespace doorstroom::cli {
namespace {

// At least one student per stratum: students are split equally over the baseline's seven strata.
constexpr std::uint64_t kMinStudents = 7;
constexpr std::uint64_t kMaxStudents = 2000000000;
constexpr int kMaxReplications = 100000;
constexpr int kMaxThreads = 1024;

}  // namespace

int hardware_threads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

models::SimulationOptions simulation_defaults() {
  models::SimulationOptions options;
  options.threads = hardware_threads();
  return options;
}

CLI::Option* add_students(CLI::App& app, std::uint64_t& students, const std::string& help) {
  return app.add_option("--students", students, help)->check(CLI::Range(kMinStudents, kMaxStudents))->capture_default_str();
}

CLI::Option* add_replications(CLI::App& app, int& replications, const std::string& help, int minimum) {
  return app.add_option("--replications", replications, help)
      ->check(CLI::Range(minimum, kMaxReplications))
      ->capture_default_str();
}

CLI::Option* add_seed(CLI::App& app, std::uint32_t& seed, const std::string& help) {
  return app.add_option("--seed", seed, help)->capture_default_str();
}

CLI::Option* add_threads(CLI::App& app, int& threads, const std::string& help) {
  return app.add_option("--threads", threads, help)->check(CLI::Range(1, kMaxThreads));
}

CLI::Option* add_quiet(CLI::App& app, bool& quiet, const std::string& help) { return app.add_flag("--quiet", quiet, help); }

CLI::Option* add_simulation_options(CLI::App& app, models::SimulationOptions& options, const SimulationHelp& help,
                                    int min_replications) {
  add_students(app, options.students, help.students);
  add_replications(app, options.replications, help.replications, min_replications);
  add_seed(app, options.seed, help.seed);
  return add_threads(app, options.threads, help.threads);
}

}  // namespace doorstroom::cli
