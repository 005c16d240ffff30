#pragma once
// The scale the calibration fits on: logit for shares and yearly probabilities, log for everything
// else (rates, multipliers), so that any step keeps a parameter in its domain. Shared by the fit
// (calibration.cpp) and the identifiability analysis (identifiability.cpp), whose standard errors
// are on this scale.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "models/chain/parameters.h"

namespace doorstroom::models {

struct Transform {
  bool logit = false;
  [[nodiscard]] double to_x(double v) const;
  [[nodiscard]] double from_x(double x) const;
};

// One transform per path (logit where the path is a share); an unknown path is an InputError.
std::vector<Transform> transforms_for(const ParameterSet& p, const std::vector<std::string>& free);

// `base` with each free path set to from_x of its coordinate of x.
ParameterSet with_values(const ParameterSet& base, const std::vector<std::string>& free, const std::vector<Transform>& transforms,
                         const Eigen::VectorXd& x);

}  // namespace doorstroom::models
