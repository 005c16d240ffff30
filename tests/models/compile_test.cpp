// models::compile on a small hand-written parameter file: the engine rules it builds, number by
// number, and its errors for records that do not fit together.
//
// Each of these mutations of models/chain/chain_model.cpp was tried and made the test named in
// brackets fail:
//   - hazard_risk(): the rates without the modifiers' rate; apply_modifiers(): a modifier applied
//     to every stratum, not only those it names ("a hazard route's rates ...")
//   - age_effect(): the factor as rate * rate instead of multiplied in ("an age rule ...")
//   - with_odds(): `factor * p / (1.0 - p + factor * p)` as `std::min(1.0, factor * p)`;
//     yearly_decision(): the route's date dropped ("an exam's date ...")
//   - mix_for(): always the named mix, never one that replaces it ("a mix is expanded ...")
//   - to_branch(): admissions ignored ("an admission's minimum age ...")
//   - check_all_matched(): modifiers not checked ("a modifier that matches no route ...")
//   - claim(): the clash not detected ("two routes on one risk ...")
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "models/chain/chain_model.h"
#include "models/chain/scenario.h"
#include "models/io/input_error.h"

using namespace doorstroom;
using namespace doorstroom::models;

namespace {

const std::string kFile = "compile_test.toml";

// Two strata, one starting in pro and one in entree bol; a hazard, a yearly decision and an exam,
// each with a modifier; a mix and one that replaces it out of entree bbl; an age rule; an admission.
const std::string kParameters = R"([model]
horizon_years = 2

[stratum.a]
label = "A"
entree_origin = "a"
start = { pro = 1.0 }
age = 12.0
cohort = 100
end = 6
source = "test"

[stratum.b]
label = "B"
entree_origin = "b"
start = { entree_bol = 1.0 }
age = 16.0
cohort = 50
end = 6
source = "test"

[mix.uitval]
to = { thuis_zonder_diploma = 0.5, werk_zonder_diploma = 0.5 }
source = "test"

[mix.uitval_bbl]
to = { werk_zonder_diploma = 1.0 }
replaces = "uitval"
when_from = ["entree_bbl"]
source = "test"

[route.pro_uitval]
kind = "hazard"
from = ["pro"]
breaks = [1.0]
rates = [0.2, 0.4]
to = { werk_zonder_diploma = 1.0 }
source = "test"

[route.pro_verlaten]
kind = "yearly"
from = ["pro"]
leave = [0.5, 0.8]
to = { entree_bol = 1.0 }
source = "test"

[route.entree_uitval]
kind = "hazard"
from = ["entree_bol", "entree_bbl"]
rates = [0.3]
to = { "mix:uitval" = 0.5, niveau2 = 0.5 }
source = "test"

[route.entree_diploma]
kind = "exam"
from = ["entree_bol"]
pass = [0.4, 0.6]
date = "07-01"
min_stay = 0.5
to = { werk_met_entreediploma = 1.0 }
source = "test"

[modifier.pro_uitval_a]
from = ["pro"]
strata = ["a"]
risk = "pro_uitval"
rate = 1.5
source = "test"

[modifier.pro_verlaten_sneller]
from = ["pro"]
risk = "pro_verlaten"
rate = 1.5
source = "test"

[modifier.examentraining]
from = ["entree_bol"]
risk = "entree_diploma"
rate = 2.0
source = "test"

[age_rule.kwalificatieplicht]
from = ["pro"]
risk = "pro_uitval"
age = 18.0
rate = 2.0
source = "test"

[admission.entree_vanaf_16]
to = ["entree_bol"]
min_age = 16.0
source = "test"
)";

constexpr int kA = 0;
constexpr int kB = 1;

ChainModel compiled(const std::string& text) { return compile(read_parameters(parse_toml(text, kFile), kFile)); }

int id(State s) { return static_cast<int>(s); }

// The risk of that name in a state's rules.
const engine::Risk& risk_named(const ChainModel& m, int group, State s, const std::string& risk) {
  const engine::StateRules& rules = m.process.rules(group, id(s));
  const auto end = rules.risks.begin() + rules.n_risks;
  const auto it = std::find_if(rules.risks.begin(), end,
                               [&](const engine::Risk& r) { return m.risk_names[static_cast<std::size_t>(r.id)] == risk; });
  REQUIRE(it != end);
  return *it;
}

// The line of a record's header in the text, as errors name it.
int line_of(const std::string& text, const std::string& header) {
  const std::string before = text.substr(0, text.find(header));
  return 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
}

