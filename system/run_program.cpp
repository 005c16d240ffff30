#include "system/run_program.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

extern char** environ;  // the environment the program inherits

namespace doorstroom::system {

ProgramExit run_program(const std::vector<std::string>& argv) {
  if (argv.empty()) throw std::invalid_argument("run_program: no program to run");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));  // posix_spawn does not write them
  args.push_back(nullptr);
  std::fflush(nullptr);  // what we wrote comes before what the program writes
  pid_t pid = 0;
  // glibc's posix_spawnp reports a failed exec (no such program) as its return value.
  const int error = posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ);
  if (error == ENOENT) throw ProgramNotStarted("cannot start '" + argv[0] + "': not found on PATH");
  if (error != 0) throw ProgramNotStarted("cannot start '" + argv[0] + "': " + std::strerror(error));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waiting for '" + argv[0] + "'");
  if (WIFSIGNALED(status)) return {0, WTERMSIG(status)};
  return {WEXITSTATUS(status), 0};
}

}  // namespace doorstroom::system
