// The command as a user runs it: exit codes, messages on stderr, and the run folder.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sys/wait.h>

#include "models/chain/scenario.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr together
};

Result run_command(const std::string& full_command) {
  const std::string command = full_command + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

Result run(const std::string& args) { return run_command(std::string(DOORSTROOM_BINARY) + " " + args); }

}  // namespace

TEST_CASE("run writes a run folder for the built-in baseline", "[cli]") {
  testing::TempDir dir;
  const auto r = run("run --students 700 --replications 2 --quiet --out " + dir.file("out"));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("wrote " + dir.file("out")) != std::string::npos);
  for (const char* f : {"manifest.json", "outcomes.csv", "census.csv", "flows.csv"})
    CHECK(std::filesystem::exists(dir.path() / "out" / f));
}

TEST_CASE("run --no-flows skips the replay and flows.csv, and the manifest does not list it", "[cli]") {
  testing::TempDir dir;
  const auto r = run("run --students 700 --replications 2 --quiet --no-flows --out " + dir.file("out"));
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::exists(dir.path() / "out" / "outcomes.csv"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "out" / "flows.csv"));
  CHECK(testing::read_file(dir.file("out/manifest.json")).find("flows.csv") == std::string::npos);
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
  const auto ok = run("validate --students 210000 --replications 3 --quiet --doc " + dir.file("calibration.md") + " --out " + dir.file("v"));
  CHECK(ok.exit_code == 0);
  CHECK(std::filesystem::exists(dir.path() / "v" / "calibration.csv"));
  CHECK(std::filesystem::exists(dir.path() / "v" / "fit_by_horizon.csv"));
  const std::string page = testing::read_file(dir.file("calibration.md"));
  CHECK(page.find("validation targets (") != std::string::npos);
  CHECK(page.find("%; of cohorts up to 2016: ") != std::string::npos);
  CHECK(page.find("\n## Fit by horizon\n") < page.find("\n## Calibration targets\n"));  // after the summary line
  // Targets the model cannot meet: every calibration value moved far away.
  const std::string header = "id,source,table,lines,population,origin,variant,cohort,measure,horizon_years,value,low,high,n,role,note\n";
  std::filesystem::create_directories(dir.path() / "bad");
  const std::string bad = dir.write("bad.csv", header +
      "x1,003_125892c5759844f2.txt,Tabel B16,6414,entree_entrants,pro,all,2016,position_entree,1,0.95,,,2000,calibrate,\n"
      "x2,003_125892c5759844f2.txt,Tabel B16,6414,entree_entrants,vso,all,2016,position_entree,1,0.95,,,2000,calibrate,\n");
  const auto fail = run("validate --students 21000 --replications 2 --quiet --doc '' --targets " + bad + " --out " + dir.file("w"));
  CHECK(fail.exit_code == 3);
  CHECK(fail.output.find("fit below the threshold: 0.0% of calibration targets reproduced, 90.0% required") != std::string::npos);
}

namespace {
const std::string kSweepParameters =
    "'route.niveau2_uitval.rates[0],age_rule.kwalificatieplicht_entree.rate,route.niveau2_diploma.pass[1],"
    "route.terug_naar_onderwijs_zonder_diploma.rates[0],route.werk_vinden_zonder_diploma.rates[0]'";
std::string sweep_args(const std::string& out) {
  return "sweep --lhs 40 --parameters " + kSweepParameters + " --students 7000 --replications 2 --threads 1 --quiet --out " + out;
}
}  // namespace

