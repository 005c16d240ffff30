// doorstroom project (models/studies/projection.h).
// Mutations caught: with_switch skipped (the scenario from the start) fails "rows before differ";
// a stratum's origin counted only in "all" fails the sum; a duplicate inflow row accepted fails the
// reader test.
#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "models/io/input_error.h"
#include "models/studies/projection.h"

using namespace doorstroom::models;

namespace {
ProjectionRequest small(const std::string& scenario = "") {
  ProjectionRequest p;
  p.scenario_file = scenario;
  p.from = 2024;
  p.to = 2030;
  p.options.students = 300;
  p.options.replications = 3;
  p.options.threads = 2;
  return p;
}
}  // namespace

TEST_CASE("project: --start-year 2027 leaves earlier rows exactly as the baseline's", "[project]") {
  auto request = small(DOORSTROOM_SOURCE_DIR "/scenarios/strengere_toelating.toml");
  request.start_year = 2027;
  const auto result = project(request);
  using Key = std::tuple<int, std::string, std::string, std::string>;
  std::map<Key, const ProjectionRow*> base;
  for (const auto& r : result.rows)
    if (r.scenario == "baseline") base[{r.school_year, r.measure, r.origin, r.variant}] = &r;
  int differ_before = 0, differ_after = 0;
  for (const auto& r : result.rows) {
    if (r.scenario == "baseline") continue;
    const auto* b = base.at({r.school_year, r.measure, r.origin, r.variant});
    const bool same = b->value.mean == r.value.mean && b->value.low == r.value.low && b->value.high == r.value.high;
    (r.school_year < 2027 ? differ_before : differ_after) += !same;
  }
  CHECK(differ_before == 0);
  CHECK(differ_after > 0);
}

TEST_CASE("project: entree_students by origin add up to all, whatever the thread count", "[project]") {
  auto p = small();
  const auto a = project(p);
  p.options.threads = 1;
  const auto b = project(p);
  REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) CHECK(a.rows[i].value.mean == b.rows[i].value.mean);
  std::map<int, double> all, sum;
  for (const auto& r : a.rows)
    if (r.measure == "entree_students" && r.variant == "all") (r.origin == "all" ? all : sum)[r.school_year] += r.value.mean;
  for (const auto& [year, n] : all) {
    CHECK(n > 1000);
    CHECK(sum[year] == Approx(n).epsilon(1e-9));
  }
}

TEST_CASE("project: a bad inflow file is refused with file and line", "[project]") {
  CHECK_THROWS_WITH(parse_inflow_csv("school_year,origin,count\n2020,pro,-1\n", "in.csv"), Catch::Contains("in.csv:2: column count"));
  CHECK_THROWS_WITH(parse_inflow_csv("school_year,origin,count\n2020,pro,1\n2020,pro,2\n", "in.csv"), Catch::Contains("in.csv:3"));
  CHECK_THROWS_WITH(parse_inflow_csv("year,origin,count\n2020,pro,1\n", "in.csv"), Catch::Contains("school_year"));
  const Calendar c = load_calendar("");
  CHECK_THROWS_WITH(projection_calendar(c, IskVariant::central, {{2020, "xyz", 1.0, 2}}, {"pro"}, "in.csv"),
                    Catch::Contains("in.csv:2: column origin"));
}
