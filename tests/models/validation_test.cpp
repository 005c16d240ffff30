// The fit by horizon of `doorstroom validate` (issue 12): per horizon group and role, the number of
// rows, the share reproduced, the mean absolute error in points and the worst row, over all rows
// and over the validation rows of cohorts up to 2016. Synthetic rows with errors known by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

#include "models/studies/validation.h"

using namespace doorstroom::models;

namespace {

struct Interval {
  double low, high;
};

ValidationRow row(const std::string& id, TargetRole role, int horizon, const std::string& cohort, double observed,
                  double simulated, bool within, std::optional<Interval> interval = std::nullopt) {
  ValidationRow r;
  r.target.id = id;
  r.target.role = role;
  r.target.horizon_years = horizon;
  r.target.cohort = cohort;
  r.target.value = observed;
  if (interval) {
    r.target.low = interval->low;
    r.target.high = interval->high;
  }
  r.simulated.mean = simulated;
  r.within = within;  // given, not computed: the statistics count the flag of the row
  return r;
}

const HorizonFit& find(const std::vector<HorizonFit>& fits, const std::string& subset, TargetRole role, const std::string& group) {
  const auto it = std::find_if(fits.begin(), fits.end(), [&](const HorizonFit& f) {
    return f.subset == subset && f.role == role && f.group == group;
  });
  REQUIRE(it != fits.end());
  return *it;
}

constexpr auto cal = TargetRole::calibrate;
constexpr auto val = TargetRole::validate;

// Errors in points: c0a 3, c0b 1, c0c 5 (to the top of its interval, not 10 to its value), c3 0;
// v1a 8, v1b 12, v1c 0 (inside its interval), v1d 2, v1e 0.5, v4 4, v5 1, v7 5.
const std::vector<ValidationRow> rows{
    row("c0a", cal, 0, "2014-2016", 0.40, 0.43, true),
    row("c0b", cal, 0, "2014-2016", 0.20, 0.19, true),
    row("c0c", cal, 0, "2014", 0.35, 0.45, false, Interval{0.30, 0.40}),
    row("c3", cal, 3, "2014/15", 0.50, 0.50, true),
    row("v1a", val, 1, "2016", 0.60, 0.52, false),
    row("v1b", val, 1, "2017", 0.30, 0.42, false),
    row("v1c", val, 1, "2014/15-2016/17", 0.55, 0.58, true, Interval{0.50, 0.60}),
    row("v1d", val, 1, "", 0.10, 0.12, true),
    row("v1e", val, 1, "unstated", 0.20, 0.205, true),
    row("v4", val, 4, "2018/19-2021/22", 0.30, 0.34, false),
    row("v5", val, 5, "2011", 0.30, 0.31, true),
    row("v7", val, 7, "2017/18", 0.20, 0.25, false),
};

}  // namespace

TEST_CASE("errors in points: the distance to the value, or to an interval (0 inside)", "[validation][horizon]") {
  CHECK(error_points(rows[0].target, 0.43) == Approx(3.0));
  CHECK(error_points(rows[0].target, 0.37) == Approx(3.0));
  CHECK(error_points(rows[2].target, 0.45) == Approx(5.0));   // above the interval 0.30-0.40
  CHECK(error_points(rows[2].target, 0.28) == Approx(2.0));   // below it
  CHECK(error_points(rows[2].target, 0.31) == 0.0);           // inside it, away from the value
}

TEST_CASE("a cohort counts as up to 2016 by its last year, a school year by its first", "[validation][horizon]") {
  for (const char* c : {"2014-2016", "2016", "2015", "2014", "2011", "2014/15", "2014/15-2016/17", "2016/17", "", "unstated"}) {
    INFO(c);
    CHECK(cohort_to_2016(c));
  }
  for (const char* c : {"2017", "2017/18", "2017_18", "2018/19", "2018/19-2021/22", "2021/22", "2019/20", "2014-2017"}) {
    INFO(c);
    CHECK_FALSE(cohort_to_2016(c));
  }
}

TEST_CASE("horizon groups", "[validation][horizon]") {
  CHECK(horizon_group(0) == "h0");
  CHECK(horizon_group(1) == "h1");
  CHECK(horizon_group(2) == "h2-3");
  CHECK(horizon_group(3) == "h2-3");
  CHECK(horizon_group(4) == "h4-5");
  CHECK(horizon_group(5) == "h4-5");
  CHECK(horizon_group(6) == "h6+");
  CHECK(horizon_group(17) == "h6+");
}

