#pragma once
// Levenberg-Marquardt for min_x sum_i r_i(x)^2, with a forward-difference Jacobian.
//
// Written for objectives that are simulations run with common random numbers: smooth only at the
// scale of the difference step, so the step is set by the caller (in the caller's transformed
// coordinates, typically logs and logits, where one step size fits every parameter), and every
// residual vector costs one simulation. Deterministic: no randomness of its own.
#include <Eigen/Dense>
#include <functional>
#include <string>

namespace doorstroom::engine {

struct LeastSquaresOptions {
  int max_iterations = 30;
  double difference_step = 0.05;     // forward-difference step in x
  double relative_tolerance = 1e-4;  // stop when the cost falls by less than this fraction
  double initial_damping = 1e-2;
};

struct LeastSquaresResult {
  Eigen::VectorXd x;
  double cost = 0.0;                 // sum of squared residuals at x
  Eigen::MatrixXd jacobian;          // at x (the last one computed)
  int iterations = 0;
  int evaluations = 0;
  std::string stopped_because;
};

using Residuals = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
// Called after each accepted or rejected step: (iteration, cost, damping).
using LeastSquaresLog = std::function<void(int, double, double)>;

inline LeastSquaresResult levenberg_marquardt(const Residuals& residuals, Eigen::VectorXd x,
                                              const LeastSquaresOptions& options = {},
                                              const LeastSquaresLog& log = {}) {
  LeastSquaresResult result;
  Eigen::VectorXd r = residuals(x);
  ++result.evaluations;
  double cost = r.squaredNorm();
  double damping = options.initial_damping;
  const Eigen::Index n = x.size();
  Eigen::MatrixXd J(r.size(), n);

  auto jacobian = [&] {
    for (Eigen::Index j = 0; j < n; ++j) {
      Eigen::VectorXd shifted = x;
      shifted[j] += options.difference_step;
      J.col(j) = (residuals(shifted) - r) / options.difference_step;
      ++result.evaluations;
    }
  };

  result.stopped_because = "reached the iteration limit";
  jacobian();
  for (int it = 1; it <= options.max_iterations; ++it) {
    result.iterations = it;
    const Eigen::MatrixXd JtJ = J.transpose() * J;
    const Eigen::VectorXd g = J.transpose() * r;
    bool accepted = false;
    // Raise the damping until a step lowers the cost (at most 10 tries per iteration).
    for (int attempt = 0; attempt < 10 && !accepted; ++attempt) {
      Eigen::MatrixXd A = JtJ;
      A.diagonal().array() += damping * (JtJ.diagonal().array() + 1e-9);
      const Eigen::VectorXd step = A.ldlt().solve(-g);
      const Eigen::VectorXd x_new = x + step;
      const Eigen::VectorXd r_new = residuals(x_new);
      ++result.evaluations;
      const double cost_new = r_new.squaredNorm();
      if (log) log(it, std::min(cost, cost_new), damping);
      if (std::isfinite(cost_new) && cost_new < cost) {
        const double gain = (cost - cost_new) / std::max(cost, 1e-300);
        x = x_new;
        r = r_new;
        cost = cost_new;
        damping = std::max(damping / 3.0, 1e-7);
        accepted = true;
        if (gain < options.relative_tolerance) {
          result.stopped_because = "the cost fell by less than the tolerance";
          it = options.max_iterations + 1;  // leave the outer loop after this step
        }
      } else {
        damping *= 4.0;
      }
    }
    if (!accepted) {
      result.stopped_because = "no step lowered the cost";
      break;
    }
    if (it > options.max_iterations) break;
    jacobian();
  }
  result.x = x;
  result.cost = cost;
  result.jacobian = J;
  return result;
}

}  // namespace doorstroom::engine
