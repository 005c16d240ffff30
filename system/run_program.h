#pragma once
// Starting another program and waiting for it, with an argument vector instead of a shell
// command line: no shell parses the arguments, so a path with spaces, quotes or `$` reaches the
// program as it is, with no quoting to get wrong.
#include <stdexcept>
#include <string>
#include <vector>

namespace doorstroom::system {

// How a program ended: its exit code, or the signal that stopped it.
struct ProgramExit {
  int code = 0;    // exit status, when it exited
  int signal = 0;  // the signal that killed it, else 0
  [[nodiscard]] bool succeeded() const { return signal == 0 && code == 0; }
};

// The program could not be started at all (not found on PATH, not executable).
class ProgramNotStarted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs argv[0], searched on PATH as a shell would, with `argv` as its arguments; it shares our
// stdin, stdout, stderr and environment. Waits for it to end. Throws ProgramNotStarted with
// "cannot start 'NAME': ..." when it cannot be started.
ProgramExit run_program(const std::vector<std::string>& argv);

}  // namespace doorstroom::system
