#include "models/studies/calibration_scale.h"

#include <algorithm>
#include <cmath>

#include "models/chain/parameter_path.h"

namespace doorstroom::models {

double Transform::to_x(double v) const {
  if (logit) {
    const double p = std::clamp(v, 1e-6, 1.0 - 1e-6);
    return std::log(p / (1.0 - p));
  }
  return std::log(std::max(v, 1e-9));
}

double Transform::from_x(double x) const { return logit ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x); }

std::vector<Transform> transforms_for(const ParameterSet& p, const std::vector<std::string>& free) {
  std::vector<Transform> t;
  const auto refs = list_parameters(p);
  for (const auto& path : free) {
    (void)get_parameter(p, path);  // names an unknown path with a suggestion
    const auto it = std::find_if(refs.begin(), refs.end(), [&](const ParameterRef& r) { return r.path == path; });
    t.push_back({it != refs.end() && it->is_share});
  }
  return t;
}

ParameterSet with_values(const ParameterSet& base, const std::vector<std::string>& free, const std::vector<Transform>& transforms,
                         const Eigen::VectorXd& x) {
  ParameterSet p = base;
  for (std::size_t i = 0; i < free.size(); ++i) set_parameter(p, free[i], transforms[i].from_x(x[static_cast<Eigen::Index>(i)]));
  return p;
}

}  // namespace doorstroom::models
