#pragma once
// The options that mean the same in every command that has them (--students, --replications,
// --seed, --threads, --quiet) are declared here once, so that their ranges cannot drift apart
// between commands. The help text stays each command's own: it says what the value means there.
//
// trace, serve and calibrate have a --students of their own, declared with those commands: they
// count other things (students printed per stratum, students per workshop variant, students per
// calibration evaluation, which overrides the settings file and shares its bound), so they have
// other defaults and bounds.
#include <cstdint>
#include <string>

namespace CLI {
class App;
class Option;
}  // namespace CLI
namespace doorstroom::models {
struct SimulationOptions;
}

namespace doorstroom::cli {

// One rule for --replications in every command: at least kMinReplications, at most 100000. A
// single replicate is a valid run or sweep point (a point estimate, with empty interval columns;
// docs/outputs.md and bench/memory.sh use it), so the common minimum is 1. compare and validate
// report intervals from the spread between replicates and so pass kIntervalReplications as their
// minimum instead of declaring the option again.
inline constexpr int kMinReplications = 1;
inline constexpr int kIntervalReplications = 2;

// Every worker thread this machine has: the default of the commands that simulate (the results
// do not depend on it).
int hardware_threads();

// Simulation options as the commands start from: the library's defaults on every core.
models::SimulationOptions simulation_defaults();

CLI::Option* add_students(CLI::App& app, std::uint64_t& students, const std::string& help);
CLI::Option* add_replications(CLI::App& app, int& replications, const std::string& help,
                              int minimum = kMinReplications);
CLI::Option* add_seed(CLI::App& app, std::uint32_t& seed, const std::string& help);
// Without the default in the help, which is this machine's core count for most commands; a
// command that shows it adds capture_default_str().
CLI::Option* add_threads(CLI::App& app, int& threads, const std::string& help);
CLI::Option* add_quiet(CLI::App& app, bool& quiet, const std::string& help);

// The help texts of --students, --replications, --seed and --threads for one command.
struct SimulationHelp {
  std::string students, replications, seed, threads;
};

// --students, --replications, --seed and --threads, in that order, into `options`. Returns
// --threads, for a command that shows its default.
CLI::Option* add_simulation_options(CLI::App& app, models::SimulationOptions& options, const SimulationHelp& help,
                                    int min_replications = kMinReplications);

}  // namespace doorstroom::cli