TEST_CASE("a sweep killed with SIGKILL resumes to the same result", "[cli][sweep]") {
  testing::TempDir dir;
  REQUIRE(run(sweep_args(dir.file("whole"))).exit_code == 0);
  const std::string whole = testing::read_file(dir.file("whole/sweep.csv"));
  // Kill the second sweep with SIGKILL as soon as its first point is on disk, then run the same
  // command again. Waiting for a point instead of a fixed time keeps the test honest on a fast machine.
  const std::string command = "( " + std::string(DOORSTROOM_BINARY) + " " + sweep_args(dir.file("killed")) +
                              " & pid=$!; while [ -z \"$(ls " + dir.file("killed/points") +
                              " 2>/dev/null)\" ]; do sleep 0.01; done; kill -9 $pid; wait $pid )";
  CHECK(std::system(command.c_str()) != 0);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "killed" / "sweep.csv"));
  int done = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() / "killed" / "points"))
    done += e.path().extension() == ".csv";
  CHECK(done < 40);
  const auto resumed = run(sweep_args(dir.file("killed")));
  CHECK(resumed.exit_code == 0);
  CHECK(resumed.output.find(std::to_string(40 - done) + " computed here, " + std::to_string(done) + " already done") !=
        std::string::npos);
  CHECK(testing::read_file(dir.file("killed/sweep.csv")) == whole);
  // A different sweep is not resumed into the same folder.
  const auto other = run("sweep --lhs 10 --parameters " + kSweepParameters + " --students 7000 --quiet --out " + dir.file("killed"));
  CHECK(other.exit_code == 2);
  CHECK(other.output.find("holds another sweep") != std::string::npos);
}

TEST_CASE("mpirun -np 2 gives byte-identical sweep and run results", "[cli][mpi]") {
  // Built with MPI, mpirun must be there (make deps installs openmpi-bin); without MPI, skip.
  if (run("--version").output.find(", with MPI") == std::string::npos) {
    WARN("built without MPI: skipped");
    return;
  }
  REQUIRE(std::system("command -v mpirun > /dev/null 2>&1") == 0);
  testing::TempDir dir;
  const std::string mpirun = "mpirun --allow-run-as-root --oversubscribe -np 2 ";
  REQUIRE(run(sweep_args(dir.file("one"))).exit_code == 0);
  // Rank 0 must report half of the 40 points: proof that the work was split, not done twice.
  const auto split = run_command(mpirun + DOORSTROOM_BINARY + " " + sweep_args(dir.file("two")));
  REQUIRE(split.exit_code == 0);
  CHECK(split.output.find("20 computed here") != std::string::npos);
  CHECK(testing::read_file(dir.file("two/sweep.csv")) == testing::read_file(dir.file("one/sweep.csv")));
  REQUIRE(run("run --students 7000 --replications 3 --quiet --out " + dir.file("r1")).exit_code == 0);
  const std::string r2 = mpirun + DOORSTROOM_BINARY + " run --students 7000 --replications 3 --threads 1 --quiet --out " +
                         dir.file("r2") + " > /dev/null 2>&1";
  REQUIRE(std::system(r2.c_str()) == 0);
  CHECK(testing::read_file(dir.file("r2/outcomes.csv")) == testing::read_file(dir.file("r1/outcomes.csv")));
  CHECK(testing::read_file(dir.file("r2/census.csv")) == testing::read_file(dir.file("r1/census.csv")));
}

