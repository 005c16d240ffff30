#pragma once
// Which calibrated parameters the targets pin down. At the fit, the Jacobian J of the targets'
// z-scores (target.z: distance in the target's standard errors) with respect to the free parameters
// on the calibration's scale (calibration_scale.h: log or logit) is taken by forward differences
// with common random numbers. Each z has variance 1, so J^T J is the Fisher information of the
// targets about the parameters and its inverse their covariance (Gauss-Newton, the weak prior left
// out: this is what the data alone say). From it, per free parameter:
// - the standard error on the transformed scale (0.1: about +-10% on a rate, +-0.1 on a logit);
// - its largest correlations with the other parameters (two parameters that move together can
//   only be told apart jointly);
// - the three targets that inform it most (largest |dz/dtheta|);
// - the spread of its bootstrap draws (models/data/parameter_draws.csv) on the same scale, which
//   also carries the refits' noise.
// Status: "not informed" when no target moves by 0.5 standard errors per unit of the parameter
// (||J_i|| < 0.5); "only jointly" when targets move with it but the standard error exceeds 1
// (a factor e on a rate), because a near-singular direction of J^T J involves it; "informed"
// otherwise. Both thresholds are assumptions of this analysis, stated in docs/calibration.md.
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

namespace doorstroom::models {

struct IdentifyOptions {
  // Per evaluation, as many as the fit's. With 20,000 the classification was Monte Carlo noise:
  // changing only the random stream moved it from 61 to 50 informed parameters; with 140,000 the
  // two streams give 47 and 46.
  std::uint64_t students = 140000;
  int threads = 1;
  bool progress = true;
};

struct TargetInfluence {
  std::string target;  // id
  double dz = 0.0;     // change in its z-score per unit of the parameter (transformed scale)
};

struct Identified {
  std::string parameter;
  std::string scale;  // log or logit
  double value = 0.0;
  double se = 0.0;        // from J^T J; infinity when not informed at all
  double se_draws = 0.0;  // sd of the bootstrap draws on the transformed scale (NaN: no draws)
  double column_norm = 0.0;
  std::string status;     // informed, only jointly, not informed
  std::vector<TargetInfluence> targets;                    // the three largest |dz|
  std::vector<std::pair<std::string, double>> correlated;  // the two largest |correlation|
};

struct IdentifiabilityResult {
  std::vector<Identified> parameters;  // in the calibration's order
  int targets = 0, evaluations = 0;
  double condition = 0.0;  // largest over smallest singular value of J
  double seconds = 0.0;
};

// At the embedded calibration (models/data/calibrated.toml, calibration.toml, targets.csv).
IdentifiabilityResult identify(const IdentifyOptions& options);

// The analysis of a Jacobian (rows: targets, columns: parameters) on its own: standard errors,
// correlations, informing targets and status; value, scale and se_draws are left for the caller.
std::vector<Identified> analyse_jacobian(const Eigen::MatrixXd& J, const std::vector<std::string>& parameters,
                                         const std::vector<std::string>& target_ids, double* condition = nullptr);

std::string identifiability_csv(const IdentifiabilityResult& r);
std::string identifiability_markdown(const IdentifiabilityResult& r);
// The counts, the parameters not informed or only jointly, and the table per parameter, without the
// page's title and method (docs/calibration.md includes it under its own heading).
std::string identifiability_table_markdown(const IdentifiabilityResult& r);

}  // namespace doorstroom::models
