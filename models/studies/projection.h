#pragma once
// Projection in calendar time (issue 15, `doorstroom project`): the baseline, and optionally one
// scenario under common random numbers, simulated for every cohort year whose students are in
// school in a projected year, with the inflow of the calendar (models/chain/calendar.h), counted
// by school year (models/measure/school_years.h) and scaled to national numbers.
//
// Calendar time: a stratum copied for cohort year Y stands for the students whose entree cohort
// is Y. Entree strata start in entree on 1 August Y; chain strata start in vo `lead` years earlier
// (stratum_leads), so census k of a stratum is the 1 October census of school year Y - lead + k.
// A scenario's start_year is applied per stratum through with_switch at
// switch_time(start_year, Y - lead) (models/chain/start_year.h).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/stats.h"
#include "models/chain/calendar.h"
#include "models/chain/scenario.h"
#include "models/io/inflow_csv.h"
#include "models/studies/simulation.h"
#include "system/atomic_file.h"

namespace doorstroom::models {

enum class IskVariant { low, central, high };

struct ProjectionRequest {
  std::string scenario_file;           // empty: the baseline only
  // Replaces the scenario's own start_year (--start-year): the same policy starting in another
  // school year without editing its file.
  std::optional<int> start_year;
  int from = 2014, to = 2035;          // projected school years (1 October census of that year)
  Future future = Future::trend;
  std::string inflow_file;             // empty: the calendar's inflow only
  IskVariant isk = IskVariant::central;
  // The calendar: this file when it exists (the default, in the repository root), else the
  // compiled-in one.
  std::string calendar_file = "models/data/calendar.toml";
  // The calendar as known after this school year (calendar_through): later inflow and cohort
  // factors follow the trend assumptions. 0: every year of the file. The backtest sets 2016.
  int calendar_through = 0;
  // Another calibrated patch than the embedded calibrated.toml (the backtest's parameter set fitted
  // to cohorts up to 2016), applied the same way: its name and text. Empty name: the embedded one.
  std::string calibrated_file, calibrated_text;
  SimulationOptions options;           // options.students: per stratum and cohort year
  bool parameter_uncertainty = false;  // one calibrated parameter draw per replicate
  std::string out_dir = "out/project";
  std::string command_line;
};

struct ProjectionRow {
  std::string scenario;
  int school_year = 0;
  std::string measure, origin, variant;
  engine::Summary value;
  int replications = 0;
};

struct ProjectionResult {
  std::vector<ProjectionRow> rows;
  std::vector<std::string> scenarios;   // "baseline", then the scenario's name
  std::map<std::string, int> leads;     // stratum -> years from its t = 0 to its entree cohort
  int first_cohort = 0, last_cohort = 0;
  std::uint64_t students_per_replicate = 0, transitions = 0;
  double simulate_seconds = 0.0;
  // The intervals of every row are the 2.5th to 97.5th percentile of the replicates (parameter
  // draws or a scenario's assumptions drawn per replicate), not the interval of the mean.
  bool spread = false;
  std::optional<int> start_year;   // the scenario's, after --start-year: what the run applied
  std::string inflow_fnv1a64;      // hash of the --inflow file as it was read (empty without one)
};

inline const std::vector<std::string>& projection_measures() {
  static const std::vector<std::string> m{"entree_students",  "niveau2_students", "entree_entrants",
                                          "entree_diplomas",  "startkwalificaties", "entree_dropouts_without_diploma",
                                          "funded_student_years", "cost_eur"};
  return m;
}

// The calendar a projection uses: the file's inflow, the isk variant's growth after the last isk
// count, and the user's rows (which replace or extend the counts of their origin; the years of an
// origin must then follow on without gaps). Throws InputError naming the inflow file and line.
// The calendar of a request: `file` when it exists (the default path, from the repository root),
// else the compiled-in one; cut after `through` when it is not 0 (the backtest's "as known then").
Calendar request_calendar(const std::string& file, int through);

Calendar projection_calendar(Calendar calendar, IskVariant isk, const std::vector<InflowRow>& inflow,
                             const std::vector<std::string>& origins, const std::string& inflow_file);

// The lead of every stratum: for a chain stratum (starting in vo) the mean whole number of school
// years from its t = 0 to its first census in entree, from a pilot run of the blend (fixed seed 1,
// 4,000 students per stratum, so that it does not change with --seed or the scenario); 0 for a
// stratum that starts in entree.
std::map<std::string, int> stratum_leads(const ParameterSet& parameters);

ProjectionResult project(const ProjectionRequest& request);
std::string projection_csv(const ProjectionResult& result);
// The manifest of a projection folder holding `files`; `extra` adds members ("  \"key\": value,\n").
std::string projection_manifest(const ProjectionRequest& request, const ProjectionResult& result,
                                const std::vector<system::FolderFile>& files, double total_seconds, const std::string& extra);
// Writes projection.csv and manifest.json into request.out_dir, swapped in as a whole.
ProjectionResult project_to_folder(const ProjectionRequest& request);

}  // namespace doorstroom::models
