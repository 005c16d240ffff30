// A scenario's [SECTION.NAME.move] table (models/chain/share_move.h): its change is stated
// relative to the baseline it is applied to, so the shares it does not name follow that baseline.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "models/chain/scenario.h"
#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/studies/simulation.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

// The library scenarios that wrote their distributions whole, with copies of the calibrated
// baseline for the shares they kept, until they were rewritten as moves. Their files as they
// were, and the calibrated values they were written against, are in
// tests/data/scenarios_before_move/ (frozen there, so that a new calibration does not break the
// comparison).
const std::vector<std::string> kRewritten{
    "doorlopende_leerroute", "drempelloze_instroom",        "entree_in_pro_wettelijk",     "mbo_raad_1_overstap",
    "mbo_raad_2_begeleide_overgang", "mbo_raad_3_overgang_op_maat", "meer_bbl",        "strengere_toelating",
    "entree_in_vmbo_vso",    "isk_vo_hoger_niveau",         "pro_arbeidsroute"};

const std::string kBefore = "tests/data/scenarios_before_move/";

models::Scenario load(const std::string& file, const std::string& calibrated) {
  return models::load_scenario(testing::source_file(file), file, models::embedded_parameters(), "embedded",
                               calibrated, "calibrated");
}

models::Scenario load_text(const std::string& text, const std::string& calibrated = std::string(models::embedded_calibrated())) {
  return models::load_scenario(text, "move.toml", models::embedded_parameters(), "embedded", calibrated, "calibrated");
}

double share(const models::Shares& shares, const std::string& to) {
  for (const auto& [name, p] : shares)
    if (name == to) return p;
  return 0.0;
}

// Largest difference between two distributions, a destination one lacks counting as 0 there.
double largest_difference(const models::Shares& a, const models::Shares& b) {
  double worst = 0.0;
  for (const auto& [name, p] : a) worst = std::max(worst, std::abs(p - share(b, name)));
  for (const auto& [name, p] : b) worst = std::max(worst, std::abs(p - share(a, name)));
  return worst;
}

// Every distribution of two parameter sets agrees within `tolerance`, and every other number
// exactly (a rewrite that touched a rate or a modifier would show here).
void check_same(const models::ParameterSet& before, const models::ParameterSet& after, double tolerance,
                const std::string& what) {
  REQUIRE(before.routes.size() == after.routes.size());
  for (std::size_t i = 0; i < before.routes.size(); ++i) {
    INFO(what << ": route." << before.routes[i].name << ".to");
    CHECK(largest_difference(before.routes[i].to, after.routes[i].to) <= tolerance);
    CHECK(before.routes[i].rates == after.routes[i].rates);
    CHECK(before.routes[i].leave == after.routes[i].leave);
  }
  REQUIRE(before.strata.size() == after.strata.size());
  for (std::size_t i = 0; i < before.strata.size(); ++i) {
    INFO(what << ": stratum." << before.strata[i].name << ".start");
    CHECK(largest_difference(before.strata[i].start, after.strata[i].start) <= tolerance);
    CHECK(before.strata[i].cohort == after.strata[i].cohort);
  }
  REQUIRE(before.mixes.size() == after.mixes.size());
  for (std::size_t i = 0; i < before.mixes.size(); ++i) {
    INFO(what << ": mix." << before.mixes[i].name << ".to");
    CHECK(largest_difference(before.mixes[i].to, after.mixes[i].to) <= tolerance);
  }
  REQUIRE(before.modifiers.size() == after.modifiers.size());
  for (std::size_t i = 0; i < before.modifiers.size(); ++i) CHECK(before.modifiers[i].rate == after.modifiers[i].rate);
}

// The old files rounded their shares to 6 or 7 digits, 1e-6 apart from the exact move at most,
// with two exceptions of 1.3e-6: strengere_toelating's pro shares were 0.190943 - 0.03819 (a
// refusal rounded to 4 digits) against a fifth of the calibrated 0.190942582, and
// drempelloze_instroom split its vso rise over werk, thuis and uitkering in the proportions of an
// older calibration (uitkering 0.0902986 against 0.0902973 in today's proportions).
double tolerance_for(const std::string& name) {
  return name == "strengere_toelating" || name == "drempelloze_instroom" ? 1.5e-6 : 1e-6;
}

const models::Route& route(const models::ParameterSet& p, const std::string& name) {
  for (const auto& r : p.routes)
    if (r.name == name) return r;
  FAIL("no route " << name);
  return p.routes.front();
}

