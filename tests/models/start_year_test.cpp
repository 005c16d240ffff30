// A scenario with a start year (models/chain/start_year.h): the baseline model with the scenario's
// rules for stays entered from the switch on. Under common random numbers every census before the
// switch is exactly the baseline's and later ones are not.
//
// Mutation tried: with_switch() copying the baseline's rules into the scenario's groups fails the
// first test (no census differs after the switch).
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/chain/scenario.h"
#include "models/chain/start_year.h"
#include "models/io/input_error.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

using namespace doorstroom;
using namespace doorstroom::models;

TEST_CASE("a start year: censuses before it are exactly the baseline's, later ones differ", "[start_year]") {
  const ChainModel base = compile(load("", "").parameters);
  const Scenario scenario = load(DOORSTROOM_SOURCE_DIR "/scenarios/strengere_toelating.toml", "");
  const ChainModel scen = compile(scenario.parameters);
  // Every stratum's t = 0 is 1 August 2024; the policy starts 1 August 2027 (t = 3).
  const std::vector<double> at(base.strata.size(), switch_time(2027, 2024));
  CHECK(at.front() == 3.0);
  const ChainModel switched = with_switch(base, scen, at);

  SimulationOptions options;
  options.students = 20000;
  options.replications = 1;
  const auto a = simulate(base, options).replicates.front();
  const auto b = simulate(switched, options).replicates.front();
  long differ_before = 0, differ_after = 0;
  for (int g = 0; g < static_cast<int>(base.strata.size()); ++g)
    for (int k = 0; k < std::min(a.censuses(), 8); ++k)
      for (int s = 0; s < kStates; ++s) {
        const bool differ = a.occupancy(g, k, s) != b.occupancy(g, k, s);
        (k + kCensusPhase < 3.0 ? differ_before : differ_after) += differ;
      }
  CHECK(differ_before == 0);
  CHECK(differ_after > 0);
}

TEST_CASE("start_year is read from the [scenario] table and checked", "[start_year]") {
  auto scenario = [](const std::string& year) {
    const std::string text = "[scenario]\nname = \"x\"\ntitle = \"x\"\ndescription = \"x\"\nstart_year = " + year + "\n";
    return load_scenario(text, "x.toml", embedded_parameters(), "embedded");
  };
  CHECK(scenario("2027").start_year == 2027);
  CHECK_THROWS_AS(scenario("2027.5"), InputError);
  CHECK_THROWS_AS(scenario("1990"), InputError);
}
