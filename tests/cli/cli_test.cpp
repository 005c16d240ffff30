// The command as a user runs it: exit codes, messages on stderr, and the run folder.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sys/wait.h>

#include "tests/test_support.h"

using namespace doorstroom;

namespace {

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr together
};

Result run(const std::string& args) {
  const std::string command = std::string(DOORSTROOM_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace

TEST_CASE("run writes a run folder for the built-in baseline", "[cli]") {
  testing::TempDir dir;
  const auto r = run("run --students 700 --replications 2 --quiet --out " + dir.file("out"));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("wrote " + dir.file("out")) != std::string::npos);
  for (const char* f : {"manifest.json", "outcomes.csv", "census.csv"})
    CHECK(std::filesystem::exists(dir.path() / "out" / f));
}

TEST_CASE("a scenario with an error exits 2 with the file and line", "[cli]") {
  testing::TempDir dir;
  const std::string path =
      dir.write("bad.toml", "[scenario]\nname = \"bad\"\ntitle = \"t\"\ndescription = \"d\"\n[stratum.pro]\ncohort = -1\n");
  const auto r = run("run " + path + " --students 700 --replications 2 --quiet --out " + dir.file("out"));
  CHECK(r.exit_code == 2);
  CHECK(r.output == "doorstroom: error: " + path +
                        ":6:10: stratum.pro.cohort: value -1 is out of range, expected a number in [0, 1e+07]\n");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "out"));
}

TEST_CASE("a missing scenario file exits 2 and names it", "[cli]") {
  const auto r = run("run /nonexistent.toml --quiet");
  CHECK(r.exit_code == 2);
  CHECK(r.output == "doorstroom: error: cannot read scenario file '/nonexistent.toml': no such file or not readable\n");
}

TEST_CASE("bad option values are refused before any work", "[cli]") {
  CHECK(run("run --students -5").exit_code != 0);
  CHECK(run("run --replications 0").exit_code != 0);
  CHECK(run("run --threads 0").exit_code != 0);
  CHECK(run("frobnicate").exit_code != 0);
}

TEST_CASE("validate passes on the shipped calibration and fails below the threshold", "[cli][calibration]") {
  testing::TempDir dir;
  // The shipped default must reproduce at least 90% of the calibration targets.
  const auto ok = run("validate --students 210000 --replications 3 --quiet --doc '' --out " + dir.file("v"));
  CHECK(ok.exit_code == 0);
  CHECK(std::filesystem::exists(dir.path() / "v" / "calibration.csv"));
  // Targets the model cannot meet: every calibration value moved far away.
  const std::string header = "id,source,table,lines,population,origin,variant,cohort,measure,horizon_years,value,low,high,n,role,note\n";
  const std::string bad = dir.write("bad.csv", header +
      "x1,003_125892c5759844f2.txt,Tabel B16,6414,entree_entrants,pro,all,2016,position_entree,1,0.95,,,2000,calibrate,\n"
      "x2,003_125892c5759844f2.txt,Tabel B16,6414,entree_entrants,vso,all,2016,position_entree,1,0.95,,,2000,calibrate,\n");
  const auto fail = run("validate --students 21000 --replications 2 --quiet --doc '' --targets " + bad + " --out " + dir.file("w"));
  CHECK(fail.exit_code == 3);
  CHECK(fail.output.find("fit below the threshold: 0.0% of calibration targets reproduced, 90.0% required") != std::string::npos);
}
