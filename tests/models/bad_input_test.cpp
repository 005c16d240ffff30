// Bad input gets a clear error naming the file, the line and key, and what was expected.
// The messages are part of the interface: these tests pin them exactly.
#include <catch2/catch.hpp>

#include "models/io/input_error.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

const std::string kHeader = "[scenario]\nname = \"x\"\ntitle = \"t\"\ndescription = \"d\"\n";

// The error loading a scenario with this text, with the temporary path replaced by FILE.
std::string error_for(const std::string& text) {
  testing::TempDir dir;
  const std::string path = dir.write("s.toml", text);
  try {
    const auto scenario = models::load(path, "");
    (void)models::compile(scenario.parameters);
  } catch (const models::InputError& e) {
    std::string message = e.what();
    for (auto pos = message.find(path); pos != std::string::npos; pos = message.find(path))
      message.replace(pos, path.size(), "FILE");
    return message;
  }
  return "no error";
}

}  // namespace

TEST_CASE("an unknown state is named, with the nearest valid one", "[input]") {
  CHECK(error_for(kHeader + "[route.isk_verlaten.to]\nentre_bol = 0.5\nniveau2 = 0.5\n") ==
        "FILE:6:13: route.isk_verlaten.to.entre_bol: unknown state 'entre_bol'; did you mean 'entree_bol'? "
        "(states are listed in docs/model.md)");
}

TEST_CASE("a probability above 1 is rejected", "[input]") {
  CHECK(error_for(kHeader + "[route.pro_verlaten]\nleave = [0, 0, 0, 1.3]\n") ==
        "FILE:6:9: route.pro_verlaten.leave: value 1.3 is out of range, expected a number in [0, 1]");
}

TEST_CASE("a negative cohort is rejected", "[input]") {
  CHECK(error_for(kHeader + "[stratum.pro]\ncohort = -5\n") ==
        "FILE:6:10: stratum.pro.cohort: value -5 is out of range, expected a number in [0, 1e+07]");
}

TEST_CASE("shares that do not sum to 1 are rejected", "[input]") {
  CHECK(error_for(kHeader + "[route.isk_verlaten.to]\nentree_bol = 0.5\nniveau2 = 0.6\n") ==
        "FILE:5:1: route.isk_verlaten.to: shares sum to 1.1, expected 1 (within 1e-6)");
}

TEST_CASE("a misspelt key gets a suggestion", "[input]") {
  CHECK(error_for("[scenario]\nname = \"x\"\ntitel = \"t\"\ndescription = \"d\"\n") ==
        "FILE:1:1: scenario.title: missing required key (a string); found 'titel' at FILE:3:9, a typo?");
  CHECK(error_for(kHeader + "sources = []\nextend = \"baseline\"\n") ==
        "FILE:6:10: scenario.extend: unknown key 'extend'; did you mean 'extends'? "
        "(expected one of: beschrijving causal_share description extends name sources start_year title)");
  CHECK(error_for(kHeader + "[rout.pro_verlaten]\nleave = [1]\n").rfind("FILE:5:1: rout: unknown key 'rout'; did you mean 'route'?", 0) == 0);
}

TEST_CASE("a causal share is a table with a value, a range around it and an argument", "[input]") {
  const std::string move = "[route.pro_verlaten.to]\nentree_bol = 0.5\nniveau2 = 0.5\n";
  CHECK(error_for(kHeader + "causal_share = 0.5\n" + move) ==
        "FILE:5:16: scenario.causal_share: expected a table: causal_share = { value = 0.5, range = [0.0, 1.0], "
        "source = \"...\", assumption = \"...\" }");
  CHECK(error_for(kHeader + "causal_share = { value = 1.5, range = [0.0, 1.0], assumption = \"a\" }\n" + move) ==
        "FILE:5:26: scenario.causal_share.value: value 1.5 is out of range, expected a number in [0, 1]");
  CHECK(error_for(kHeader + "causal_share = { value = 0.5, range = [0.6, 1.0], assumption = \"a\" }\n" + move) ==
        "FILE:5:39: scenario.causal_share.range: expected [low, high] with low <= value <= high "
        "(shares of the gap, not multipliers)");
  CHECK(error_for(kHeader + "causal_share = { value = 0.5, range = [0.0, 1.0], source = \"s\" }\n" + move) ==
        "FILE:5:16: scenario.causal_share.assumption: missing required key (a string)");
  CHECK(error_for(kHeader + "causal_share = { vaule = 0.5, value = 0.5, range = [0.0, 1.0], assumption = \"a\" }\n" +
                  move) ==
        "FILE:5:26: scenario.causal_share.vaule: unknown key 'vaule'; did you mean 'value'? "
        "(expected one of: assumption range size_range source value)");
  CHECK(error_for(kHeader + "causal_share = { value = 0.5, range = [0.0, 1.0], assumption = \"a\" }\n") ==
        "FILE:5:16: scenario.causal_share: the scenario changes no route's 'to' and no stratum's 'start', "
        "so a causal share has nothing to act on");
}

