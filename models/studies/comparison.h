#pragma once
// Comparing scenarios with the baseline under common random numbers: replicate r of every
// scenario uses RNG replicate r, so the same student draws the same numbers and a difference
// measures the policy, not the noise. Assumed effect sizes (records a scenario marks as an
// assumption with a range) and a scenario's causal share (models/chain/causal_share.h) are drawn per
// replicate from their range, so the intervals of the differences carry that uncertainty too.
// Costs follow seed 003 chapter 6. A stack (a.toml+b.toml, models/chain/scenario.h) is compared
// beside its parts, which `compare` adds when they are not listed, with its interaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/stats.h"
#include "models/chain/scenario.h"
#include "models/measure/outcomes.h"
#include "models/studies/simulation.h"

namespace doorstroom::models {

struct CompareRequest {
  std::string base_file;                    // empty: the embedded baseline
  std::vector<std::string> scenario_files;
  SimulationOptions options;
  bool parameter_uncertainty = false;       // calibrated parameter draws per replicate, shared by all scenarios
  std::string out_dir = "out/compare";
  std::string command_line;
};

struct Difference {
  std::string scenario, population, origin, measure;
  int horizon_years = 0;
  double base = 0.0, value = 0.0;
  engine::Summary delta;
  double national = 0.0;  // members of the population cell per year nationally (baseline)
  // Per replicate: students with the outcome in the scenario minus in the base, per member of the
  // base group. Equal to the change of the share where the group's size does not change.
  std::vector<double> replicate_deltas;
  // A stack only: its replicate_deltas minus the sum of its parts', replicate by replicate
  // (common random numbers), summarized like delta. Taken on students rather than on shares,
  // because a share whose group grows in one part and shrinks in another does not add up even
  // when no student is touched twice. Below 1e-12 it is floating-point residue (a group of
  // fewer than 1e12 students cannot change by less) and counts as 0.
  std::optional<engine::Summary> interaction;
};

struct CostDifference {
  std::string scenario, origin;            // a stratum, or all
  engine::Summary base_cost_per_student, cost_per_student, delta_cost_per_student;  // euro over the follow-up
  engine::Summary delta_startkwalificatie_per_student;
  double cohort = 0.0;                     // students per year nationally
};

struct ScenarioComparison {
  Scenario scenario;
  std::vector<std::string> assumptions;    // "modifier.x: rate 0.85 drawn in [0.77, 0.94]"
  std::vector<Difference> differences;
  std::vector<CostDifference> costs;
  engine::IntervalKind interval = engine::IntervalKind::mean;  // spread when drawn per replicate
};


// The outcomes a policymaker reads first, with their Dutch wording (comparison.md, serve).
struct KeyOutcome {
  const char* population;
  const char* origin;
  const char* measure;
  int horizon_years;
  const char* words;
};
const std::vector<KeyOutcome>& key_outcomes();

struct ComparisonResult {
  Scenario base;
  std::vector<ScenarioComparison> scenarios;
  double seconds = 0.0;
};

ComparisonResult compare(const CompareRequest& request);

// The same with scenarios already loaded (the workshop server keeps them in memory).
// draw_assumptions false: assumed effects keep the values in the parameter set (a slider's
// setting) and a causal share its central value, instead of being drawn per replicate, so
// intervals are Monte Carlo only.
struct ComparisonOptions {
  SimulationOptions simulation;
  bool parameter_uncertainty = false;
  bool draw_assumptions = true;
};
ComparisonResult compare_scenarios(const Scenario& base, const std::vector<Scenario>& scenarios,
                                   const ComparisonOptions& options);
// Writes comparison.csv, costs.csv, comparison.md and manifest.json (last) into request.out_dir.
ComparisonResult compare_to_folder(const CompareRequest& request);

std::string comparison_csv(const ComparisonResult& result);
std::string costs_csv(const ComparisonResult& result);
std::string comparison_markdown(const ComparisonResult& result, const CompareRequest& request);

}  // namespace doorstroom::models
