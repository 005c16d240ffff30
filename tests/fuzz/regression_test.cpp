// Regressions from fuzzing the readers (issue 8): each input here once crashed a reader, escaped
// as an exception other than InputError, or took far too long. Built into the mutation harness's
// executable, under its ctest time limit.
#include <catch2/catch.hpp>

#include <string>

#include "models/chain/chain_model.h"
#include "models/io/input_error.h"
#include "models/measure/targets.h"
#include "models/studies/run.h"
#include "models/studies/sweep.h"

using namespace doorstroom;

namespace {

const std::string kScenario = "[scenario]\nname = \"x\"\ntitle = \"t\"\ndescription = \"d\"\n";

std::string scenario_error(const std::string& text) {
  try {
    const auto s = models::load_scenario(text, "s.toml", models::embedded_parameters(), "p.toml",
                                         models::embedded_calibrated(), "c.toml");
    (void)models::compile(s.parameters);
  } catch (const models::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a stratum that starts in more states than a branch holds is an input error", "[regression]") {
  // 17 start states: the engine's branch holds 16, and its std::invalid_argument used to escape.
  std::string start = "start = { ";
  const char* states[] = {"pro", "vso", "vmbo_b", "isk", "entree_bol", "entree_bbl", "entree_examendeelnemer", "niveau2",
                          "niveau2_met_entreediploma", "mbo3plus", "ander_onderwijs", "werk_zonder_diploma",
                          "werk_met_entreediploma", "werk_met_startkwalificatie", "uitkering_zonder_diploma",
                          "uitkering_met_entreediploma", "uitkering_met_startkwalificatie"};
  for (std::size_t i = 0; i < 17; ++i) {
    if (i) start += ", ";
    start.append(states[i]).append(i ? " = 0.05" : " = 0.2");
  }
  start += " }\n";
  CHECK(scenario_error(kScenario + "[stratum.pro]\n" + start) ==
        "s.toml:6:9: stratum.pro.start: expected at most 16 start states (with a share above 0), found 17");
}

TEST_CASE("a very long unknown name is refused quickly", "[regression]") {
  // A 2 MB column name used to be compared letter by letter with each of ~500 parameter names
  // (minutes); the length difference alone rules them out.
  const auto p = models::load("", "").parameters;
  const std::string name(2'000'000, 'x');
  CHECK_THROWS_AS(models::read_design(name + "\n1\n", "d.csv", p), models::InputError);
  CHECK(models::nearest(name, {"route.pro_verlaten.leave[0]"}).empty());
  CHECK(models::nearest("route.pro_verlaten.leave[O]", {"route.pro_verlaten.leave[0]"}) == "route.pro_verlaten.leave[0]");
}

TEST_CASE("a key nested 50,000 levels deep is an input error, not a stack overflow", "[regression]") {
  // toml++ recursed once per level and crashed on a 100 KB dotted key or table header.
  std::string dotted = "a", header = "[route";
  for (int i = 0; i < 50000; ++i) dotted += ".a", header += ".r";
  CHECK(scenario_error(kScenario + dotted + " = 1\n") ==
        "s.toml:5:202: not valid here: a key nested more than 100 levels deep (more than 100 dots)");
  CHECK(scenario_error(kScenario + header + "]\n").rfind("s.toml:5:", 0) == 0);
  // Dots in strings, comments and numbers are not keys; 100 levels are still read.
  std::string deep = "x";
  for (int i = 0; i < 100; ++i) deep += ".x";
  CHECK(scenario_error(kScenario + "sources = [\"" + std::string(500, '.') + "\"] # " + std::string(500, '.') +
                       "\n[model]\nhorizon_years = 8.0\n") == "no error");
  CHECK(scenario_error(kScenario + "[" + deep + "]\n").find("unknown key 'x'") != std::string::npos);
}

TEST_CASE("a design value its parameter cannot take is refused with the file and line", "[regression]") {
  // It used to pass the reader and stop the sweep at that point, without naming the file.
  const auto p = models::load("", "").parameters;
  CHECK_THROWS_WITH(models::read_design("route.pro_verlaten.to.entree_bol\n0.3\n1.5\n", "d.csv", p),
                    "d.csv:3: parameter 'route.pro_verlaten.to.entree_bol': value 1.5 is a probability, expected a "
                    "number in [0, 1]");
  CHECK(models::read_design("route.pro_verlaten.to.entree_bol\n0.3\n", "d.csv", p).points.size() == 1);
}

TEST_CASE("a non-ASCII character outside quotes is refused before toml++ sees it", "[regression]") {
  // toml++ 3.3 reached __builtin_unreachable() (undefined behaviour, UBSan) on a line starting
  // with such a character; found by libFuzzer.
  CHECK(scenario_error(kScenario + "\xC3\xA9\xC3\xA9n = 1\n") ==
        "s.toml:5:1: not valid TOML: a non-ASCII character outside quotes (a key without quotes holds only A-Z, "
        "a-z, 0-9, _ and -; put other text in \"...\")");
  CHECK(scenario_error(kScenario + "[route.x]\n  \xDA\x93\n").rfind("s.toml:6:3: not valid TOML: a non-ASCII", 0) == 0);
  // In strings and comments it is text as before.
  CHECK(scenario_error(kScenario + "sources = [\"\xC3\xA9\xC3\xA9n '\xC3\xA9'\", '\xC3\xA9'] # \xC3\xA9\n") == "no error");
}

TEST_CASE("text quoted from a mangled input is shortened in messages", "[regression]") {
  // A 60 KB line used to be repeated whole in the message, twice for an unknown TOML key.
  const std::string header = "id,source,table,lines,population,origin,variant,cohort,measure,horizon_years,value,low,high,n,role,note\n";
  CHECK_THROWS_WITH(models::read_targets(header + "a,s,t,1,entree_entrants,pro,all,2016,position_entree,1," +
                                             std::string(60000, '9') + ",,,100,calibrate,\n", "t.csv"),
                    "t.csv:2: value: expected a number in [0, 1] (with '.' as decimal point), found '" + std::string(60, '9') +
                        "... (60000 bytes)'");
  const std::string error = scenario_error(kScenario + std::string(60000, 'k') + " = 1\n");
  CHECK(error.size() < 400);
  CHECK(error.rfind("s.toml:5:", 0) == 0);
  CHECK(error.find(": unknown key '" + std::string(60, 'k') + "... (60000 bytes)'") != std::string::npos);
}

TEST_CASE("a value where a record belongs is refused at its own file and line", "[regression]") {
  // Found by the mutation harness on a calibration patch: `[route]` then `rates = [...]` made
  // route.rates a number list. The message named parameters.toml:1:1, where the route section
  // begins, instead of the patch that put the value there.
  std::string message = "no error";
  try {
    (void)models::load_scenario(models::embedded_baseline(), "b.toml", models::embedded_parameters(), "p.toml",
                                "[route]\nrates = [0.2]\n", "c.toml");
  } catch (const models::InputError& e) {
    message = e.what();
  }
  CHECK(message == "c.toml:2:9: route.rates: expected a table");
}
