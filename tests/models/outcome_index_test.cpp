// OutcomeIndex finds a row by its five key fields (population, origin, variant, measure, horizon),
// by value: a key made of other strings with the same text finds it, a key that differs in any one
// field does not, and of two rows with the same key the later one is found (as the map it replaced
// did).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/measure/outcomes.h"

using namespace doorstroom::models;

namespace {

OutcomeRow row(std::string population, std::string origin, std::string variant, std::string measure, int h, double mean) {
  OutcomeRow r;
  r.population = std::move(population);
  r.origin = std::move(origin);
  r.variant = std::move(variant);
  r.measure = std::move(measure);
  r.horizon_years = h;
  r.value.mean = mean;
  return r;
}

}  // namespace

TEST_CASE("an outcome index finds each row by the text of its key", "[outcomes]") {
  std::vector<OutcomeRow> rows;
  // Names longer than a short string's inline buffer, as most measure names are.
  for (int h = 0; h <= 2; ++h) {
    rows.push_back(row("entree_leavers_met_diploma", "all", "bol", "position_not_in_mbo_no_diploma", h, 0.1 + h));
    rows.push_back(row("entree_leavers_met_diploma", "all", "bbl", "position_not_in_mbo_no_diploma", h, 0.2 + h));
    rows.push_back(row("entree_leavers_met_diploma", "pro", "bol", "position_not_in_mbo_no_diploma", h, 0.3 + h));
    rows.push_back(row("mbo_entrants", "all", "bol", "position_not_in_mbo_no_diploma", h, 0.4 + h));
    rows.push_back(row("entree_leavers_met_diploma", "all", "bol", "work", h, 0.5 + h));
  }
  rows.push_back(row("mbo_entrants", "all", "bol", "work", 1, 7.0));
  rows.push_back(row("mbo_entrants", "all", "bol", "work", 1, 8.0));  // the same key again
  const OutcomeIndex index(rows);

  for (const OutcomeRow& r : rows) {
    const OutcomeKey key{std::string(r.population.c_str()), std::string(r.origin.c_str()), std::string(r.variant.c_str()),
                         std::string(r.measure.c_str()), r.horizon_years};
    const OutcomeRow* found = index.find(key);
    REQUIRE(found != nullptr);
    CHECK(key_of(*found) == key);
    CHECK(index.find_like(OutcomeRow(r)) == found);  // a row of another run with the same key
  }
  CHECK(index.find({"entree_leavers_met_diploma", "pro", "bol", "position_not_in_mbo_no_diploma", 2})->value.mean == Approx(2.3));
  CHECK(index.find({"mbo_entrants", "all", "bol", "work", 1})->value.mean == 8.0);
  CHECK(index.find({"entree_leavers_met_diploma", "all", "bol", "position_not_in_mbo_no_diploma", 3}) == nullptr);
  CHECK(index.find({"entree_leavers_met_diploma", "all", "bbl", "work", 0}) == nullptr);
  CHECK(index.find({"mbo_entrants", "pro", "bol", "work", 1}) == nullptr);
  CHECK(index.find({"mbo_entrant", "all", "bol", "work", 1}) == nullptr);
}