std::string error_of(const std::string& text) {
  try {
    (void)load_text(text);
  } catch (const models::InputError& e) {
    return e.what();
  }
  return "(no error)";
}

const std::string kHeader = "[scenario]\nname = \"m\"\ntitle = \"t\"\ndescription = \"d\"\n";

}  // namespace

// Four files had drifted from their own text at the re-base of commit cd83029 (it kept each move
// as a fixed share of an older calibration); as moves they do what their text says, so they are
// checked against that instead of their old numbers.
struct StatedMove {
  std::string scenario, route, destination;
  double factor;  // the destination's share as written over the baseline's
};
const std::vector<StatedMove> kStated{
    {"doorlopende_leerroute", "vmbo_b_verlaten", "entree_bol", 0.5},
    {"doorlopende_leerroute", "vmbo_b_verlaten", "thuis_zonder_diploma", 0.5},
    {"drempelloze_instroom", "pro_verlaten", "entree_bol", 1.2},
    {"drempelloze_instroom", "isk_verlaten", "entree_bol", 1.2},
    {"entree_in_pro_wettelijk", "pro_verlaten", "entree_examendeelnemer", 1.64},
    {"mbo_raad_3_overgang_op_maat", "pro_verlaten", "entree_bol", 0.0}};

bool stated(const std::string& name) {
  return std::any_of(kStated.begin(), kStated.end(), [&](const StatedMove& m) { return m.scenario == name; });
}

TEST_CASE("the four corrected scenarios move the fraction their text states", "[scenario][move]") {
  const std::string calibrated = testing::source_file(kBefore + "calibrated.toml");
  const auto baseline = load_text(kHeader, calibrated);
  for (const StatedMove& m : kStated) {
    INFO(m.scenario << ": route." << m.route << ".to." << m.destination);
    const auto sc = load("scenarios/" + m.scenario + ".toml", calibrated);
    const models::ParameterSet& written = sc.causal_share ? sc.causal_share->whole_gap : sc.parameters;
    const double base = share(route(baseline.parameters, m.route).to, m.destination);
    REQUIRE(base > 0.0);
    CHECK(share(route(written, m.route).to, m.destination) == Approx(m.factor * base).margin(1e-12));
  }
}

TEST_CASE("the rewritten library scenarios resolve to the distributions they wrote whole before", "[scenario][move]") {
  const std::string calibrated = testing::source_file(kBefore + "calibrated.toml");
  for (const auto& name : kRewritten) {
    INFO(name);
    if (stated(name)) continue;  // checked against their text above
    const auto before = load(kBefore + name + ".toml", calibrated);
    const auto after = load("scenarios/" + name + ".toml", calibrated);
    check_same(before.parameters, after.parameters, tolerance_for(name), name + " (central)");
    REQUIRE(before.causal_share.has_value() == after.causal_share.has_value());
    if (before.causal_share) {
      check_same(before.causal_share->whole_gap, after.causal_share->whole_gap, tolerance_for(name), name + " (as written)");
      check_same(before.causal_share->extended, after.causal_share->extended, 0.0, name + " (extended)");
    }
    CHECK(before.start_year == after.start_year);
  }
}

TEST_CASE("no library scenario copies the baseline's shares any more", "[scenario][move]") {
  for (const auto& name : kRewritten) {
    INFO(name);
    const std::string text = testing::source_file("scenarios/" + name + ".toml");
    CHECK(text.find("copy them again") == std::string::npos);
    CHECK(text.find(".move]") != std::string::npos);
  }
}

