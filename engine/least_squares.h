#pragma once
// Levenberg-Marquardt for min_x sum_i r_i(x)^2, with a forward-difference Jacobian.
//
// Written for objectives that are simulations run with common random numbers: smooth only at the
// scale of the difference step, so the step is set by the caller (in the caller's transformed
// coordinates, typically logs and logits, where one step size fits every parameter), and every
// residual vector costs one simulation. Deterministic: no randomness of its own.
//
// Since each column of a Jacobian is one simulation, and a Jacobian costs as many simulations as
// there are parameters, three things save simulations or wall time:
//   - the columns are evaluated over `threads` threads (engine/parallel_map.h: the same Jacobian
//     for any thread count, so the fit does not depend on it; residuals must be thread-safe);
//   - a caller that already has a Jacobian near the start (a refit from an optimum) passes it in;
//   - with `broyden`, every trial step updates the Jacobian by Broyden's rank-1 formula instead
//     of recomputing it; a full forward-difference Jacobian is taken again only when no step
//     lowers the cost with the updated one.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <tuple>
#include <utility>

#include "engine/parallel_map.h"

namespace doorstroom::engine {

struct LeastSquaresOptions {
  int max_iterations = 30;
  double difference_step = 0.05;     // forward-difference step in x
  double relative_tolerance = 1e-4;  // stop when the cost falls by less than this fraction
  double initial_damping = 1e-2;
  int threads = 1;                   // for the columns of a Jacobian
  bool broyden = false;              // rank-1 updates between full Jacobians
};

struct LeastSquaresResult {
  Eigen::VectorXd x;
  double cost = 0.0;                 // sum of squared residuals at x
  Eigen::MatrixXd jacobian;          // the last one computed or updated
  int iterations = 0;
  int evaluations = 0;
  int full_jacobians = 0;
  std::string stopped_because;
};

using Residuals = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
// Called after each accepted or rejected step: (iteration, cost, damping).
using LeastSquaresLog = std::function<void(int, double, double)>;

namespace least_squares_detail {

struct State {
  Eigen::VectorXd x;
  Eigen::VectorXd r;
  double cost = 0.0;
  double damping = 0.0;
  Eigen::MatrixXd J;
  bool fresh = false;  // J is a forward-difference Jacobian at x (not an update, not inherited)
};

inline void full_jacobian(const Residuals& residuals, const LeastSquaresOptions& options, State& s,
                          LeastSquaresResult& result) {
  const auto columns = parallel_map(static_cast<std::size_t>(s.x.size()), options.threads, [&](std::size_t j) {
    Eigen::VectorXd shifted = s.x;
    shifted[static_cast<Eigen::Index>(j)] += options.difference_step;
    return Eigen::VectorXd((residuals(shifted) - s.r) / options.difference_step);
  });
  s.J.resize(s.r.size(), s.x.size());
  for (std::size_t j = 0; j < columns.size(); ++j) s.J.col(static_cast<Eigen::Index>(j)) = columns[j];
  s.fresh = true;
  result.evaluations += static_cast<int>(columns.size());
  ++result.full_jacobians;
}

// Broyden's rank-1 update: the smallest change to J that makes it map the step h onto the change
// in residuals it produced.
inline void broyden_update(Eigen::MatrixXd& J, const Eigen::VectorXd& h, const Eigen::VectorXd& dr) {
  const double hh = h.squaredNorm();
  if (hh > 0.0 && dr.allFinite()) J += ((dr - J * h) / hh) * h.transpose();
}

// Raises the damping until a step lowers the cost (at most 10 tries). Returns whether one did and
// the fraction by which the cost fell.
inline std::pair<bool, double> try_steps(const Residuals& residuals, const LeastSquaresOptions& options, int it,
                                         const LeastSquaresLog& log, State& s, LeastSquaresResult& result) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    const Eigen::MatrixXd JtJ = s.J.transpose() * s.J;
    const Eigen::VectorXd g = s.J.transpose() * s.r;
    Eigen::MatrixXd A = JtJ;
    A.diagonal().array() += s.damping * (JtJ.diagonal().array() + 1e-9);
    const Eigen::VectorXd step = A.ldlt().solve(-g);
    const Eigen::VectorXd x_new = s.x + step;
    const Eigen::VectorXd r_new = residuals(x_new);
    ++result.evaluations;
    const double cost_new = r_new.squaredNorm();
    if (log) log(it, std::min(s.cost, cost_new), s.damping);
    if (options.broyden) {
      broyden_update(s.J, step, r_new - s.r);
      s.fresh = false;
    }
    if (std::isfinite(cost_new) && cost_new < s.cost) {
      const double gain = (s.cost - cost_new) / std::max(s.cost, 1e-300);
      s.x = x_new;
      s.r = r_new;
      s.cost = cost_new;
      s.damping = std::max(s.damping / 3.0, 1e-7);
      return {true, gain};
    }
    s.damping *= 4.0;
  }
  return {false, 0.0};
}

}  // namespace least_squares_detail

// initial_jacobian: a Jacobian near x to start from (empty: a forward-difference one at x).
inline LeastSquaresResult levenberg_marquardt(const Residuals& residuals, Eigen::VectorXd x,
                                              const LeastSquaresOptions& options = {},
                                              const LeastSquaresLog& log = {},
                                              const Eigen::MatrixXd& initial_jacobian = {}) {
  namespace d = least_squares_detail;
  LeastSquaresResult result;
  d::State s;
  s.x = std::move(x);
  s.r = residuals(s.x);
  ++result.evaluations;
  s.cost = s.r.squaredNorm();
  s.damping = options.initial_damping;
  if (initial_jacobian.rows() == s.r.size() && initial_jacobian.cols() == s.x.size())
    s.J = initial_jacobian;
  else
    d::full_jacobian(residuals, options, s, result);

  result.stopped_because = "reached the iteration limit";
  for (int it = 1; it <= options.max_iterations; ++it) {
    result.iterations = it;
    auto [accepted, gain] = d::try_steps(residuals, options, it, log, s, result);
    if (!accepted && !s.fresh) {  // the updated or inherited Jacobian may be what failed
      d::full_jacobian(residuals, options, s, result);
      std::tie(accepted, gain) = d::try_steps(residuals, options, it, log, s, result);
    }
    if (!accepted) {
      result.stopped_because = "no step lowered the cost";
      break;
    }
    if (gain < options.relative_tolerance) {
      result.stopped_because = "the cost fell by less than the tolerance";
      break;
    }
    if (!options.broyden) d::full_jacobian(residuals, options, s, result);
  }
  result.x = s.x;
  result.cost = s.cost;
  result.jacobian = s.J;
  return result;
}

}  // namespace doorstroom::engine
