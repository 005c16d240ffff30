#pragma once
// The backtest (issue 15 item 5, `doorstroom project --backtest`): project the school years
// 2017-2022 as if it were late 2016, and compare with what was observed later.
//
// "As if late 2016" means two things. The parameters are the calibrated patch fitted to target rows
// of cohorts up to 2016 only (models/data/backtest/calibrated_to_2016.toml, written by
// scripts/refresh_backtest.sh), applied over the default parameters the way calibrated.toml is.
// The calendar is cut after 2016 (calendar_through): the 2017 inflow counts and any later cohort
// factor are dropped, so later years follow the calendar's trend assumptions.
//
// The rows compared are every target row (calibration and validation roles) whose cohort ends after
// 2016 (cohort_to_2016 is false). Two kinds of row are measured two ways:
//   - projection: entree_entrants share_of_population at horizon 0 (B9, B10, Tabel 2.3.1, Tabel 1,
//     000 text 2.1): entrants of the origin / entrants of all origins, of the row's variant, in the
//     row's school years, from the projection's entree_entrants counts (projection.h);
//   - cohorts: any other row (diploma and positions after 1 or 3 years, leavers' destinations) by
//     validate's machinery, every stratum per cohort year with the same cut calendar and each row
//     against the cohorts it names (validation.h: cohort_years).
// A row's school_year is the last school year of inflow (or of leaving) it names, and
// lead_years = school_year - 2016. A row whose years lie outside the backtest's years is skipped
// with its reason, never silently.
#include <string>
#include <vector>

#include "models/measure/targets.h"
#include "models/studies/projection.h"
#include "models/studies/simulation.h"

namespace doorstroom::models {

inline constexpr int kBacktestFittedThrough = 2016;  // the last cohort year the parameters saw
inline constexpr const char* kBacktestCalibrated = "models/data/backtest/calibrated_to_2016.toml";

struct BacktestRequest {
  // This file when it exists (the default, in the repository root), else the compiled-in copy.
  std::string calibrated_file = kBacktestCalibrated;
  std::string targets_file;  // empty: the embedded models/data/targets.csv
  std::string calendar_file = "models/data/calendar.toml";  // as the projection reads it
  int from = 2017, to = 2022;                               // the projected school years
  Future future = Future::trend;                            // beyond 2016, as the projection's --future
  SimulationOptions options;                                // the projection's (students per stratum and cohort year)
  std::uint64_t cohort_students = 400000;                   // per replicate, for the rows measured by cohorts
  std::string out_dir = "out/backtest";
  std::string command_line;
};

enum class BacktestMethod { projection, cohorts };

struct BacktestRow {
  Target target;
  BacktestMethod method = BacktestMethod::projection;
  int school_year = 0, lead_years = 0;
  double observed = 0.0, projected = 0.0, error = 0.0;  // fractions; error = projected - observed
  bool within = false;             // as validate judges the projected value (Target::within)
  double stationary = 0.0;         // the same parameters without a calendar (the 2014-2016 blend)
  bool within_stationary = false;
};

struct SkippedRow {
  std::string id, reason;
};

// Mean absolute error (fractions) of the rows of one lead time.
struct LeadError {
  int lead_years = 0, rows = 0;
  double mean_abs_error = 0.0;
};

struct BacktestResult {
  std::vector<BacktestRow> rows;
  std::vector<SkippedRow> skipped;
  ProjectionResult projection;
  ProjectionRequest projection_request;  // as run (for the manifest)
  std::string targets_name, targets_hash;
};

// The rows of a later cohort than kBacktestFittedThrough, in file order.
std::vector<Target> later_targets(const std::vector<Target>& targets);
BacktestResult backtest(const BacktestRequest& request);
std::vector<LeadError> error_by_lead(const std::vector<BacktestRow>& rows);
std::string backtest_csv(const BacktestResult& result);
// Writes backtest.csv, projection.csv and manifest.json (with the skipped rows) into
// request.out_dir, swapped in as a whole.
BacktestResult backtest_to_folder(const BacktestRequest& request);

}  // namespace doorstroom::models