// The mutation this catches: a scenario whose unchanged shares are copied numbers (a `to` table
// written whole) keeps them when the baseline changes; a move takes them from the baseline.
TEST_CASE("after a recalibration the shares a move leaves alone are the new baseline's", "[scenario][move]") {
  // A recalibration that changes every share of pro_verlaten (and vmbo_b_verlaten, which some
  // scenarios move within): the calibrated values with niveau2 and werk swapped in weight.
  toml::table calibrated = models::parse_toml(models::embedded_calibrated(), "calibrated");
  for (const char* record : {"pro_verlaten", "vmbo_b_verlaten", "vso_verlaten", "isk_verlaten"}) {
    toml::table& to = *calibrated["route"][record]["to"].as_table();
    const double niveau2 = *to["niveau2"].value<double>(), werk = *to["werk_zonder_diploma"].value<double>();
    to.insert_or_assign("niveau2", werk);
    to.insert_or_assign("werk_zonder_diploma", niveau2);
  }
  std::ostringstream text;
  text << calibrated;
  const auto base = load_text(kHeader, text.str()).parameters;
  const auto old_base = load_text(kHeader).parameters;
  REQUIRE(share(route(base, "pro_verlaten").to, "niveau2") != share(route(old_base, "pro_verlaten").to, "niveau2"));

  SECTION("meer_bbl: a quarter of bol to bbl, the rest the new baseline's") {
    const auto s = load("scenarios/meer_bbl.toml", text.str()).causal_share->whole_gap;
    const auto& b = route(base, "pro_verlaten").to;
    const auto& to = route(s, "pro_verlaten").to;
    CHECK(share(to, "entree_bol") == Approx(0.75 * share(b, "entree_bol")).epsilon(1e-12));
    CHECK(share(to, "entree_bbl") == Approx(share(b, "entree_bbl") + 0.25 * share(b, "entree_bol")).epsilon(1e-12));
    for (const auto& [dest, p] : b)
      if (dest != "entree_bol" && dest != "entree_bbl") CHECK(share(to, dest) == p);
  }
  SECTION("every rewritten scenario: the destinations it does not move are the new baseline's") {
    for (const auto& name : kRewritten) {
      INFO(name);
      const auto scenario = load("scenarios/" + name + ".toml", text.str());
      const auto& s = scenario.causal_share ? scenario.causal_share->whole_gap : scenario.parameters;
      for (const auto& r : base.routes) {
        const auto& moved = route(s, r.name).to;
        int unchanged = 0;
        for (const auto& [dest, p] : r.to) unchanged += share(moved, dest) == p;
        // niveau2 and werk changed in the baseline; a scenario that does not move them keeps them.
        if (r.name == "pro_verlaten" || r.name == "vmbo_b_verlaten") {
          const bool moves_niveau2 = name == "doorlopende_leerroute" && r.name == "vmbo_b_verlaten";
          const bool moves_werk = name == "strengere_toelating" || name == "drempelloze_instroom" ||
                                  name == "pro_arbeidsroute" || moves_niveau2;
          if (!moves_niveau2) CHECK(share(moved, "niveau2") == share(r.to, "niveau2"));
          if (!moves_werk) CHECK(share(moved, "werk_zonder_diploma") == share(r.to, "werk_zonder_diploma"));
        }
        CHECK(unchanged >= static_cast<int>(r.to.size()) - 6);  // a move names a few destinations only
      }
    }
  }
}

// The same through the path a calibrated parameter draw takes (apply_draw_under sets every
// parameter the scenario left as the baseline has it): with copied numbers, rounded to 6 digits,
// every share looked changed by the scenario and no draw reached the distribution.
TEST_CASE("a parameter draw on the baseline reaches the shares a move leaves alone", "[scenario][move]") {
  const auto base = load_text(kHeader).parameters;
  const std::string path = "route.pro_verlaten.to.niveau2";
  const models::ParameterDraw draw{{path, 0.2}};
  for (const auto& name : {"meer_bbl", "mbo_raad_1_overstap", "strengere_toelating"}) {
    INFO(name);
    const auto moved = load("scenarios/" + std::string(name) + ".toml", std::string(models::embedded_calibrated()));
    const auto drawn = models::apply_draw_under(moved.causal_share->whole_gap, base, draw);
    CHECK(models::get_parameter(drawn, path) == Approx(0.2));
    const auto copied = load(kBefore + name + ".toml", std::string(models::embedded_calibrated()));
    const auto drawn_copied = models::apply_draw_under(copied.causal_share->whole_gap, base, draw);
    CHECK(models::get_parameter(drawn_copied, path) != Approx(0.2));  // what the copies did
  }
}

