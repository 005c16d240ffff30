// Comparisons: a scenario without changes differs by exactly zero, common random numbers make
// differences far more precise than independent runs, and a lower uitval moves diplomas up.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "models/measure/outcomes.h"
#include "models/studies/comparison.h"
#include "models/studies/run.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

const std::string kHeader = "[scenario]\nname = \"s\"\ntitle = \"t\"\ndescription = \"d\"\n";

// Per-replicate values of one outcome cell.
std::vector<double> cell(const models::ParameterSet& p, std::uint32_t seed, const std::string& population,
                         const std::string& origin, const std::string& measure, int h) {
  const models::ChainModel model = models::compile(p);
  models::SimulationOptions options;
  options.students = 35000;
  options.replications = 12;
  options.seed = seed;
  options.threads = 2;
  const auto result = models::simulate(model, options);
  for (const auto& row : models::tabulate_outcomes(model, result.replicates, result.simulated))
    if (row.population == population && row.origin == origin && row.variant == "all" && row.measure == measure &&
        row.horizon_years == h)
      return row.values;
  FAIL("no such cell");
  return {};
}

double variance(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size(); ++i) d.push_back(a[i] - b[i]);
  double mean = 0.0;
  for (double x : d) mean += x / static_cast<double>(d.size());
  double v = 0.0;
  for (double x : d) v += (x - mean) * (x - mean) / static_cast<double>(d.size() - 1);
  return v;
}

}  // namespace

TEST_CASE("a scenario without changes differs from the base by exactly zero", "[compare]") {
  testing::TempDir dir;
  models::CompareRequest request;
  request.scenario_files = {dir.write("same.toml", kHeader)};
  request.options.students = 7000;
  request.options.replications = 3;
  const auto result = models::compare(request);
  REQUIRE(result.scenarios.size() == 1);
  REQUIRE(result.scenarios[0].differences.size() > 1000);
  for (const auto& d : result.scenarios[0].differences) {
    CHECK(d.delta.mean == 0.0);
    CHECK(d.delta.high - d.delta.low == 0.0);
  }
  for (const auto& c : result.scenarios[0].costs) CHECK(c.delta_cost_per_student.mean == 0.0);
}

TEST_CASE("common random numbers cut the variance of a difference at least in half", "[compare][crn]") {
  const models::ParameterSet base = models::load("", "").parameters;
  testing::TempDir dir;
  const std::string file = dir.write("lower_uitval.toml", kHeader +
      "[modifier.test_uitval]\nfrom = [\"entree_bol\", \"entree_bbl\", \"entree_examendeelnemer\"]\nrisk = \"uitval\"\n"
      "rate = 0.7\nsource = \"test\"\n");
  const models::ParameterSet scenario = models::load(file, "").parameters;
  const auto b = cell(base, 3, "chain_leavers", "pro", "entree_diploma", 2);
  const auto crn = cell(scenario, 3, "chain_leavers", "pro", "entree_diploma", 2);
  const auto independent = cell(scenario, 4003, "chain_leavers", "pro", "entree_diploma", 2);
  const double v_crn = variance(crn, b), v_independent = variance(independent, b);
  INFO("variance of the difference: common " << v_crn << ", independent " << v_independent);
  CHECK(v_crn < 0.5 * v_independent);
}

TEST_CASE("a lower uitval multiplier raises diplomas and lowers uitval", "[compare]") {
  testing::TempDir dir;
  models::CompareRequest request;
  request.scenario_files = {dir.write("lower_uitval.toml", kHeader +
      "[modifier.test_uitval]\nfrom = [\"entree_bol\", \"entree_bbl\", \"entree_examendeelnemer\"]\nrisk = \"uitval\"\n"
      "rate = 0.5\nsource = \"test\"\n")};
  request.options.students = 70000;
  request.options.replications = 4;
  request.options.threads = 2;
  const auto result = models::compare(request);
  auto delta = [&](const std::string& measure, int h) {
    for (const auto& d : result.scenarios[0].differences)
      if (d.population == "entree_entrants" && d.origin == "all" && d.measure == measure && d.horizon_years == h) return d.delta;
    FAIL("missing " << measure);
    return engine::Summary{};
  };
  CHECK(delta("entree_diploma", 1).low > 0.0);
  CHECK(delta("any_mbo_diploma", 3).low > 0.0);
  CHECK(delta("position_not_in_mbo_no_diploma", 1).high < 0.0);
}

TEST_CASE("an assumed effect with a range widens the interval of the difference", "[compare]") {
  testing::TempDir dir;
  models::CompareRequest request;
  request.scenario_files = {dir.write("assumed.toml", kHeader +
      "[modifier.test_uitval]\nfrom = [\"entree_bol\", \"entree_bbl\", \"entree_examendeelnemer\"]\nrisk = \"uitval\"\n"
      "rate = 0.7\nassumption = \"test effect\"\nrange = [0.5, 1.5]\n")};
  request.options.students = 35000;
  request.options.replications = 8;
  const auto result = models::compare(request);
  REQUIRE(result.scenarios[0].assumptions.size() == 1);
  for (const auto& d : result.scenarios[0].differences)
    if (d.population == "entree_entrants" && d.origin == "all" && d.measure == "entree_diploma" && d.horizon_years == 1) {
      // rate 0.35 to 1.05: the effect runs from clearly positive to about nothing.
      CHECK(d.delta.high > 2.0 * d.delta.low);
      CHECK(d.delta.low < 0.01);
    }
}

