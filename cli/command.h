#pragma once
// A subcommand of `doorstroom`, as main sees it: the CLI11 app its options were added to, whether
// it takes part under mpirun on every rank, and the function that runs it. Each subcommand lives
// in its own cli/*_command.cpp; main only registers them, parses and dispatches.
#include <functional>
#include <string>

namespace CLI {
class App;
}
namespace doorstroom::system {
class MpiSession;
}

namespace doorstroom::cli {

// What a command needs from main when it runs.
struct Context {
  const system::MpiSession& mpi;
  std::string command_line;  // the whole command line as typed, for manifests
  bool quiet = false;        // --quiet: no progress on stderr
};

struct Command {
  CLI::App* app = nullptr;
  // Under mpirun: true, every rank runs it and takes its share of the work; false, only rank 0
  // runs it and the other ranks exit at once.
  bool splits_over_ranks = false;
  std::function<int(const Context&)> run;  // returns the exit code; throws on errors
};

// Adds a subcommand and its options to `app`. A command with --quiet binds it to `quiet`, which
// main hands back in Context, so that the flag is one variable whichever command is chosen.
using AddCommand = Command (*)(CLI::App& app, bool& quiet);

Command add_run_command(CLI::App& app, bool& quiet);
Command add_compare_command(CLI::App& app, bool& quiet);
Command add_sweep_command(CLI::App& app, bool& quiet);
Command add_sensitivity_command(CLI::App& app, bool& quiet);
Command add_trace_command(CLI::App& app, bool& quiet);
Command add_identify_command(CLI::App& app, bool& quiet);
Command add_report_command(CLI::App& app, bool& quiet);
Command add_calibrate_command(CLI::App& app, bool& quiet);
Command add_validate_command(CLI::App& app, bool& quiet);
Command add_serve_command(CLI::App& app, bool& quiet);
Command add_workshop_command(CLI::App& app, bool& quiet);
Command add_project_command(CLI::App& app, bool& quiet);

}  // namespace doorstroom::cli