TEST_CASE("report writes figures and a self-contained report.html", "[cli][report]") {
  if (std::system("command -v node > /dev/null 2>&1") != 0 ||
      !std::filesystem::exists(std::string(DOORSTROOM_SOURCE_DIR) + "/plots/node_modules/echarts")) {
    WARN("Node or the plots package is missing (make deps installs them): skipped");
    return;
  }
  testing::TempDir dir;
  REQUIRE(run("run --students 7000 --replications 2 --quiet --out " + dir.file("r")).exit_code == 0);
  const auto r = run("report " + dir.file("r") + " --out " + dir.file("rep"));
  CHECK(r.exit_code == 0);
  const std::string html = testing::read_file(dir.file("rep/report.html"));
  CHECK(html.find("<svg") != std::string::npos);
  // Offline in a workshop room: no script or stylesheet fetched from elsewhere.
  CHECK(html.find("<script src=") == std::string::npos);
  CHECK(html.find("<link rel=\"stylesheet\" href=\"http") == std::string::npos);
  const auto missing = run("report " + dir.file("nothing"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.output == "doorstroom: error: report: " + dir.file("nothing") +
                             "/outcomes.csv: not found (expected a folder written by 'doorstroom run')\n");
}

// Mutation caught: the manifest dropping the inflow file (an own-inflow projection could then not
// be traced to its input), or hashing something other than the file's bytes.
TEST_CASE("project --inflow names the inflow file and its hash in the manifest", "[cli][project]") {
  testing::TempDir dir;
  const std::string inflow = std::string(DOORSTROOM_SOURCE_DIR) + "/docs/examples/inflow_example.csv";
  REQUIRE(run("project --inflow " + inflow + " --from 2026 --to 2028 --students 100 --replications 2 --quiet --out " + dir.file("p"))
              .exit_code == 0);
  const std::string manifest = testing::read_file(dir.file("p/manifest.json"));
  CHECK(manifest.find("\"inflow\": {\"file\": \"" + inflow + "\", \"fnv1a64\": \"" + models::fnv1a64(testing::read_file(inflow)) +
                      "\"}") != std::string::npos);
}

TEST_CASE("report --project draws the projection, and a projection.csv with a wrong header is refused with its name", "[cli][report]") {
  if (std::system("command -v node > /dev/null 2>&1") != 0 ||
      !std::filesystem::exists(std::string(DOORSTROOM_SOURCE_DIR) + "/plots/node_modules/echarts")) {
    WARN("Node or the plots package is missing (make deps installs them): skipped");
    return;
  }
  testing::TempDir dir;
  REQUIRE(run("project " + std::string(DOORSTROOM_SOURCE_DIR) +
              "/scenarios/warme_overdracht.toml --start-year 2027 --from 2025 --to 2030 --students 200 --replications 2 --quiet --out " +
              dir.file("p"))
              .exit_code == 0);
  // The manifest records the start year the report marks (--start-year over the file's own).
  const std::string manifest = testing::read_file(dir.file("p/manifest.json"));
  CHECK(manifest.find("\"start_year\": 2027") != std::string::npos);
  // warme_overdracht's assumed effects are drawn per replicate: the intervals are a spread, and the
  // manifest (from which the report words its bands) must not call them Monte Carlo only.
  CHECK(manifest.find("each drawing the scenario's assumed effects anew") != std::string::npos);
  const auto r = run("report --project " + dir.file("p"));
  CHECK(r.exit_code == 0);
  const std::string html = testing::read_file(dir.file("p/report.html"));
  for (const char* m : {"entree_students", "entree_entrants", "entree_diplomas", "startkwalificaties", "entree_dropouts_without_diploma",
                        "niveau2_students", "cost_eur"})
    CHECK(std::filesystem::exists(dir.path() / "p" / "figures" / (std::string("projection_") + m + ".svg")));
  CHECK(html.find("beleid vanaf 2027/28") != std::string::npos);

  std::filesystem::create_directories(dir.path() / "bad");
  const std::string bad = dir.write("bad/projection.csv", "scenario,year,measure,origin,variant,mean\nbaseline,2025,entree_students,all,all,1\n");
  const auto refused = run("report --project " + dir.file("bad"));
  CHECK(refused.exit_code == 2);
  CHECK(refused.output.find(bad + ":1: header 'scenario,year,measure,origin,variant,mean'; expected "
                                  "scenario,school_year,measure,origin,variant,mean,ci_low,ci_high,replications") != std::string::npos);
  CHECK(refused.output.find("report: the renderer refused its input") != std::string::npos);
  const auto none = run("report --project " + dir.file("nothing"));
  CHECK(none.exit_code == 2);
  CHECK(none.output == "doorstroom: error: report: " + dir.file("nothing") +
                          "/projection.csv: not found (expected a folder written by 'doorstroom project')\n");
}
