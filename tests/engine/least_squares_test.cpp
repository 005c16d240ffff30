// Levenberg-Marquardt finds the minimum of problems with a known answer.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/least_squares.h"

using doorstroom::engine::levenberg_marquardt;

TEST_CASE("Levenberg-Marquardt fits an exponential decay exactly", "[least_squares]") {
  // y = a exp(-b t) observed without noise at 8 points: the fit must return a = 2, b = 0.7.
  auto residuals = [](const Eigen::VectorXd& x) {
    Eigen::VectorXd r(8);
    for (int i = 0; i < 8; ++i) {
      const double t = 0.5 * i;
      r[i] = x[0] * std::exp(-x[1] * t) - 2.0 * std::exp(-0.7 * t);
    }
    return r;
  };
  doorstroom::engine::LeastSquaresOptions options;
  options.difference_step = 1e-6;
  options.relative_tolerance = 1e-12;
  const auto fit = levenberg_marquardt(residuals, Eigen::Vector2d(1.0, 0.2), options);
  CHECK(fit.x[0] == Approx(2.0).margin(1e-5));
  CHECK(fit.x[1] == Approx(0.7).margin(1e-5));
  CHECK(fit.cost < 1e-10);
}

TEST_CASE("Levenberg-Marquardt solves the Rosenbrock valley", "[least_squares]") {
  auto residuals = [](const Eigen::VectorXd& x) {
    Eigen::VectorXd r(2);
    r[0] = 10.0 * (x[1] - x[0] * x[0]);
    r[1] = 1.0 - x[0];
    return r;
  };
  doorstroom::engine::LeastSquaresOptions options;
  options.difference_step = 1e-7;
  options.relative_tolerance = 1e-14;
  options.max_iterations = 200;
  const auto fit = levenberg_marquardt(residuals, Eigen::Vector2d(-1.2, 1.0), options);
  CHECK(fit.x[0] == Approx(1.0).margin(1e-4));
  CHECK(fit.x[1] == Approx(1.0).margin(1e-4));
}

namespace {

// y = a exp(-b t) at 8 points, observed as 2 exp(-0.7 t) + shift.
doorstroom::engine::Residuals decay(double shift) {
  return [shift](const Eigen::VectorXd& x) {
    Eigen::VectorXd r(8);
    for (int i = 0; i < 8; ++i) {
      const double t = 0.5 * i;
      r[i] = x[0] * std::exp(-x[1] * t) - (2.0 * std::exp(-0.7 * t) + shift * (i % 2 ? 1.0 : -1.0));
    }
    return r;
  };
}

}  // namespace

TEST_CASE("Levenberg-Marquardt gives the same fit for any number of Jacobian threads", "[least_squares]") {
  doorstroom::engine::LeastSquaresOptions options;
  options.difference_step = 1e-6;
  options.relative_tolerance = 1e-12;
  const auto one = levenberg_marquardt(decay(0.0), Eigen::Vector2d(1.0, 0.2), options);
  options.threads = 3;
  const auto three = levenberg_marquardt(decay(0.0), Eigen::Vector2d(1.0, 0.2), options);
  CHECK(three.x == one.x);
  CHECK(three.cost == one.cost);
  CHECK(three.evaluations == one.evaluations);
}

TEST_CASE("a Broyden refit from an optimum with its Jacobian needs no new full Jacobian", "[least_squares]") {
  doorstroom::engine::LeastSquaresOptions options;
  options.difference_step = 1e-6;
  options.relative_tolerance = 1e-12;
  const auto fit = levenberg_marquardt(decay(0.0), Eigen::Vector2d(1.0, 0.2), options);
  // Perturbed observations, as in a bootstrap draw: the full refit is the reference.
  const auto full = levenberg_marquardt(decay(0.02), fit.x, options);
  options.broyden = true;
  options.max_iterations = 8;
  const auto quick = levenberg_marquardt(decay(0.02), fit.x, options, {}, fit.jacobian);
  CHECK(quick.full_jacobians == 0);
  CHECK(quick.evaluations < full.evaluations);
  CHECK(quick.x[0] == Approx(full.x[0]).margin(1e-4));
  CHECK(quick.x[1] == Approx(full.x[1]).margin(1e-4));
  CHECK(quick.cost == Approx(full.cost).epsilon(1e-6));
}

TEST_CASE("a Broyden fit falls back to a full Jacobian when the one it was given is wrong", "[least_squares]") {
  doorstroom::engine::LeastSquaresOptions options;
  options.difference_step = 1e-6;
  options.relative_tolerance = 1e-12;
  options.broyden = true;
  const Eigen::MatrixXd wrong = -Eigen::MatrixXd::Ones(8, 2);  // points uphill
  const auto fit = levenberg_marquardt(decay(0.0), Eigen::Vector2d(1.0, 0.2), options, {}, wrong);
  CHECK(fit.full_jacobians >= 1);
  CHECK(fit.x[0] == Approx(2.0).margin(1e-4));
  CHECK(fit.x[1] == Approx(0.7).margin(1e-4));
}