TEST_CASE("fit by horizon: rows, share reproduced, mean absolute error and the worst row", "[validation][horizon]") {
  const auto fits = fit_by_horizon(rows);
  REQUIRE(fits.size() == 4 * 5);  // all/calibrate, all/validate, cohorts_to_2016 and _from_2017/validate; h0 to h6+

  const HorizonFit& c0 = find(fits, "all", cal, "h0");
  CHECK(c0.rows == 3);
  CHECK(c0.reproduced == 2);
  CHECK(c0.share() == Approx(2.0 / 3.0));
  CHECK(c0.mean_abs_error_points == Approx(3.0));  // (3 + 1 + 5) / 3
  CHECK(c0.worst_target == "c0c");
  CHECK(c0.worst_error_points == Approx(5.0));

  const HorizonFit& c1 = find(fits, "all", cal, "h1");
  CHECK(c1.rows == 0);
  CHECK(std::isnan(c1.mean_abs_error_points));
  CHECK(c1.worst_target.empty());
  CHECK(find(fits, "all", cal, "h2-3").rows == 1);
  CHECK(find(fits, "all", cal, "h2-3").worst_target == "c3");  // the only row, though its error is 0

  const HorizonFit& v1 = find(fits, "all", val, "h1");
  CHECK(v1.rows == 5);
  CHECK(v1.reproduced == 3);
  CHECK(v1.share() == Approx(0.6));
  CHECK(v1.mean_abs_error_points == Approx(4.5));  // (8 + 12 + 0 + 2 + 0.5) / 5
  CHECK(v1.worst_target == "v1b");
  CHECK(v1.worst_error_points == Approx(12.0));
  CHECK(find(fits, "all", val, "h4-5").rows == 2);
  CHECK(find(fits, "all", val, "h4-5").mean_abs_error_points == Approx(2.5));
  CHECK(find(fits, "all", val, "h6+").worst_target == "v7");

  // Up to 2016: v1b (2017), v4 (2018/19-2021/22) and v7 (2017/18) drop out; "" and "unstated" stay.
  const HorizonFit& e1 = find(fits, "cohorts_to_2016", val, "h1");
  CHECK(e1.rows == 4);
  CHECK(e1.reproduced == 3);
  CHECK(e1.mean_abs_error_points == Approx(2.625));  // (8 + 0 + 2 + 0.5) / 4
  CHECK(e1.worst_target == "v1a");
  CHECK(find(fits, "cohorts_to_2016", val, "h4-5").rows == 1);
  CHECK(find(fits, "cohorts_to_2016", val, "h4-5").worst_target == "v5");
  CHECK(find(fits, "cohorts_to_2016", val, "h6+").rows == 0);
  // From 2017: exactly the three that dropped out.
  CHECK(find(fits, "cohorts_from_2017", val, "h1").rows == 1);
  CHECK(find(fits, "cohorts_from_2017", val, "h1").worst_target == "v1b");
  CHECK(find(fits, "cohorts_from_2017", val, "h6+").worst_target == "v7");
}

TEST_CASE("the cohort years a target names", "[validation][calendar]") {
  CHECK(cohort_years("2016") == CohortYears{2016, 2016});
  CHECK(cohort_years("2016/17") == CohortYears{2016, 2016});
  CHECK(cohort_years("2014-2016") == CohortYears{2014, 2016});
  CHECK(cohort_years("2014/15-2016/17") == CohortYears{2014, 2016});
  CHECK(cohort_years("2018/19-2021/22") == CohortYears{2018, 2021});
  CHECK(cohort_years("2012-2015") == CohortYears{2014, 2015});  // no cohorts before 2014 are simulated
  for (const char* blend : {"", "unstated", "2011"}) {
    INFO(blend);
    CHECK(cohort_years(blend) == CohortYears{2014, 2016});
  }
  CHECK(cohort_years("2014/15", "entree_leavers") == CohortYears{2014, 2016});
  CHECK(cohort_years("2018/19", "entree_leavers") == CohortYears{2017, 2018});
}

TEST_CASE("without rows of 6 years or more there is no h6+ group", "[validation][horizon]") {
  const std::vector<ValidationRow> short_rows(rows.begin(), rows.end() - 1);
  const auto fits = fit_by_horizon(short_rows);
  CHECK(fits.size() == 4 * 4);
  for (const auto& f : fits) CHECK(f.group != "h6+");
}

TEST_CASE("fit by horizon as a page section and as a tidy CSV", "[validation][horizon]") {
  const auto fits = fit_by_horizon(rows);
  const std::string md = fit_by_horizon_markdown(fits);
  CHECK(md.find("## Fit by horizon") != std::string::npos);
  CHECK(md.find("| h0 (0 years) | 3 | 66.7 | 3.0 | c0c (5.0) | 0 |  |  |  |") != std::string::npos);
  CHECK(md.find("| h1 (1 year) | 0 |  |  |  | 5 | 60.0 | 4.5 | v1b (12.0) |") != std::string::npos);
  CHECK(md.find("### Validation rows of cohorts up to 2016") != std::string::npos);
  CHECK(md.find("| h1 (1 year) | 4 | 75.0 | 2.6 | v1a (8.0) |\n") != std::string::npos);

  const std::string csv = fit_by_horizon_csv(fits);
  CHECK(csv.rfind("subset,role,horizon_group,rows,reproduced,share_reproduced,mean_abs_error_points,worst_target,"
                  "worst_error_points\n", 0) == 0);
  CHECK(csv.find("\nall,calibrate,h0,3,2,0.6667,3.00,c0c,5.00\n") != std::string::npos);
  CHECK(csv.find("\nall,calibrate,h1,0,0,,,,\n") != std::string::npos);
  CHECK(csv.find("\ncohorts_to_2016,validate,h4-5,1,1,1.0000,1.00,v5,1.00\n") != std::string::npos);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 20);
}