namespace {

// Pro examendeelnemers and bbl students from geen_diploma_vo move to bol, with a causal share.
std::string variant_move(const std::string& causal_share) {
  return kHeader + causal_share +
         "[route.pro_verlaten.to]\nentree_bol = 0.4\nentree_examendeelnemer = 0.0\nentree_bbl = 0.1\nniveau2 = 0.3\n"
         "werk_zonder_diploma = 0.2\n[stratum.geen_diploma_vo.start]\nentree_bol = 1.0\n";
}

models::ComparisonResult compare_moves(const std::vector<std::string>& causal_shares, bool draw) {
  testing::TempDir dir;
  std::vector<models::Scenario> scenarios;
  for (std::size_t i = 0; i < causal_shares.size(); ++i)
    scenarios.push_back(models::load(dir.write("move" + std::to_string(i) + ".toml", variant_move(causal_shares[i])), ""));
  models::ComparisonOptions options;
  options.simulation.students = 14000;
  options.simulation.replications = 3;
  options.simulation.threads = 2;
  options.draw_assumptions = draw;
  return models::compare_scenarios(models::load("", ""), scenarios, options);
}

}  // namespace

TEST_CASE("with a causal share of 0 a variant move differs from the base by exactly zero", "[compare][causal_share]") {
  // Drawn in [0, 0], and the central value 0 with drawing off: common random numbers make both exact.
  for (const bool draw : {true, false}) {
    const auto result = compare_moves({"causal_share = { value = 0.0, range = [0.0, " + std::string(draw ? "0.0" : "1.0") +
                                       "], assumption = \"test\" }\n"}, draw);
    INFO("drawing " << draw);
    REQUIRE(result.scenarios[0].differences.size() > 1000);
    for (const auto& d : result.scenarios[0].differences) {
      CHECK(d.delta.mean == 0.0);
      CHECK(d.delta.high - d.delta.low == 0.0);
    }
    for (const auto& c : result.scenarios[0].costs) CHECK(c.delta_cost_per_student.mean == 0.0);
    CHECK(result.scenarios[0].assumptions.size() == (draw ? 1u : 0u));
  }
}

TEST_CASE("with a causal share of 1 a variant move is what it was without one", "[compare][causal_share]") {
  for (const bool draw : {true, false}) {
    const auto result = compare_moves({"", "causal_share = { value = 1.0, range = [1.0, 1.0], assumption = \"test\" }\n"}, draw);
    INFO("drawing " << draw);
    const auto& whole = result.scenarios[0].differences;
    const auto& causal = result.scenarios[1].differences;
    REQUIRE(whole.size() == causal.size());
    bool moved = false;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      CHECK(causal[i].delta.mean == whole[i].delta.mean);
      moved = moved || whole[i].delta.mean != 0.0;
    }
    CHECK(moved);
  }
}

TEST_CASE("a drawn causal share is listed among the assumptions and lies between its ends", "[compare][causal_share]") {
  const auto result = compare_moves({"", "causal_share = { value = 0.5, range = [0.2, 0.8], assumption = \"test\" }\n"}, true);
  REQUIRE(result.scenarios[1].assumptions.size() == 1);
  CHECK(result.scenarios[1].assumptions[0].rfind("scenario.causal_share: drawn per replicate between 0.2 and 0.8 (central 0.5)", 0) == 0);
  // The largest difference the whole move makes shrinks to a part of it, with the same sign.
  const auto& whole = result.scenarios[0].differences;
  std::size_t largest = 0;
  for (std::size_t i = 0; i < whole.size(); ++i)
    if (std::abs(whole[i].delta.mean) > std::abs(whole[largest].delta.mean)) largest = i;
  const double part = result.scenarios[1].differences[largest].delta.mean / whole[largest].delta.mean;
  INFO(whole[largest].population << " " << whole[largest].origin << " " << whole[largest].measure);
  CHECK(part > 0.2);
  CHECK(part < 0.8);
}

TEST_CASE("every scenario in the library loads, runs and differs from the baseline", "[compare][library]") {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios"))
    if (e.path().extension() == ".toml" && e.path().filename() != "baseline.toml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 9);
  models::CompareRequest request;
  request.scenario_files = files;
  request.options.students = 14000;
  request.options.replications = 2;
  request.options.threads = 2;
  const auto result = models::compare(request);
  REQUIRE(result.scenarios.size() == files.size());
  for (const auto& sc : result.scenarios) {
    INFO("scenario " << sc.scenario.name);
    CHECK(!sc.scenario.description.empty());
    CHECK(!sc.scenario.sources.empty());
    bool changed = false;
    for (const auto& d : sc.differences) changed = changed || d.delta.mean != 0.0;
    CHECK(changed);
  }
}
