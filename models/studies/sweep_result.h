#pragma once
// One measure of a finished sweep, read back for its analysis: the values each point ran with, the
// outcome's mean over replicates, its standard error from the replicate interval, and how the
// design was sampled (sweep_spec.txt's "design" line: Morris and Sobol analyses rebuild the unit
// design from it rather than from the recorded values, which for shares of one distribution can
// differ from the design).
#include <string>
#include <vector>

#include "models/studies/sweep.h"

namespace doorstroom::models {

struct SweepOutcomes {
  std::vector<std::string> parameters;
  std::vector<std::vector<double>> x;  // [point][parameter], in point order
  std::vector<double> y;               // mean over replicates
  std::vector<double> standard_error;  // from the replicate interval; NaN with one replicate
  std::string sampling;                // Design::sampling; empty without a design line
};

// InputError when sweep.csv is missing or records no rows for the measure (naming the measures it
// did record, and how to record this one).
SweepOutcomes read_sweep_outcomes(const std::string& sweep_dir, const SweepMeasure& measure);

// The Monte Carlo noise of one point's outcome: the median standard error over points (NaN when the
// sweep ran one replicate per point). With common random numbers the noise in a difference between
// points is smaller, so floors built on it are upper bounds.
double point_noise(const SweepOutcomes& s);

}  // namespace doorstroom::models
