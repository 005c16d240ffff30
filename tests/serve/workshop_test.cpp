// The workshop's request checking and its comparison, without the HTTP layer.
#ifdef DOORSTROOM_WITH_SERVE
#include <catch2/catch.hpp>

#include "models/studies/run.h"
#include "serve/workshop.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

const serve::Workshop& workshop() {
  static const serve::Workshop w = [] {
    const models::Scenario base = models::load("", "");
    const models::Scenario coach = models::load(std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios/loopbaancoach.toml", "");
    return serve::Workshop(base, {base, coach});
  }();
  return w;
}

std::string refusal(const std::vector<std::pair<std::string, std::string>>& params) {
  try {
    (void)workshop().parse_query(params, serve::ServeLimits{});
  } catch (const serve::QueryError& e) {
    return e.what();
  }
  return "accepted";
}

double json_number(const std::string& json, const std::string& key, std::size_t from = 0) {
  const auto at = json.find("\"" + key + "\": ", from);
  REQUIRE(at != std::string::npos);
  return std::stod(json.substr(at + key.size() + 4));
}

}  // namespace

TEST_CASE("the workshop offers world sliders and each scenario's own assumptions", "[serve]") {
  const auto* coach = workshop().find("loopbaancoach");
  REQUIRE(coach != nullptr);
  int world = 0, own = 0;
  for (const auto& s : coach->sliders) {
    CHECK_FALSE(s.paths.empty());
    CHECK(s.low < 1.0);
    CHECK(s.high > 1.0);
    (s.scenario_only ? own : world)++;
  }
  CHECK(world >= 5);
  CHECK(own >= 1);  // the coach's assumed effect
  const auto* base = workshop().find("baseline");
  REQUIRE(base != nullptr);
  for (const auto& s : base->sliders) CHECK_FALSE(s.scenario_only);
}

TEST_CASE("workshop requests are checked key by key", "[serve]") {
  CHECK(refusal({}) == "scenario: missing; name one of the scenarios from /api/scenarios");
  CHECK(refusal({{"scenario", "loopbaancaoch"}}) ==
        "scenario: no scenario named 'loopbaancaoch' (did you mean 'loopbaancoach'?)");
  CHECK(refusal({{"scenario", "baseline"}, {"students", "1000000000"}}) ==
        "students: expected a whole number from 1000 to 400000, got '1000000000'");
  CHECK(refusal({{"scenario", "baseline"}, {"students", "-5"}}) ==
        "students: expected a whole number from 1000 to 400000, got '-5'");
  CHECK(refusal({{"scenario", "baseline"}, {"students", "1e5"}}) ==
        "students: expected a whole number from 1000 to 400000, got '1e5'");
  CHECK(refusal({{"scenario", "baseline"}, {"world.entree_uitvall", "1.1"}}) ==
        "world.entree_uitvall: not a setting of scenario 'baseline' (did you mean 'world.entree_uitval'?)");
  CHECK(refusal({{"scenario", "baseline"}, {"world.entree_uitval", "1.3e0x"}}).rfind("world.entree_uitval: expected a factor from", 0) == 0);
  CHECK(refusal({{"scenario", "baseline"}, {"world.entree_uitval", "nan"}}).rfind("world.entree_uitval: expected a factor from", 0) == 0);
  CHECK(refusal({{"scenario", "baseline"}, {"world.entree_uitval", "99"}}).rfind("world.entree_uitval: expected a factor from", 0) == 0);
  CHECK(refusal({{"scenario", "baseline"}, {"seed", "4294967296"}}) ==
        "seed: expected a whole number from 0 to 4294967295, got '4294967296'");
  CHECK(refusal({{"scenario", "baseline"}, {"students", "5000"}, {"students", "6000"}}) == "students: given twice");
  // A scenario's own assumption is not a setting of another scenario.
  std::string own;
  for (const auto& s : workshop().find("loopbaancoach")->sliders)
    if (s.scenario_only) own = s.id;
  CHECK(refusal({{"scenario", "baseline"}, {own, "1"}}).find("not a setting of scenario 'baseline'") != std::string::npos);

  const auto q = workshop().parse_query({{"scenario", "loopbaancoach"}, {"students", "20000"}, {"world.entree_uitval", "1.2"}, {own, "1.1"}},
                                        serve::ServeLimits{});
  CHECK(q.scenario == "loopbaancoach");
  CHECK(q.students == 20000);
  CHECK(q.multipliers.at("world.entree_uitval") == 1.2);
  CHECK(q.multipliers.at(own) == 1.1);
}

TEST_CASE("the workshop comparison: zero against itself, and a world slider moves both arms", "[serve]") {
  serve::ServeLimits limits;
  limits.threads = 2;
  auto uitval_per_1000 = [](const std::string& json) {
    const auto at = json.find("\"measure\": \"position_not_in_mbo_no_diploma\", \"horizon\": 1");
    REQUIRE(at != std::string::npos);
    return std::pair{json_number(json, "base", at), json_number(json, "delta", at)};
  };
  const auto self = workshop().compare_json(workshop().parse_query({{"scenario", "baseline"}, {"students", "20000"}}, limits), limits);
  CHECK(self.find("\"key\": [{") != std::string::npos);
  const auto [base_uitval, self_delta] = uitval_per_1000(self);
  CHECK(self_delta == 0.0);

  const auto worse = workshop().compare_json(
      workshop().parse_query({{"scenario", "baseline"}, {"students", "20000"}, {"world.entree_uitval", "1.4"}}, limits), limits);
  const auto [worse_uitval, worse_delta] = uitval_per_1000(worse);
  CHECK(worse_delta == 0.0);              // the world slider acts on base and scenario alike
  CHECK(worse_uitval > base_uitval + 0.02);  // and more uitval shows in the base itself

  // A time limit that has passed stops the run.
  CHECK_THROWS_AS(workshop().compare_json(workshop().parse_query({{"scenario", "baseline"}, {"students", "20000"}}, limits), limits,
                                          [] { return true; }),
                  models::Cancelled);
}
#endif
