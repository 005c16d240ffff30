// tabulate_outcomes with a selection of cells (what a calibration reads) must give exactly the rows
// of the full tabulation that lie in those cells: the same rows, in the same order, with the same
// values. Cells the model has no rows for select nothing.
#include <catch2/catch.hpp>

#include <vector>

#include "models/measure/outcomes.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

using namespace doorstroom;

TEST_CASE("a tabulation of selected cells is the full tabulation's rows in those cells", "[outcomes]") {
  const models::ChainModel model = models::compile(models::load("", "").parameters);
  models::SimulationOptions options;
  options.students = 6000;
  options.replications = 2;
  const models::SimulationResult result = models::simulate(model, options);
  const auto all = models::tabulate_outcomes(model, result.replicates, result.simulated);

  models::OutcomeSelection cells;
  cells.add("chain_leavers", "all", "all", "mbo2_diploma");
  cells.add("entree_entrants", "pro", "bol", "work");
  cells.add("entree_entrants", "all", "all", "share_of_population");  // none: "all" has no share row
  cells.add("entree_entrants", "pro", "all", "share_of_population");
  cells.add("mbo_entrants", "nowhere", "all", "work");  // no such origin
  const auto some =
      models::tabulate_outcomes(model, result.replicates, result.simulated, engine::IntervalKind::mean, {}, {}, &cells);

  std::vector<models::OutcomeRow> expected;
  for (const auto& row : all)
    if (cells.holds(row.population, row.origin, row.variant, row.measure)) expected.push_back(row);
  REQUIRE(expected.size() > static_cast<std::size_t>(model.horizon_years));
  REQUIRE(some.size() == expected.size());
  for (std::size_t i = 0; i < some.size(); ++i) {
    CHECK(models::key_of(some[i]) == models::key_of(expected[i]));
    CHECK(some[i].value.mean == expected[i].value.mean);
    CHECK(some[i].values == expected[i].values);
    CHECK(some[i].denominators == expected[i].denominators);
  }
  CHECK_FALSE(cells.holds("chain_leavers", "all", "all", "work"));
}
