// The `doorstroom` command: registers the subcommands (one file each, cli/*_command.cpp), parses
// the command line and runs the chosen one. No model logic lives in cli/.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/command.h"
#include "system/huge_page_heap.h"
#include "system/mpi.h"
#include "git_commit.h"
#include "models/io/input_error.h"

namespace {

using namespace doorstroom;

// In the order `doorstroom --help` lists them.
constexpr cli::AddCommand kCommands[] = {
    cli::add_run_command,       cli::add_compare_command,   cli::add_sweep_command,
    cli::add_sensitivity_command, cli::add_trace_command,   cli::add_report_command,
    cli::add_calibrate_command, cli::add_identify_command,  cli::add_validate_command,
    cli::add_serve_command,     cli::add_workshop_command,  cli::add_project_command,
};

std::string joined(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) s.append(i ? " " : "").append(argv[i]);
  return s;
}

std::string version() {
  return std::string(DOORSTROOM_VERSION) + " (" + DOORSTROOM_GIT + ")" +
         (system::MpiSession::available() ? ", with MPI" : ", without MPI");
}

// An error ends the command with its message: exit 2 for a user's mistake in the input, 1 for
// anything else. Under mpirun the other ranks are stopped too, or they would wait at the next
// barrier forever.
int fail(const system::MpiSession& mpi, const std::exception& e, int code) {
  std::fprintf(stderr, "doorstroom: error: %s\n", e.what());
  if (mpi.size() > 1) mpi.abort(code);
  return code;
}

int run_reporting_errors(const cli::Command& command, const cli::Context& context) {
  try {
    return command.run(context);
  } catch (const models::InputError& e) {
    return fail(context.mpi, e, 2);
  } catch (const std::exception& e) {
    return fail(context.mpi, e, 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything allocates much: a run's fixed cost was half page faults (system/huge_page_heap.h).
  system::prefer_huge_page_heap(std::size_t{32} << 20);
  // Past a file size limit (ulimit -f) a write should fail with EFBIG and a message naming the
  // file, not kill the process silently.
  std::signal(SIGXFSZ, SIG_IGN);
  const system::MpiSession mpi(argc, argv);
  CLI::App app{"doorstroom: Monte Carlo simulation of routes through the Dutch education chain\n"
               "(po -> pro / vso / vmbo-b / isk -> entree -> niveau 2, work, benefit or uitval)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version());
  bool quiet = false;
  std::vector<cli::Command> commands;
  for (const cli::AddCommand add : kCommands) commands.push_back(add(app, quiet));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  const auto chosen = std::find_if(commands.begin(), commands.end(), [](const cli::Command& c) { return c.app->parsed(); });
  if (chosen == commands.end()) return 1;  // require_subcommand(1) makes parse throw first
  // Under mpirun, run and sweep split their work over the processes; the other commands run on
  // rank 0 only.
  if (!chosen->splits_over_ranks && mpi.rank() != 0) return 0;
  return run_reporting_errors(*chosen, {mpi, joined(argc, argv), quiet});
}
