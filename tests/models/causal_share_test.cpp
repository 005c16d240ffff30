// The causal share: a scenario's changed routing shares are interpolated between the baseline
// (c = 0) and the scenario as written (c = 1); nothing else changes.
#include <catch2/catch.hpp>

#include "models/chain/causal_share.h"
#include "models/studies/run.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

// Examendeelnemers from pro move to bol (as in MBO Raad scenario 1, the examendeelnemer share
// listed at 0), bbl from geen_diploma_vo moves to bol, and a modifier that is no routing share.
const std::string kMove =
    "[scenario]\nname = \"move\"\ntitle = \"t\"\ndescription = \"d\"\n"
    "[route.pro_verlaten.to]\n"
    "entree_bol = 0.4\nentree_examendeelnemer = 0.0\nentree_bbl = 0.1\nniveau2 = 0.3\nwerk_zonder_diploma = 0.2\n"
    "[stratum.geen_diploma_vo.start]\nentree_bol = 1.0\n"
    "[modifier.test_uitval]\nfrom = \"entree_bol\"\nrisk = \"uitval\"\nrate = 0.8\nsource = \"test\"\n";

const models::Route& route(const models::ParameterSet& p, const std::string& name) {
  for (const auto& r : p.routes)
    if (r.name == name) return r;
  FAIL("no route " << name);
  return p.routes.front();
}

const models::Stratum& stratum(const models::ParameterSet& p, const std::string& name) {
  for (const auto& s : p.strata)
    if (s.name == name) return s;
  FAIL("no stratum " << name);
  return p.strata.front();
}

double share(const models::Shares& shares, const std::string& to) {
  for (const auto& [name, p] : shares)
    if (name == to) return p;
  return 0.0;
}

// Every record but the routes' `to` and the strata's `start` is the scenario's.
void check_rest_is_scenario(const models::ParameterSet& p, const models::ParameterSet& scenario) {
  REQUIRE(p.routes.size() == scenario.routes.size());
  for (std::size_t i = 0; i < p.routes.size(); ++i) {
    CHECK(p.routes[i].rates == scenario.routes[i].rates);
    CHECK(p.routes[i].leave == scenario.routes[i].leave);
  }
  REQUIRE(p.modifiers.size() == scenario.modifiers.size());
  for (std::size_t i = 0; i < p.modifiers.size(); ++i) CHECK(p.modifiers[i].rate == scenario.modifiers[i].rate);
  for (std::size_t i = 0; i < p.strata.size(); ++i) CHECK(p.strata[i].cohort == scenario.strata[i].cohort);
}

}  // namespace

TEST_CASE("a causal share interpolates the shares a scenario changes, and nothing else", "[causal_share]") {
  const models::ParameterSet base = models::load("", "").parameters;
  testing::TempDir dir;
  const models::ParameterSet scenario = models::load(dir.write("move.toml", kMove), "").parameters;
  REQUIRE(models::moved_distributions(scenario, base) == 2);

  SECTION("c = 0 is the base's shares") {
    const auto p = models::with_causal_share(scenario, base, 0.0);
    CHECK(route(p, "pro_verlaten").to == route(base, "pro_verlaten").to);
    CHECK(stratum(p, "geen_diploma_vo").start == stratum(base, "geen_diploma_vo").start);
    CHECK(models::moved_distributions(p, base) == 0);
    check_rest_is_scenario(p, scenario);
  }
  SECTION("c = 1 is the scenario's shares") {
    const auto p = models::with_causal_share(scenario, base, 1.0);
    CHECK(route(p, "pro_verlaten").to == route(scenario, "pro_verlaten").to);
    CHECK(stratum(p, "geen_diploma_vo").start == stratum(scenario, "geen_diploma_vo").start);
    check_rest_is_scenario(p, scenario);
  }
  SECTION("c = 0.5 is halfway, destinations either side lacks included") {
    const auto p = models::with_causal_share(scenario, base, 0.5);
    for (const auto& to : {"entree_bol", "entree_examendeelnemer", "beschut_werk_dagbesteding", "werk_zonder_diploma"})
      CHECK(share(route(p, "pro_verlaten").to, to) ==
            Approx(0.5 * share(route(base, "pro_verlaten").to, to) + 0.5 * share(route(scenario, "pro_verlaten").to, to)));
    CHECK(share(stratum(p, "geen_diploma_vo").start, "entree_bbl") ==
          Approx(0.5 * share(stratum(base, "geen_diploma_vo").start, "entree_bbl")));
    double total = 0.0;
    for (const auto& [to, v] : route(p, "pro_verlaten").to) total += v;
    CHECK(total == Approx(1.0));
    check_rest_is_scenario(p, scenario);
  }
  SECTION("routes the scenario leaves alone are untouched at any c") {
    const auto p = models::with_causal_share(scenario, base, 0.3);
    CHECK(route(p, "isk_verlaten").to == route(scenario, "isk_verlaten").to);
    CHECK(stratum(p, "pro").start == stratum(scenario, "pro").start);
  }
}

TEST_CASE("a scenario with a causal share runs at its central value and keeps both ends", "[causal_share]") {
  testing::TempDir dir;
  const std::string with_share = std::string(kMove).insert(kMove.find("[route"),
      "causal_share = { value = 0.25, range = [0.0, 0.5], assumption = \"test\" }\n");
  const auto plain = models::load(dir.write("plain.toml", kMove), "");
  const auto shared = models::load(dir.write("shared.toml", with_share), "");
  const models::ParameterSet base = models::load("", "").parameters;
  REQUIRE(shared.causal_share);
  CHECK(shared.causal_share->value == 0.25);
  CHECK(shared.causal_share->range.low == 0.0);
  CHECK(shared.causal_share->range.high == 0.5);
  CHECK(route(shared.causal_share->whole_gap, "pro_verlaten").to == route(plain.parameters, "pro_verlaten").to);
  CHECK(route(shared.causal_share->extended, "pro_verlaten").to == route(base, "pro_verlaten").to);
  CHECK(route(shared.parameters, "pro_verlaten").to ==
        route(models::with_causal_share(plain.parameters, base, 0.25), "pro_verlaten").to);
  CHECK_FALSE(plain.causal_share);
}
