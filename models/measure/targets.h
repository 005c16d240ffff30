#pragma once
// Calibration and validation targets (models/data/targets.csv): one row per table cell of a
// source report, with its population, measure, horizon, observed share, denominator and role.
// docs/calibration.md explains how they are chosen; docs/targets-notes.md how the file is built.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/stats.h"
#include "models/measure/outcomes.h"

namespace doorstroom::models {

enum class TargetRole { calibrate, validate };

struct Target {
  std::string id, source, table, lines, population, origin, variant, cohort, measure, note;
  int horizon_years = 0;
  double value = 0.0;
  std::optional<double> low, high;  // an interval for verbal figures ("ruim", "bijna", "ongeveer")
  std::optional<double> n;          // denominator
  TargetRole role = TargetRole::calibrate;
  int line = 0;                     // in the targets file

  // The binomial standard error sqrt(p(1-p)/n); for an interval a quarter of its width; without
  // either, 0.02 (a stated assumption: a share read off a text to about two points).
  [[nodiscard]] double standard_error() const;
  // Signed distance to the observation in standard errors (0 inside an interval).
  [[nodiscard]] double z(double simulated) const;
  // The fit criterion of issue 3: within 2 standard errors, or within 1.5 points where the
  // standard error is tiny; for an interval, inside it (or within 1.5 points of it).
  [[nodiscard]] bool within(double simulated) const;
};

std::vector<Target> read_targets(std::string_view text, const std::string& file);

// The simulated row of every target, in target order; an InputError names a target whose
// population, origin, variant, measure or horizon the model does not produce.
std::vector<engine::Summary> match_targets(const std::vector<OutcomeRow>& rows, const std::vector<Target>& targets);
std::string_view embedded_targets();

// The targets of a file, or the embedded models/data/targets.csv when `file` is empty, with the
// name they are known by and the hash of their text (for manifests and file headers).
struct TargetFile {
  std::vector<Target> targets;
  std::string name;
  std::string hash;
};
TargetFile load_targets(const std::string& file);

}  // namespace doorstroom::models