TEST_CASE("a move is relative to the calibrated baseline, and resolves like a written distribution", "[scenario][move]") {
  const auto base = load_text(kHeader).parameters;
  const auto& b = route(base, "pro_verlaten").to;

  SECTION("to: a fraction of the key's share goes to one destination") {
    const auto s = load_text(kHeader + "[route.pro_verlaten.move]\nentree_bol = { to = \"niveau2\", fraction = 0.5 }\n");
    const auto& to = route(s.parameters, "pro_verlaten").to;
    CHECK(share(to, "entree_bol") == Approx(0.5 * share(b, "entree_bol")));
    CHECK(share(to, "niveau2") == Approx(share(b, "niveau2") + 0.5 * share(b, "entree_bol")));
    CHECK(share(to, "entree_bbl") == share(b, "entree_bbl"));
  }
  SECTION("to several: in proportion to their baseline shares") {
    const auto s = load_text(kHeader +
                             "[route.pro_verlaten.move]\nentree_bol = { to = [\"niveau2\", \"entree_bbl\"], fraction = 1.0 }\n");
    const auto& to = route(s.parameters, "pro_verlaten").to;
    const double bol = share(b, "entree_bol"), n2 = share(b, "niveau2"), bbl = share(b, "entree_bbl");
    CHECK(share(to, "entree_bol") == 0.0);
    CHECK(share(to, "niveau2") == Approx(n2 + bol * n2 / (n2 + bbl)));
    CHECK(share(to, "entree_bbl") == Approx(bbl + bol * bbl / (n2 + bbl)));
  }
  SECTION("from several: the key grows by a fraction of itself, taken in proportion") {
    const auto s = load_text(kHeader + "[route.pro_verlaten.move]\n"
                                       "entree_bol = { from = [\"werk_zonder_diploma\", \"thuis_zonder_diploma\"], fraction = 0.2 }\n");
    const auto& to = route(s.parameters, "pro_verlaten").to;
    const double bol = share(b, "entree_bol"), werk = share(b, "werk_zonder_diploma"), thuis = share(b, "thuis_zonder_diploma");
    CHECK(share(to, "entree_bol") == Approx(1.2 * bol));
    CHECK(share(to, "werk_zonder_diploma") == Approx(werk - 0.2 * bol * werk / (werk + thuis)));
    CHECK(share(to, "thuis_zonder_diploma") == Approx(thuis - 0.2 * bol * thuis / (werk + thuis)));
  }
  SECTION("entries are computed from the baseline, not from each other") {
    const auto s = load_text(kHeader + "[route.pro_verlaten.move]\n"
                                       "entree_bol = { to = \"entree_bbl\", fraction = 0.5 }\n"
                                       "entree_bbl = { to = \"niveau2\", fraction = 0.5 }\n");
    const auto& to = route(s.parameters, "pro_verlaten").to;
    CHECK(share(to, "entree_bbl") == Approx(0.5 * share(b, "entree_bbl") + 0.5 * share(b, "entree_bol")));
    CHECK(share(to, "niveau2") == Approx(share(b, "niveau2") + 0.5 * share(b, "entree_bbl")));
  }
  SECTION("a stratum's start and a mix's to move the same way") {
    const auto s = load_text(kHeader + "[stratum.vbo.move]\nentree_bol = { to = \"entree_bbl\", fraction = 1.0 }\n"
                                       "[mix.uitval_zonder_diploma.move]\nthuis_zonder_diploma = { to = \"werk_zonder_diploma\", fraction = 1.0 }\n");
    for (const auto& st : s.parameters.strata)
      if (st.name == "vbo") CHECK(share(st.start, "entree_bbl") == Approx(1.0));
    for (const auto& m : s.parameters.mixes)
      if (m.name == "uitval_zonder_diploma") CHECK(share(m.to, "thuis_zonder_diploma") == 0.0);
  }
  SECTION("a scenario that writes `to` whole still replaces it whole") {
    const auto s = load_text(kHeader + "[route.pro_verlaten.to]\nentree_bol = 0.5\nniveau2 = 0.5\n");
    CHECK(route(s.parameters, "pro_verlaten").to == models::Shares{{"entree_bol", 0.5}, {"niveau2", 0.5}});
  }
}

