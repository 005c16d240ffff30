// A run is a pure function of scenario, parameters, seed and student count: the same seed gives
// byte-identical tables, the thread count changes nothing, and a scenario run against itself
// differs by exactly zero.
#include <catch2/catch.hpp>

#include "models/measure/outcomes.h"
#include "models/studies/run.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

std::string outcomes_for(const models::Scenario& scenario, std::uint32_t seed, int threads) {
  const models::ChainModel model = models::compile(scenario.parameters);
  models::SimulationOptions options;
  options.students = 14000;
  options.replications = 3;
  options.seed = seed;
  options.threads = threads;
  const auto result = models::simulate(model, options);
  return models::outcomes_csv(scenario.name, models::tabulate_outcomes(model, result.replicates, result.simulated)) +
         models::census_csv(scenario.name, models::tabulate_census(model, result.replicates, result.simulated));
}

}  // namespace

TEST_CASE("the same seed gives byte-identical outcomes", "[determinism]") {
  const auto baseline = models::load("", "");
  CHECK(outcomes_for(baseline, 11, 1) == outcomes_for(baseline, 11, 1));
  CHECK(outcomes_for(baseline, 11, 1) != outcomes_for(baseline, 12, 1));
}

TEST_CASE("one thread and two threads give identical files", "[determinism][threads]") {
  const auto baseline = models::load("", "");
  CHECK(outcomes_for(baseline, 5, 1) == outcomes_for(baseline, 5, 2));
  CHECK(outcomes_for(baseline, 5, 1) == outcomes_for(baseline, 5, 3));
}

TEST_CASE("a scenario compared with itself differs by exactly zero", "[determinism][crn]") {
  testing::TempDir dir;
  // The same changes-free scenario under another name and file: every cell must match exactly.
  const std::string copy = dir.write("copy.toml", "[scenario]\nname = \"copy\"\ntitle = \"t\"\ndescription = \"d\"\n");
  const auto a = models::load("", "");
  const auto b = models::load(copy, "");
  const models::ChainModel ma = models::compile(a.parameters), mb = models::compile(b.parameters);
  models::SimulationOptions options;
  options.students = 7000;
  options.replications = 2;
  const auto ra = models::simulate(ma, options), rb = models::simulate(mb, options);
  const auto ta = models::tabulate_outcomes(ma, ra.replicates, ra.simulated);
  const auto tb = models::tabulate_outcomes(mb, rb.replicates, rb.simulated);
  REQUIRE(ta.size() == tb.size());
  REQUIRE(!ta.empty());
  for (std::size_t i = 0; i < ta.size(); ++i) CHECK(ta[i].value.mean - tb[i].value.mean == 0.0);
}

TEST_CASE("run_to_folder writes the four files and no temporary ones", "[outputs]") {
  testing::TempDir dir;
  models::RunRequest request;
  request.options.students = 7000;
  request.options.replications = 2;
  request.out_dir = dir.file("run");
  const auto summary = models::run_to_folder(request);
  CHECK(summary.students_simulated == 14000);
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() / "run")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"census.csv", "flows.csv", "manifest.json", "outcomes.csv"});
  const std::string outcomes = testing::read_file(dir.file("run/outcomes.csv"));
  CHECK(outcomes.rfind("scenario,population,origin,variant,measure,horizon_years,mean,ci_low,ci_high,replications\n", 0) == 0);
  CHECK(testing::read_file(dir.file("run/manifest.json")).find("\"seed\": 1,") != std::string::npos);
}
