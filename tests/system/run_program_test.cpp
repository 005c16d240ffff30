// Programs started with an argument vector: the exit code or signal comes back, a missing program
// is a clear error, and arguments reach the program as they are, with no shell in between.
#include <catch2/catch.hpp>

#include <csignal>

#include "system/run_program.h"
#include "tests/test_support.h"

using namespace doorstroom;

TEST_CASE("a program's exit code comes back", "[system]") {
  CHECK(system::run_program({"/bin/sh", "-c", "exit 3"}).code == 3);
  CHECK(system::run_program({"/bin/sh", "-c", "exit 0"}).succeeded());
  CHECK(system::run_program({"sh", "-c", "exit 5"}).code == 5);  // found on PATH, as a shell would
}

TEST_CASE("a program stopped by a signal says which", "[system]") {
  const auto exit = system::run_program({"/bin/sh", "-c", "kill -TERM $$"});
  CHECK(exit.signal == SIGTERM);
  CHECK_FALSE(exit.succeeded());
}

TEST_CASE("arguments with quotes and spaces reach the program unchanged", "[system]") {
  testing::TempDir dir;
  const std::string argument = "it's a \"quoted\" argument; with $HOME and `ls` in it";
  const std::string out = dir.file("it's here.txt");
  // The program writes its first argument back; through a shell the quotes would have to be escaped.
  REQUIRE(system::run_program({"/bin/sh", "-c", "printf '%s' \"$1\" > \"$2\"", "sh", argument, out}).code == 0);
  CHECK(testing::read_file(out) == argument);
  // Two arguments stay two, spaces and all.
  CHECK(system::run_program({"/bin/sh", "-c", "exit $#", "sh", argument, "a b"}).code == 2);
}

TEST_CASE("a program that is not there cannot be started, and the error names it", "[system]") {
  CHECK_THROWS_WITH(system::run_program({"doorstroom-no-such-program", "--help"}),
                    "cannot start 'doorstroom-no-such-program': not found on PATH");
  CHECK_THROWS_AS(system::run_program({"/nonexistent/program"}), system::ProgramNotStarted);
  CHECK_THROWS_AS(system::run_program({}), std::invalid_argument);
}