TEST_CASE("a move works with the causal share, its size_range and start_year as a written distribution does", "[scenario][move]") {
  const std::string causal =
      "causal_share = { value = 0.5, range = [0.0, 1.0], size_range = [0.5, 1.0], assumption = \"a\" }\nstart_year = 2027\n";
  const std::string written_header = kHeader + causal;
  const auto base = load_text(kHeader).parameters;
  const auto& b = route(base, "pro_verlaten").to;
  std::ostringstream written;
  written.precision(17);
  written << written_header << "[route.pro_verlaten.to]\n";
  for (const auto& [dest, p] : b)
    written << dest << " = " << (dest == "entree_bol" ? 0.0 : dest == "entree_bbl" ? p + share(b, "entree_bol") : p) << "\n";
  const auto whole = load_text(written.str());
  const auto moved = load_text(written_header + "[route.pro_verlaten.move]\nentree_bol = { to = \"entree_bbl\", fraction = 1.0 }\n");
  REQUIRE(moved.causal_share);
  CHECK(moved.start_year == 2027);
  CHECK(largest_difference(route(moved.parameters, "pro_verlaten").to, route(whole.parameters, "pro_verlaten").to) < 1e-15);
  CHECK(share(route(moved.parameters, "pro_verlaten").to, "entree_bol") == Approx(0.5 * share(b, "entree_bol")));
  CHECK(largest_difference(route(moved.causal_share->extended, "pro_verlaten").to, b) == 0.0);
}

TEST_CASE("a stack refuses two parts that move in, or move and write, the same distribution", "[scenario][move][stack]") {
  const std::string a = kHeader + "[route.pro_verlaten.move]\nentree_bol = { to = \"entree_bbl\", fraction = 0.25 }\n";
  const std::string b = "[scenario]\nname = \"n\"\ntitle = \"t\"\ndescription = \"d\"\n"
                        "[route.pro_verlaten.move]\nentree_examendeelnemer = { to = \"entree_bol\", fraction = 1.0 }\n";
  const std::string c = "[scenario]\nname = \"o\"\ntitle = \"t\"\ndescription = \"d\"\n"
                        "[route.pro_verlaten.to]\nentree_bol = 0.5\nniveau2 = 0.5\n";
  const std::string d = "[scenario]\nname = \"p\"\ntitle = \"t\"\ndescription = \"d\"\n"
                        "[route.vso_verlaten.move]\nentree_bol = { to = \"entree_bbl\", fraction = 0.25 }\n";
  auto stack = [](const std::string& x, const std::string& y) {
    return models::load_stack({{x, "a.toml"}, {y, "b.toml"}}, models::embedded_parameters(), "embedded",
                              models::embedded_calibrated(), "calibrated");
  };
  CHECK_THROWS_WITH(stack(a, b), Catch::Contains("a.toml") && Catch::Contains("b.toml") &&
                                     Catch::Contains("route.pro_verlaten.to: set by both a.toml and b.toml"));
  CHECK_THROWS_WITH(stack(a, c), Catch::Contains("route.pro_verlaten.to: set by both a.toml and b.toml"));
  const auto both = stack(a, d);  // different distributions: each part's move applies to the baseline
  const auto base = load_text(kHeader).parameters;
  CHECK(share(route(both.parameters, "vso_verlaten").to, "entree_bol") ==
        Approx(0.75 * share(route(base, "vso_verlaten").to, "entree_bol")));
  CHECK(share(route(both.parameters, "pro_verlaten").to, "entree_bol") ==
        Approx(0.75 * share(route(base, "pro_verlaten").to, "entree_bol")));
}

