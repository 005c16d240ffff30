// Choosing what a sweep varies and records by glob: `*` spans dots, brackets are literal, a glob
// that matches nothing is refused with a suggestion, and `all` records every output the model has.
#include <catch2/catch.hpp>

#include "models/io/input_error.h"
#include "models/studies/run.h"
#include "models/studies/sweep_selection.h"

using namespace doorstroom;

TEST_CASE("globs: * spans any run of characters, ? one, brackets are literal", "[sweep]") {
  CHECK(models::glob_match("route.*.rates[0]", "route.niveau2_uitval.rates[0]"));
  CHECK_FALSE(models::glob_match("route.*.rates[0]", "route.niveau2_uitval.rates[1]"));
  CHECK(models::glob_match("modifier.*", "modifier.a.b"));
  CHECK(models::glob_match("*uitval*", "route.niveau2_uitval.rates[0]"));
  CHECK(models::glob_match("a?c", "abc"));
  CHECK_FALSE(models::glob_match("a?c", "ac"));
  CHECK_FALSE(models::glob_match("route.*", "age_rule.x"));
}

TEST_CASE("sweep: --parameters globs expand over the parameters with a range", "[sweep]") {
  const auto p = models::load("", "").parameters;
  const auto ranged = models::ranged_parameters(p);
  const auto uitval = models::select_parameters({"route.*uitval*"}, p);
  REQUIRE(!uitval.empty());
  for (const auto& path : uitval) {
    CHECK(path.rfind("route.", 0) == 0);
    CHECK(path.find("uitval") != std::string::npos);
    CHECK(std::find(ranged.begin(), ranged.end(), path) != ranged.end());
  }
  // Exact names pass through; a path picked twice is kept once.
  const auto both = models::select_parameters({uitval[0], "route.*uitval*"}, p);
  CHECK(both.size() == uitval.size());
  CHECK(models::select_parameters({}, p) == ranged);
  CHECK_THROWS_WITH(models::select_parameters({"route.*nosuchthing*"}, p), Catch::Contains("matches no parameter with a range"));
}

TEST_CASE("sweep: --measure accepts all and globs over the outputs the model records", "[sweep]") {
  const auto p = models::load("", "").parameters;
  const auto all = models::recordable_measures(p);
  CHECK(std::find(all.begin(), all.end(), "chain_leavers/pro/mbo2_diploma/5") != all.end());
  const auto pro5 = models::select_measures({"chain_leavers/pro/*/5"}, p);
  REQUIRE(!pro5.empty());
  for (const auto& m : pro5) CHECK((m.population == "chain_leavers" && m.origin == "pro" && m.horizon_years == 5));
  CHECK(models::select_measures({"all"}, p).size() == all.size());
  CHECK(models::select_measures({}, p).size() == models::default_sweep_measures().size());
  CHECK_THROWS_WITH(models::select_measures({"chain_leavers/pro/nosuch*/5"}, p), Catch::Contains("matches none of the"));
}
