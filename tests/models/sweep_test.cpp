// Sweep designs and sensitivity: a Latin hypercube hits every stratum of every parameter once, a
// grid is the full product, misspelt names are refused, and sensitivity recovers a known slope.
#include <catch2/catch.hpp>

#include <set>

#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/studies/run.h"
#include "models/studies/sensitivity.h"
#include "models/studies/sweep.h"
#include "tests/test_support.h"

using namespace doorstroom;

TEST_CASE("a Latin hypercube puts one point in every stratum of every parameter", "[sweep]") {
  const auto p = models::load("", "").parameters;
  const std::vector<std::string> params{"route.niveau2_uitval.rates[0]", "age_rule.kwalificatieplicht_entree.rate",
                                        "route.pro_verlaten.to.entree_bol"};
  const int n = 50;
  const auto d = models::lhs_design(params, n, 7, p);
  REQUIRE(d.points.size() == static_cast<std::size_t>(n));
  for (std::size_t j = 0; j < params.size(); ++j) {
    const auto refs = models::list_parameters(p);
    const auto ref = *std::find_if(refs.begin(), refs.end(), [&](const auto& r) { return r.path == params[j]; });
    double low = ref.value * ref.range->low, high = ref.value * ref.range->high;
    if (ref.is_share) high = std::min(high, 1.0);
    std::set<int> strata;
    for (const auto& point : d.points) {
      CHECK(point[j] >= low);
      CHECK(point[j] <= high);
      strata.insert(static_cast<int>((point[j] - low) / (high - low) * n));
    }
    CHECK(strata.size() == static_cast<std::size_t>(n));
  }
  // The same seed gives the same design; another seed another.
  CHECK(models::design_csv(models::lhs_design(params, n, 7, p)) == models::design_csv(d));
  CHECK(models::design_csv(models::lhs_design(params, n, 8, p)) != models::design_csv(d));
}

TEST_CASE("a grid is the full product and names are checked", "[sweep]") {
  const auto p = models::load("", "").parameters;
  const auto d = models::grid_design({"route.niveau2_uitval.rates[0]=0.1,0.2,0.3", "modifier.bbl_uitval.rate=0.9,1.1"}, p);
  CHECK(d.points.size() == 6);
  CHECK(d.points[5] == std::vector<double>{0.3, 1.1});
  CHECK_THROWS_WITH(models::grid_design({"route.niveau2_uitvall.rates[0]=0.1"}, p),
                    Catch::Contains("--grid: unknown parameter 'route.niveau2_uitvall.rates[0]'; did you mean "
                                    "'route.niveau2_uitval.rates[0]'?"));
  CHECK_THROWS_WITH(models::read_design("point,stratum.pro.cohort\n0,-5\n", "d.csv", p),
                    "d.csv:2: stratum.pro.cohort: expected a number >= 0 (with '.' as decimal point), found '-5'");
  CHECK(models::ranged_parameters(p).size() > 50);
}

TEST_CASE("sensitivity recovers the sign and ranking of known effects", "[sweep][sensitivity]") {
  testing::TempDir dir;
  // y = 0.5 + 0.2 a - 0.05 b + 0 c, over a small design.
  std::string csv = "point,a,b,c,population,origin,measure,horizon_years,mean,ci_low,ci_high,replications\n";
  for (int i = 0; i < 30; ++i) {
    const double a = (i % 5) / 5.0, b = (i % 7) / 7.0, c = (i % 3) / 3.0;
    const double y = 0.5 + 0.2 * a - 0.05 * b;
    csv += std::to_string(i) + "," + std::to_string(a) + "," + std::to_string(b) + "," + std::to_string(c) +
           ",chain_leavers,all,work,5," + std::to_string(y) + ",,,1\n";
  }
  dir.write("sweep.csv", csv);
  const auto r = models::sensitivity(dir.path().string(), {"chain_leavers", "all", "work", 5});
  REQUIRE(r.parameters.size() == 3);
  CHECK(r.parameters[0].parameter == "a");
  CHECK(r.parameters[0].src > 0.9);
  CHECK(r.parameters[1].parameter == "b");
  CHECK(r.parameters[1].src < 0.0);
  CHECK(std::abs(r.parameters[2].src) < 0.01);
  CHECK(r.parameters[0].high > r.parameters[0].low);
  CHECK(r.r_squared > 0.999);
}

TEST_CASE("a sweep's design comes from exactly one of a design file, a grid and a Latin hypercube", "[sweep]") {
  const auto p = models::load("", "").parameters;
  const std::string refusal = "sweep: give exactly one of --design FILE, --grid path=v1,v2,..., --lhs N, --morris R or --sobol N";
  const std::vector<std::string> grid{"route.niveau2_uitval.rates[0]=0.2,0.3"};
  models::SampledDesign lhs;
  lhs.lhs_points = 4;
  testing::TempDir dir;
  const std::string file = dir.write("design.csv", "point,route.niveau2_uitval.rates[0]\n0,0.25\n");
  CHECK_THROWS_WITH(models::sweep_design("", {}, {}, p), refusal);
  CHECK_THROWS_WITH(models::sweep_design("", grid, lhs, p), refusal);
  CHECK_THROWS_WITH(models::sweep_design(file, grid, {}, p), refusal);
  CHECK(models::sweep_design(file, {}, {}, p).points.size() == 1);
  CHECK(models::sweep_design("", grid, {}, p).points.size() == 2);
  // A hypercube without named parameters spans every parameter with a range.
  CHECK(models::sweep_design("", {}, lhs, p).parameters == models::ranged_parameters(p));
  lhs.parameters = {"route.niveau2_uitval.rates[0]"};
  CHECK(models::sweep_design("", {}, lhs, p).points.size() == 4);
}

TEST_CASE("a sweep records the measures asked for, or the default set", "[sweep]") {
  CHECK(models::sweep_measures({}).size() == models::default_sweep_measures().size());
  const auto asked = models::sweep_measures({"chain_leavers/pro/mbo2_diploma/5"});
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].label() == "chain_leavers/pro/mbo2_diploma/5");
}