std::string error_for(const std::string& text) {
  try {
    (void)compiled(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a hazard route's rates carry the rate of the modifiers that match its stratum", "[compile]") {
  const ChainModel m = compiled(kParameters);
  const engine::Risk& a = risk_named(m, kA, State::pro, "pro_uitval");
  REQUIRE(a.hazard.pieces() == 2);
  CHECK(a.hazard.piece_start(1) == 1.0);
  CHECK(a.hazard.piece_rate(0) == 0.2 * 1.5);
  CHECK(a.hazard.piece_rate(1) == 0.4 * 1.5);
  // The modifier names stratum a only.
  const engine::Risk& b = risk_named(m, kB, State::pro, "pro_uitval");
  CHECK(b.hazard.piece_rate(0) == 0.2);
  CHECK(b.hazard.piece_rate(1) == 0.4);
  REQUIRE(a.to.size() == 1);
  CHECK(a.to.outcome(0).to == id(State::werk_zonder_diploma));
  CHECK(a.to.outcome(0).probability == 1.0);
}

TEST_CASE("an age rule sets the age and factor of its risk", "[compile]") {
  const ChainModel m = compiled(kParameters);
  const engine::Risk& a = risk_named(m, kA, State::pro, "pro_uitval");
  CHECK(a.age_effect.age == 18.0);
  CHECK(a.age_effect.factor == 2.0);
  CHECK(risk_named(m, kA, State::entree_bol, "entree_uitval").age_effect.factor == 1.0);
}

TEST_CASE("a yearly decision's probabilities carry a modifier's rate, capped at 1", "[compile]") {
  const ChainModel m = compiled(kParameters);
  const engine::StateRules& pro = m.process.rules(kA, id(State::pro));
  REQUIRE(pro.has_yearly);
  CHECK(pro.yearly.years == 2);
  CHECK(pro.yearly.probability[0] == 0.5 * 1.5);
  CHECK(pro.yearly.probability[1] == 1.0);
  CHECK_FALSE(pro.yearly.date.has_value());  // the process's date, 1 August
  CHECK(pro.yearly.min_stay == 0.0);
}

TEST_CASE("an exam's date, minimum stay and pass probabilities, with a modifier on the odds", "[compile]") {
  const ChainModel m = compiled(kParameters);
  for (int g : {kA, kB}) {
    const engine::StateRules& bol = m.process.rules(g, id(State::entree_bol));
    REQUIRE(bol.has_yearly);
    // 1 July is eleven months after 1 August.
    REQUIRE(bol.yearly.date.has_value());
    CHECK(bol.yearly.date->phase == 11.0 / 12.0);
    CHECK(bol.yearly.min_stay == 0.5);
    CHECK(bol.yearly.years == 2);
    // p' = f p / (1 - p + f p): the odds p / (1 - p) times f.
    const double f = 2.0;
    CHECK(bol.yearly.probability[0] == f * 0.4 / (1.0 - 0.4 + f * 0.4));
    CHECK(bol.yearly.probability[1] == f * 0.6 / (1.0 - 0.6 + f * 0.6));
    CHECK(m.risk_names[static_cast<std::size_t>(bol.yearly.id)] == "entree_diploma");
  }
  // No exam out of entree bbl: the route names entree bol only.
  CHECK_FALSE(m.process.rules(kA, id(State::entree_bbl)).has_yearly);
}

TEST_CASE("a mix is expanded into the branch, and a mix that replaces it is used for its states only", "[compile]") {
  const ChainModel m = compiled(kParameters);
  // Out of entree bol: half to niveau 2, half to mix:uitval (half home, half work). Outcomes in
  // state order.
  const engine::Branch& bol = risk_named(m, kA, State::entree_bol, "entree_uitval").to;
  REQUIRE(bol.size() == 3);
  CHECK(bol.outcome(0).to == id(State::niveau2));
  CHECK(bol.outcome(0).probability == 0.5);
  CHECK(bol.outcome(1).to == id(State::werk_zonder_diploma));
  CHECK(bol.outcome(1).probability == 0.25);
  CHECK(bol.outcome(2).to == id(State::thuis_zonder_diploma));
  CHECK(bol.outcome(2).probability == 0.25);
  // Out of entree bbl, mix:uitval means mix.uitval_bbl: all work.
  const engine::Branch& bbl = risk_named(m, kA, State::entree_bbl, "entree_uitval").to;
  REQUIRE(bbl.size() == 2);
  CHECK(bbl.outcome(0).to == id(State::niveau2));
  CHECK(bbl.outcome(0).probability == 0.5);
  CHECK(bbl.outcome(1).to == id(State::werk_zonder_diploma));
  CHECK(bbl.outcome(1).probability == 0.5);
}

TEST_CASE("an admission's minimum age is on the branch outcomes into its states", "[compile]") {
  const ChainModel m = compiled(kParameters);
  const engine::Branch& to = m.process.rules(kA, id(State::pro)).yearly.to;
  REQUIRE(to.size() == 1);
  CHECK(to.outcome(0).to == id(State::entree_bol));
  CHECK(to.outcome(0).min_age == 16.0);
  CHECK(risk_named(m, kA, State::pro, "pro_uitval").to.outcome(0).min_age == 0.0);
}

TEST_CASE("a modifier that matches no route is an error", "[compile]") {
  const std::string extra = "\n[modifier.nergens]\nfrom = [\"vso\"]\nrisk = \"pro_uitval\"\nrate = 2.0\nsource = \"test\"\n";
  const std::string text = kParameters + extra;
  CHECK(error_for(text) == kFile + ":" + std::to_string(line_of(text, "[modifier.nergens]")) +
                               ":1: modifier.nergens: matches no route (risk 'pro_uitval' from the given states)");
}

TEST_CASE("two routes on one risk out of one state clash", "[compile]") {
  const std::string extra =
      "\n[route.pro_uitval_dubbel]\nkind = \"hazard\"\nfrom = [\"pro\"]\nrisk = \"pro_uitval\"\nrates = [0.1]\n"
      "to = { thuis_zonder_diploma = 1.0 }\nsource = \"test\"\n";
  const std::string text = kParameters + extra;
  CHECK(error_for(text) == kFile + ":" + std::to_string(line_of(text, "[route.pro_uitval_dubbel]")) +
                               ":1: route.pro_uitval_dubbel: risk 'pro_uitval' from state pro for stratum a is already "
                               "defined by route.pro_uitval");
}