TEST_CASE("bad moves are refused with the file, line, key and what was expected", "[scenario][move][bad_input]") {
  const std::string m = kHeader + "[route.pro_verlaten.move]\n";  // the move table is on line 5
  CHECK(error_of(m + "entree_bol = { to = \"entree_bbx\", fraction = 0.5 }\n") ==
        "move.toml:6:21: route.pro_verlaten.move.entree_bol.to: the baseline's route.pro_verlaten.to has no destination "
        "'entree_bbx'; did you mean 'entree_bbl'?; a move shifts shares between the destinations it has (to add a new "
        "destination, write the whole distribution)");
  CHECK(error_of(m + "entree_bbx = { to = \"entree_bol\", fraction = 0.5 }\n") ==
        "move.toml:6:14: route.pro_verlaten.move.entree_bbx: the baseline's route.pro_verlaten.to has no destination "
        "'entree_bbx'; did you mean 'entree_bbl'?; a move shifts shares between the destinations it has (to add a new "
        "destination, write the whole distribution)");
  CHECK_THAT(error_of(m + "entree_bol = { to = \"niveau2\", fraction = 1.5 }\n"),
             Catch::StartsWith("move.toml:6:") && Catch::Contains("route.pro_verlaten.move.entree_bol.fraction") &&
                 Catch::Contains("1"));
  CHECK_THAT(error_of(m + "entree_bol = { to = \"niveau2\", fraction = -0.1 }\n"),
             Catch::StartsWith("move.toml:6:") && Catch::Contains("route.pro_verlaten.move.entree_bol.fraction"));
  CHECK_THAT(error_of(m + "entree_bol = { to = \"niveau2\" }\n"),
             Catch::Contains("route.pro_verlaten.move.entree_bol") && Catch::Contains("fraction"));
  CHECK_THAT(error_of(m + "entree_bol = 0.5\n"),
             Catch::StartsWith("move.toml:6:14: route.pro_verlaten.move.entree_bol: expected a table such as"));
  CHECK_THAT(error_of(m + "entree_bol = { to = \"niveau2\", from = \"entree_bbl\", fraction = 0.5 }\n"),
             Catch::Contains("expected exactly one of 'to'") && Catch::Contains("found both"));
  CHECK_THAT(error_of(m + "entree_bol = { to = \"niveau2\", fraction = 0.5, size = 2 }\n"),
             Catch::Contains("move.toml:6:") && Catch::Contains("size"));
  // A share of 0 to move from: mbo_raad_1 leaves no examendeelnemers; a second scenario that
  // moved them would move nothing.
  const std::string zero_bbl = kHeader + "[stratum.vbo.move]\nentree_examendeelnemer = { to = \"entree_bol\", fraction = 0.5 }\n";
  CHECK_THAT(error_of(zero_bbl), Catch::Contains("stratum.vbo.move.entree_examendeelnemer") &&
                                     Catch::Contains("has no destination 'entree_examendeelnemer'"));
  CHECK_THAT(error_of(m + "entree_bol = { from = \"niveau2\", fraction = 50.0 }\n"),
             Catch::StartsWith("move.toml:5:") && Catch::Contains("the moves take more from 'niveau2'"));
  CHECK_THAT(error_of(m + "entree_bol = { to = \"entree_bol\", fraction = 0.5 }\n"),
             Catch::Contains("other destinations than 'entree_bol' itself"));
  CHECK_THAT(error_of(kHeader + "[route.pro_verlatn.move]\nentree_bol = { to = \"niveau2\", fraction = 0.5 }\n"),
             Catch::StartsWith("move.toml:5:") && Catch::Contains("the baseline has no route 'pro_verlatn'") &&
                 Catch::Contains("did you mean 'pro_verlaten'"));
  CHECK_THAT(error_of(m + "entree_bol = { to = \"niveau2\", fraction = 0.5 }\n[route.pro_verlaten.to]\nniveau2 = 1.0\n"),
             Catch::StartsWith("move.toml:5:") && Catch::Contains("also writes 'to' whole"));
  CHECK_THAT(error_of(kHeader + "[modifier.bbl_uitval.move]\nentree_bol = { to = \"niveau2\", fraction = 0.5 }\n"),
             Catch::Contains("modifier.bbl_uitval") && Catch::Contains("move"));
}

TEST_CASE("moving from a share that is 0 is refused", "[scenario][move][bad_input]") {
  // A distribution with a destination at 0: a scenario's calibrated patch that sets it so.
  toml::table calibrated = models::parse_toml(models::embedded_calibrated(), "calibrated");
  toml::table& to = *calibrated["route"]["pro_verlaten"]["to"].as_table();
  const double exd = *to["entree_examendeelnemer"].value<double>(), bol = *to["entree_bol"].value<double>();
  to.insert_or_assign("entree_examendeelnemer", 0.0);
  to.insert_or_assign("entree_bol", bol + exd);
  std::ostringstream text;
  text << calibrated;
  const std::string m = kHeader + "[route.pro_verlaten.move]\n";
  auto error_with = [&](const std::string& scenario) {
    try {
      (void)load_text(scenario, text.str());
    } catch (const models::InputError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(error_with(m + "entree_examendeelnemer = { to = \"entree_bol\", fraction = 1.0 }\n") ==
        "move.toml:6:26: route.pro_verlaten.move.entree_examendeelnemer: the share of 'entree_examendeelnemer' in "
        "route.pro_verlaten.to is 0 in the baseline, so a fraction of it moves nothing; expected a destination with a "
        "share above 0 (to give a new destination a share, write the whole distribution)");
  CHECK_THAT(error_with(m + "entree_bol = { from = \"entree_examendeelnemer\", fraction = 0.1 }\n"),
             Catch::StartsWith("move.toml:6:") && Catch::Contains("route.pro_verlaten.move.entree_bol.from") &&
                 Catch::Contains("is 0 in the baseline, so there is nothing to take from it"));
}
