#pragma once
// Which parameters drive an outcome, from a finished sweep: standardised regression coefficients
// (the change in the outcome, in its standard deviations, per standard deviation of a parameter,
// with all parameters in one linear model) and tornado data (the mean outcome over the points
// where a parameter is at or below its 20th percentile, and at or above its 80th).
#include <string>
#include <vector>

#include "models/studies/sweep.h"

namespace doorstroom::models {

struct Sensitivity {
  std::string parameter;
  double src = 0.0;
  double low = 0.0, high = 0.0;  // mean outcome with the parameter in its lowest / highest fifth
};

struct SensitivityResult {
  SweepMeasure measure;
  int points = 0;
  double r_squared = 0.0;         // how much of the outcome's variation the linear model explains
  double mean = 0.0;
  std::vector<Sensitivity> parameters;  // sorted by |src|, largest first
};

SensitivityResult sensitivity(const std::string& sweep_dir, const SweepMeasure& measure);
std::string sensitivity_csv(const SensitivityResult& r);

}  // namespace doorstroom::models
