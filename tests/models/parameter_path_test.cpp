// Parameters are addressed by their TOML names; a share set by name keeps its distribution whole.
#include <catch2/catch.hpp>

#include <numeric>

#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/studies/run.h"

using namespace doorstroom::models;

TEST_CASE("parameters are read and written by path", "[parameter_path]") {
  ParameterSet p = load("", "").parameters;
  CHECK(get_parameter(p, "stratum.pro.cohort") == 6000);
  CHECK(get_parameter(p, "route.pro_verlaten.leave[3]") == Approx(0.25));
  set_parameter(p, "route.entree_diploma_pro.pass[0]", 0.6);
  CHECK(get_parameter(p, "route.entree_diploma_pro.pass[0]") == 0.6);
  set_parameter(p, "modifier.bbl_diploma.odds.niveau2_met_entreediploma", 0.5);
  CHECK(get_parameter(p, "modifier.bbl_diploma.odds.niveau2_met_entreediploma") == 0.5);
  // A definition bridge, not a route: a fraction, refused above 1, never in a default sweep.
  CHECK(get_parameter(p, "measurement.pro_achtergrond") == Approx(0.0631));
  set_parameter(p, "measurement.pro_achtergrond", 0.05);
  CHECK(p.measurement.pro_achtergrond == 0.05);
  CHECK_THROWS_AS(set_parameter(p, "measurement.pro_achtergrond", 1.5), InputError);
}

TEST_CASE("setting one share rescales the others to keep the sum at 1", "[parameter_path]") {
  ParameterSet p = load("", "").parameters;
  const double werk = get_parameter(p, "route.pro_verlaten.to.werk_zonder_diploma");
  const double beschut = get_parameter(p, "route.pro_verlaten.to.beschut_werk_dagbesteding");
  set_parameter(p, "route.pro_verlaten.to.entree_bol", 0.5);
  double total = 0.0;
  for (const auto& ref : list_parameters(p))
    if (ref.path.rfind("route.pro_verlaten.to.", 0) == 0) total += ref.value;
  CHECK(total == Approx(1.0));
  // The other shares keep their ratio.
  CHECK(get_parameter(p, "route.pro_verlaten.to.werk_zonder_diploma") /
            get_parameter(p, "route.pro_verlaten.to.beschut_werk_dagbesteding") ==
        Approx(werk / beschut));
  CHECK_NOTHROW(compile(p));
}

TEST_CASE("a misspelt parameter name gets the nearest valid name", "[parameter_path]") {
  ParameterSet p = load("", "").parameters;
  CHECK_THROWS_WITH(get_parameter(p, "stratum.pro.cohrt"),
                    "unknown parameter 'stratum.pro.cohrt'; did you mean 'stratum.pro.cohort'? (names as in the "
                    "parameter file: section.name.field, e.g. route.pro_verlaten.leave[3])");
  CHECK_THROWS_WITH(set_parameter(p, "route.pro_verlaten.leave[3]", 1.3),
                    "parameter 'route.pro_verlaten.leave[3]': value 1.3 is a probability, expected a number in [0, 1]");
  CHECK_THROWS_AS(get_parameter(p, "route.pro_verlaten.leave[99]"), InputError);
}

TEST_CASE("every listed parameter can be read back by its path", "[parameter_path]") {
  const ParameterSet p = load("", "").parameters;
  const auto refs = list_parameters(p);
  CHECK(refs.size() > 150);
  for (const auto& ref : refs) CHECK(get_parameter(p, ref.path) == ref.value);
}
