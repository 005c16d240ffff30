// Calibration recovers parameters it did not see: targets produced by the model itself with known
// values, then a fit from the first values must land back on the known ones.
#include <catch2/catch.hpp>

#include "models/chain/parameter_path.h"
#include "models/studies/calibration.h"
#include "models/studies/run.h"

using namespace doorstroom::models;

namespace {

Target synthetic(const std::string& id, const std::string& measure, double value) {
  Target t;
  t.id = id;
  t.source = "synthetic";
  t.population = "entree_entrants";
  t.origin = "pro";
  t.variant = "all";
  t.measure = measure;
  t.horizon_years = 1;
  t.value = value;
  t.n = 20000;  // standard errors of about 0.3 points
  t.role = TargetRole::calibrate;
  return t;
}

SimulationOptions big_run(std::uint64_t students, std::uint32_t seed) {
  SimulationOptions big;
  big.students = students;
  big.replications = 1;
  big.seed = seed;
  big.threads = 2;
  return big;
}
// Sets each target's observed value to what `truth` gives on another seed than the fit's, so that
// the targets carry their own Monte Carlo noise.
void observe(std::vector<Target>& targets, const ParameterSet& truth, std::uint64_t students, std::uint32_t seed) {
  const auto observed = simulate_targets(truth, targets, big_run(students, seed));
  for (std::size_t i = 0; i < targets.size(); ++i) targets[i].value = observed[i];
}

CalibrationSettings fit_settings(const std::vector<std::string>& free, std::uint64_t students, int draws) {
  CalibrationSettings settings;
  settings.free = free;
  settings.students = students;
  settings.threads = 2;
  settings.draws = draws;
  return settings;
}

}  // namespace

TEST_CASE("calibration recovers known parameters from the model's own output", "[calibration]") {
  const ParameterSet start = load("", "").parameters;
  const std::vector<std::string> free{"route.entree_diploma_pro.pass[0]", "route.entree_uitval_pro.rates[0]",
                                      "route.entree_diploma_pro.to.niveau2_met_entreediploma"};
  ParameterSet truth = start;
  set_parameter(truth, free[0], get_parameter(start, free[0]) * 0.85);
  set_parameter(truth, free[1], get_parameter(start, free[1]) * 0.7);
  set_parameter(truth, free[2], 0.85);

  std::vector<Target> targets{synthetic("dropout", "position_not_in_mbo_no_diploma", 0),
                              synthetic("left", "position_not_in_mbo_with_diploma", 0),
                              synthetic("entree", "position_entree", 0), synthetic("n2", "position_niveau2plus", 0),
                              synthetic("diploma", "entree_diploma", 0)};
  observe(targets, truth, 700000, 99);

  CalibrationSettings settings = fit_settings(free, 140000, 3);
  settings.draw_iterations = 3;
  const auto result = calibrate(start, targets, settings);
  CHECK(result.values[0] == Approx(get_parameter(truth, free[0])).epsilon(0.08));
  CHECK(result.values[1] == Approx(get_parameter(truth, free[1])).epsilon(0.12));
  CHECK(result.values[2] == Approx(0.85).margin(0.02));
  // The fit is far better than the start.
  const auto before = simulate_targets(start, targets, big_run(700000, 99));
  double start_cost = 0.0;
  for (std::size_t i = 0; i < targets.size(); ++i) start_cost += targets[i].z(before[i]) * targets[i].z(before[i]);
  CHECK(result.cost < 0.05 * start_cost);
  REQUIRE(result.draws.size() == 3);
  for (const auto& draw : result.draws) CHECK(draw[2] == Approx(0.85).margin(0.05));
}

// A fit from several starts reports each start's cost and keeps the lowest, with its values: here
// the first values, the truth and a point far off, each fitted for a few iterations.
TEST_CASE("calibration from extra starting points keeps the lowest cost", "[calibration]") {
  const ParameterSet start = load("", "").parameters;
  const std::vector<std::string> free{"route.entree_diploma_pro.pass[0]", "route.entree_uitval_pro.rates[0]"};
  ParameterSet truth = start;
  set_parameter(truth, free[0], get_parameter(start, free[0]) * 0.8);
  set_parameter(truth, free[1], get_parameter(start, free[1]) * 0.7);
  ParameterSet far = start;
  set_parameter(far, free[0], get_parameter(start, free[0]) * 0.2);
  set_parameter(far, free[1], get_parameter(start, free[1]) * 4.0);

  std::vector<Target> targets{synthetic("dropout", "position_not_in_mbo_no_diploma", 0),
                              synthetic("diploma", "entree_diploma", 0)};
  observe(targets, truth, 200000, 98);

  CalibrationSettings settings = fit_settings(free, 35000, 0);
  settings.max_iterations = 4;
  const auto result = calibrate(start, targets, settings, {}, {{"truth", truth}, {"far", far}});
  REQUIRE(result.starts.size() == 3);
  CHECK(result.starts[0].name == "the first values");
  CHECK(result.starts[1].name == "truth");
  std::size_t lowest = 0;
  for (std::size_t i = 1; i < result.starts.size(); ++i)
    if (result.starts[i].cost < result.starts[lowest].cost) lowest = i;
  CHECK(result.cost == result.starts[lowest].cost);
  CHECK(result.kept == lowest);
  // Whichever start won, its values are the result, and they lie near the truth.
  CHECK(result.values[0] == Approx(get_parameter(truth, free[0])).epsilon(0.15));
}

TEST_CASE("the calibrated patch and draws files read back", "[calibration]") {
  const ParameterSet start = load("", "").parameters;
  const std::vector<std::string> free{"route.entree_diploma_pro.pass[0]", "modifier.bbl_diploma.rate",
                                      "route.entree_diploma_pro.to.niveau2_met_entreediploma"};
  ParameterSet fitted = start;
  set_parameter(fitted, free[0], 0.72);
  set_parameter(fitted, free[1], 1.05);
  set_parameter(fitted, free[2], 0.6);
  const std::string patch = calibrated_patch(fitted, free, "# test\n");
  const Scenario reread = load_scenario(embedded_baseline(), "baseline", embedded_parameters(), "parameters", patch, "patch");
  for (const auto& path : free) CHECK(get_parameter(reread.parameters, path) == Approx(get_parameter(fitted, path)).epsilon(1e-5));

  const auto draws = read_draws(draws_csv(free, {{1.0, 2.0, 0.3}, {1.5, 2.5, 0.4}}), "draws.csv");
  REQUIRE(draws.size() == 2);
  CHECK(draws[1][2] == std::pair<std::string, double>{free[2], 0.4});
}
