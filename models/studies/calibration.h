#pragma once
// Calibration: weighted least squares of simulated census measures on the `calibrate` targets,
// each residual in standard errors of its target (binomial from n), solved by Levenberg-Marquardt
// with common random numbers (the same seed for every evaluation, so the objective moves only
// when the parameters do). Parameters are fitted on log scale (rates, multipliers) or logit scale
// (shares), with a weak prior pulling them to their first values so that directions the targets
// do not inform stay put. A parametric bootstrap of the targets gives parameter draws.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/chain/parameters.h"
#include "models/measure/targets.h"
#include "models/studies/simulation.h"

namespace doorstroom::models {

struct CalibrationSettings {
  std::vector<std::string> free;       // parameter paths (models/chain/parameter_path.h)
  std::uint64_t students = 140000;     // per objective evaluation
  std::uint32_t seed = 20180601;
  int threads = 1;
  int max_iterations = 25;
  int draws = 50;                      // bootstrap refits
  int draw_iterations = 6;
  double prior_sd = 2.0;               // of the weak prior, in transformed units
  double difference_step = 0.05;
  double tolerance = 1e-4;
};

// Reads models/data/calibration.toml (or a given file): which parameters are free and the settings.
CalibrationSettings read_calibration_settings(std::string_view text, const std::string& file);
std::string_view embedded_calibration_settings();

struct TargetFit {
  const Target* target = nullptr;
  double simulated = 0.0;
  double z = 0.0;
};

// Simulated value of every target (mean over replicates) for a parameter set; throws InputError
// when a target names a population/origin/variant/measure/horizon the model does not produce.
std::vector<double> simulate_targets(const ParameterSet& parameters, const std::vector<Target>& targets,
                                     const SimulationOptions& options);

// Another point to start the fit from, such as an earlier fit's values. The objective is the same
// from every start (its prior still pulls to the first values), so the costs compare.
struct CalibrationStart {
  std::string name;
  ParameterSet parameters;
};
struct StartCost {
  std::string name;
  double cost = 0.0;
  int iterations = 0;
};

struct CalibrationResult {
  ParameterSet fitted;
  std::vector<StartCost> starts;              // the first values, then each extra start
  std::size_t kept = 0;                       // index in starts of the fit with the lowest cost
  std::vector<double> values;                 // per free path
  std::vector<std::vector<double>> draws;     // bootstrap draws, per free path
  double cost = 0.0;
  int iterations = 0;
  int evaluations = 0;
  std::string stopped_because;
  double seconds = 0.0;
};

using CalibrationLog = std::function<void(const std::string&)>;

// Fits from the first values `start` and from each of `also_from`, and keeps the lowest cost: the
// objective has more than one local optimum (docs/calibration-method.md), and a fit from the
// first values alone can end in a worse one than an earlier fit found.
CalibrationResult calibrate(const ParameterSet& start, const std::vector<Target>& targets,
                            const CalibrationSettings& settings, const CalibrationLog& log = {},
                            const std::vector<CalibrationStart>& also_from = {});

// The calibrated values as a TOML patch over the parameter file (models/data/calibrated.toml).
std::string calibrated_patch(const ParameterSet& fitted, const std::vector<std::string>& free,
                             const std::string& header_comment);
// Bootstrap draws as CSV: draw,<path>,<path>,...
std::string draws_csv(const std::vector<std::string>& free, const std::vector<std::vector<double>>& draws);
// Parses draws; each row becomes the list of (path, value) to set.
std::vector<std::vector<std::pair<std::string, double>>> read_draws(std::string_view text, const std::string& file);

}  // namespace doorstroom::models

namespace doorstroom::models {

struct CalibrateRequest {
  std::string targets_file;     // empty: embedded models/data/targets.csv
  std::string settings_file;    // empty: embedded models/data/calibration.toml
  std::string out_dir = "models/data";
  int threads = 1;
  std::optional<int> draws;     // overrides the settings
  std::optional<std::uint64_t> students;
  // calibrated.toml files (an earlier fit) to start the fit from as well as the first values.
  std::vector<std::string> start_files;
  std::string command_line;
  bool progress = true;
};

// Fits the embedded default parameters (without any earlier calibration) and writes
// OUT/calibrated.toml and OUT/parameter_draws.csv atomically. Returns the result.
CalibrationResult calibrate_to_files(const CalibrateRequest& request);

}  // namespace doorstroom::models
