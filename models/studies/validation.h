#pragma once
// How well the model reproduces the report tables: every target (calibrate and validate rows)
// next to its simulated mean and interval, with a z-score and the fit criterion, written as
// calibration.csv and as the tables of docs/calibration.md; the fit per horizon group as
// fit_by_horizon.csv and the page's "Fit by horizon" tables.
#include <string>
#include <vector>

#include "engine/stats.h"
#include "models/chain/calendar.h"
#include "models/chain/parameters.h"
#include "models/measure/targets.h"
#include "models/studies/simulation.h"

namespace doorstroom::models {

struct ValidationRow {
  Target target;
  engine::Summary simulated;
  double z = 0.0;
  bool within = false;
};

// Fit by horizon (issue 12): the rows of one role and one horizon group (h0, h1, h2-3, h4-5, h6+)
// of one subset: "all" rows, or "cohorts_to_2016", the validation rows whose cohort ends in 2016 or
// before (cohort_to_2016). Errors are in percentage points (error_points).
struct HorizonFit {
  std::string subset, group;
  TargetRole role = TargetRole::calibrate;
  int rows = 0, reproduced = 0;
  double mean_abs_error_points = 0.0;  // NaN without rows
  std::string worst_target;            // the row with the largest error (the first of equals)
  double worst_error_points = 0.0;     // NaN without rows
  [[nodiscard]] double share() const { return rows ? static_cast<double>(reproduced) / rows : 0.0; }
};

struct ValidationReport {
  std::vector<ValidationRow> rows;
  std::vector<HorizonFit> by_horizon;  // fit_by_horizon(rows)
  int calibrate_total = 0, calibrate_within = 0, validate_total = 0, validate_within = 0;
  std::string interval;  // what the simulated intervals hold
  [[nodiscard]] double calibrate_share() const {
    return calibrate_total ? static_cast<double>(calibrate_within) / calibrate_total : 0.0;
  }
};

// |simulated - observed| * 100; for an interval (a verbal figure) the distance to it, 0 inside.
double error_points(const Target& target, double simulated);
// Whether a cohort ends in 2016 or before: its last year is the largest four-digit year in it,
// where a school year counts by its first year (2016/17 and 2016_17 are the cohort of 2016, so
// 2014/15-2016/17 is 2014-2016). No year (empty, "unstated") counts as up to 2016.
bool cohort_to_2016(const std::string& cohort);
// The simulated cohort years a target's cohort text names (calendar.h): for entrants its first and
// last year, from 2014 on; without a year, or only years before 2014 (2011), the blend 2014-2016.
// The year of a leavers' row is the year they left: up to 2016 the blend, later that year's
// cohort and the one before.
inline constexpr int kFirstCohort = 2014, kBlendLast = 2016;
CohortYears cohort_years(const std::string& cohort, const std::string& population = "entree_entrants");
std::string horizon_group(int horizon_years);
// Every horizon group with rows (h0 to h4-5 always), for both roles over all rows and for the
// validation rows of cohort_to_2016 and of the later cohorts, in that order.
std::vector<HorizonFit> fit_by_horizon(const std::vector<ValidationRow>& rows);
// The "Fit by horizon" section of the page, and fit_by_horizon.csv.
std::string fit_by_horizon_markdown(const std::vector<HorizonFit>& fits);
std::string fit_by_horizon_csv(const std::vector<HorizonFit>& fits);

// draws empty: Monte Carlo intervals only; otherwise one parameter draw per replicate. With a
// calendar every stratum runs once per cohort year and each target meets the cohorts it names
// (cohort_years); without one, every target meets the stationary blend.
ValidationReport validate(const ParameterSet& parameters, const std::vector<Target>& targets,
                          const SimulationOptions& options, const std::vector<ParameterDraw>& draws,
                          const Calendar* calendar = nullptr);

std::string validation_csv(const ValidationReport& report);

struct ReportContext {
  std::string command_line;
  std::string git_commit;
  double threshold = 0.9;
};
// identifiability: the section on which fitted parameters the targets pin down
// (identifiability_table_markdown), or empty.
std::string calibration_markdown(const ValidationReport& report, const ParameterSet& parameters,
                                 const std::vector<std::string>& free, const ReportContext& context,
                                 const std::string& identifiability = "");

}  // namespace doorstroom::models

namespace doorstroom::models {

struct ValidateRequest {
  std::string targets_file;                    // empty: embedded models/data/targets.csv
  std::string out_dir = "out/validate";        // gets calibration.csv and fit_by_horizon.csv
  std::string doc_path = "docs/calibration.md";  // empty: do not write the page
  SimulationOptions options;
  bool parameter_uncertainty = false;
  double threshold = 0.9;                      // share of calibration targets that must be reproduced
  // Cohorts by calendar year (calendar.h): this file when it exists (the default, in the repository
  // root), else the compiled-in one; "none" for the stationary blend.
  std::string calendar_file = "models/data/calendar.toml";
  std::string command_line;
};

// Validates the embedded calibrated default and writes OUT/calibration.csv, OUT/fit_by_horizon.csv
// and the page.
ValidationReport validate_to_files(const ValidateRequest& request);

}  // namespace doorstroom::models
