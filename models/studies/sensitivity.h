#pragma once
// Which parameters drive an outcome, from a finished sweep of given points, a grid or a Latin
// hypercube: standardised regression coefficients (the change in the outcome, in its standard
// deviations, per standard deviation of a parameter, with all parameters in one linear model) or,
// with too few points for that model, Spearman rank correlations one parameter at a time; and
// tornado data (the mean outcome over the points
// where a parameter is at or below its 20th percentile, and at or above its 80th).
#include <string>
#include <vector>

#include "models/studies/sweep.h"

namespace doorstroom::models {

struct Sensitivity {
  std::string parameter;
  double src = 0.0;              // or the rank correlation (method rank_correlation)
  double low = 0.0, high = 0.0;  // mean outcome with the parameter in its lowest / highest fifth
};

struct SensitivityResult {
  SweepMeasure measure;
  int points = 0;
  double r_squared = 0.0;         // how much of the outcome's variation the linear model explains (NaN: no model)
  std::string method = "src";     // src or rank_correlation
  std::string note;               // why rank correlations, and what to run instead
  double mean = 0.0;
  std::vector<Sensitivity> parameters;  // sorted by |src|, largest first
};

SensitivityResult sensitivity(const std::string& sweep_dir, const SweepMeasure& measure);
std::string sensitivity_csv(const SensitivityResult& r);
// The message when points <= parameters + 1, with the runs that would do better.
std::string too_few_points_advice(int points, int parameters);

}  // namespace doorstroom::models