TEST_CASE("a missing required field is named", "[input]") {
  CHECK(error_for("[scenario]\nname = \"x\"\ndescription = \"d\"\n") ==
        "FILE:1:1: scenario.title: missing required key (a string)");
  CHECK(error_for("title = 1\n") == "FILE: missing [scenario] table (expected name, title, description)");
}

TEST_CASE("broken TOML is reported with its line", "[input]") {
  CHECK(error_for(kHeader + "[route.x\n").rfind("FILE:5:", 0) == 0);
}

TEST_CASE("a missing file is named", "[input]") {
  CHECK_THROWS_WITH(models::load("/nonexistent/scenario.toml", ""),
                    "cannot read scenario file '/nonexistent/scenario.toml': no such file or not readable");
  CHECK_THROWS_WITH(models::load("", "/nonexistent/parameters.toml"),
                    "cannot read parameter file '/nonexistent/parameters.toml': no such file or not readable");
}

TEST_CASE("a modifier that matches nothing is an error, not a silent no-op", "[input]") {
  CHECK(error_for(kHeader + "[modifier.m]\nfrom = \"pro\"\nrisk = \"diplma\"\nrate = 2\nsource = \"s\"\n") ==
        "FILE:5:1: modifier.m: matches no route (risk 'diplma' from the given states)");
}

TEST_CASE("every record needs a source or a labelled assumption with a range", "[input]") {
  CHECK(error_for(kHeader + "[modifier.m]\nfrom = \"entree_bol\"\nrisk = \"diploma\"\nrate = 2\n") ==
        "FILE:5:1: modifier.m.source: every record needs a 'source' (seed file, table, lines) or an 'assumption'");
  CHECK(error_for(kHeader + "[modifier.m]\nfrom = \"entree_bol\"\nrisk = \"diploma\"\nrate = 2\nassumption = \"a\"\n") ==
        "FILE:5:1: modifier.m.range: an assumption needs a 'range' = [low, high] of multipliers");
}

TEST_CASE("structural limits are input errors with the route's location", "[input]") {
  std::string many = kHeader + "[route.isk_verlaten.to]\n";
  const char* states[] = {"entree_bol", "entree_bbl", "entree_examendeelnemer", "niveau2", "niveau2_met_entreediploma",
                          "mbo3plus", "ander_onderwijs", "werk_zonder_diploma", "werk_met_entreediploma",
                          "werk_met_startkwalificatie", "uitkering_zonder_diploma", "uitkering_met_entreediploma",
                          "uitkering_met_startkwalificatie", "thuis_zonder_diploma", "thuis_met_entreediploma",
                          "thuis_met_startkwalificatie", "buiten_brp"};
  // 15 x 1/16 + 2 x 1/32: exactly 1 in binary, so only the count of destinations is wrong.
  for (int i = 0; i < 17; ++i) many += std::string(states[i]) + (i < 15 ? " = 0.0625\n" : " = 0.03125\n");
  CHECK(error_for(many).find("leads to 17 states (mixes expanded); at most 16 are allowed") != std::string::npos);
  const std::string pieces = kHeader + "[route.entree_uitval_pro]\nbreaks = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]\n"
                                       "rates = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]\n";
  CHECK(error_for(pieces).find("route.entree_uitval_pro: with an age rule a hazard has at most 9 pieces (8 breaks)") !=
        std::string::npos);
}

TEST_CASE("replicates that would not fit in memory are refused before anything runs", "[bad_input]") {
  const auto model = models::compile(models::load("", "").parameters);
  models::SimulationOptions options;
  options.students = 7000;
  options.replications = 2000000000;  // about 1.2 MB of tallies per replicate and thread: petabytes
  options.threads = 2;
  try {
    (void)models::simulate(model, options);
    FAIL("two billion replicates were accepted");
  } catch (const models::InputError& e) {
    CHECK(std::string(e.what()).rfind("--replications 2000000000 needs about ", 0) == 0);
    CHECK(std::string(e.what()).find("use fewer replicates") != std::string::npos);
  }
  options.replications = 4;  // and an ordinary run is not refused
  CHECK(models::simulate(model, options).replicates.size() == 4);
}

TEST_CASE("a misspelt route name is named as such, with the nearest route", "[input]") {
  // Read as a new route it would be refused for its missing 'kind'; the likely mistake is the name.
  CHECK(error_for(kHeader + "[route.pro_verlatn]\nleave = [0, 0, 0, 0.3, 0.5, 1.0]\n") ==
        "FILE:5:1: route.pro_verlatn: the baseline has no route 'pro_verlatn'; did you mean 'pro_verlaten'? "
        "(a new route needs at least 'kind')");
  // A complete new record is still a new record.
  CHECK(error_for(kHeader + "[modifier.nieuw]\nfrom = \"entree_bol\"\nrisk = \"uitval\"\nrate = 0.9\n"
                            "source = \"test\"\n") == "no error");
}
