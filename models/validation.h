#pragma once
// How well the model reproduces the report tables: every target (calibrate and validate rows)
// next to its simulated mean and interval, with a z-score and the fit criterion, written as
// calibration.csv and as the tables of docs/calibration.md.
#include <string>
#include <vector>

#include "engine/stats.h"
#include "models/parameters.h"
#include "models/simulation.h"
#include "models/targets.h"

namespace doorstroom::models {

struct ValidationRow {
  Target target;
  engine::Summary simulated;
  double z = 0.0;
  bool within = false;
};

struct ValidationReport {
  std::vector<ValidationRow> rows;
  int calibrate_total = 0, calibrate_within = 0, validate_total = 0, validate_within = 0;
  std::string interval;  // what the simulated intervals hold
  [[nodiscard]] double calibrate_share() const {
    return calibrate_total ? static_cast<double>(calibrate_within) / calibrate_total : 0.0;
  }
};

// draws empty: Monte Carlo intervals only; otherwise one parameter draw per replicate.
ValidationReport validate(const ParameterSet& parameters, const std::vector<Target>& targets,
                          const SimulationOptions& options, const std::vector<ParameterDraw>& draws);

std::string validation_csv(const ValidationReport& report);

struct ReportContext {
  std::string command_line;
  std::string git_commit;
  double threshold = 0.9;
};
std::string calibration_markdown(const ValidationReport& report, const ParameterSet& parameters,
                                 const std::vector<std::string>& free, const ReportContext& context);

}  // namespace doorstroom::models

namespace doorstroom::models {

struct ValidateRequest {
  std::string targets_file;                    // empty: embedded models/data/targets.csv
  std::string out_dir = "out/validate";        // gets calibration.csv
  std::string doc_path = "docs/calibration.md";  // empty: do not write the page
  SimulationOptions options;
  bool parameter_uncertainty = false;
  double threshold = 0.9;                      // share of calibration targets that must be reproduced
  std::string command_line;
};

// Validates the embedded calibrated default and writes OUT/calibration.csv and the page.
ValidationReport validate_to_files(const ValidateRequest& request);

}  // namespace doorstroom::models
