#include "models/studies/identifiability.h"

#include <Eigen/Dense>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "models/chain/parameter_path.h"
#include "models/chain/scenario.h"
#include "models/io/number_format.h"
#include "models/measure/targets.h"
#include "models/studies/calibration.h"
#include "models/studies/calibration_scale.h"
#include "models/studies/run.h"
#include "system/progress.h"

namespace doorstroom::models {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNotInformed = 0.5;  // ||dz/dtheta|| below this: no target informs the parameter
constexpr double kJointly = 1.0;      // standard error above this (transformed units): only jointly

// The sd of each free parameter's bootstrap draws on the transformed scale.
std::vector<double> draw_spread(const std::vector<std::string>& free, const std::vector<Transform>& transforms) {
  std::map<std::string, std::vector<double>> columns;
  for (const auto& draw : read_draws(embedded_draws(), "embedded:models/data/parameter_draws.csv"))
    for (const auto& [path, value] : draw) columns[path].push_back(value);
  std::vector<double> sd;
  for (std::size_t i = 0; i < free.size(); ++i) {
    const auto& v = columns[free[i]];
    if (v.size() < 2) {
      sd.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    double sum = 0.0, sum2 = 0.0;
    for (double x : v) {
      const double t = transforms[i].to_x(x);
      sum += t;
      sum2 += t * t;
    }
    const double n = static_cast<double>(v.size());
    sd.push_back(std::sqrt(std::max(0.0, (sum2 - sum * sum / n) / (n - 1))));
  }
  return sd;
}

}  // namespace

std::vector<Identified> analyse_jacobian(const Eigen::MatrixXd& J, const std::vector<std::string>& free,
                                         const std::vector<std::string>& ids, double* condition) {
  const Eigen::Index n = J.cols(), m = J.rows();
  // Covariance (J^T J)^-1 through the SVD J = U S V^T: V S^-2 V^T over the directions J sees.
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(J, Eigen::ComputeThinV);
  const Eigen::VectorXd s = svd.singularValues();
  const Eigen::MatrixXd& V = svd.matrixV();
  const double tol = 1e-9 * std::max(s.maxCoeff(), 1e-300);
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd seen = Eigen::VectorXd::Zero(n);  // squared loading on the directions J sees
  for (Eigen::Index k = 0; k < s.size(); ++k) {
    if (s[k] <= tol) continue;
    cov += V.col(k) * V.col(k).transpose() / (s[k] * s[k]);
    seen += V.col(k).cwiseAbs2();
  }
  // A parameter with any part in a direction J does not see (a zero singular value, or beyond the
  // rank when there are fewer targets than parameters) has no finite standard error.
  std::vector<bool> blind(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) blind[static_cast<std::size_t>(i)] = seen[i] < 1.0 - 1e-6;
  if (condition) *condition = s.size() && s.minCoeff() > 0.0 && m >= n ? s.maxCoeff() / s.minCoeff() : kInf;
  std::vector<Identified> out;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto u = static_cast<std::size_t>(i);
    Identified p;
    p.parameter = free[u];
    p.se = blind[u] ? kInf : std::sqrt(cov(i, i));
    p.column_norm = J.col(i).norm();
    p.status = p.column_norm < kNotInformed ? "not informed" : p.se > kJointly ? "only jointly" : "informed";
    std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
    for (Eigen::Index k = 0; k < m; ++k) order[static_cast<std::size_t>(k)] = k;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return std::abs(J(a, i)) > std::abs(J(b, i)); });
    for (std::size_t k = 0; k < std::min<std::size_t>(3, order.size()); ++k)
      if (J(order[k], i) != 0.0) p.targets.push_back({ids[static_cast<std::size_t>(order[k])], J(order[k], i)});
    std::vector<std::pair<std::string, double>> corr;
    for (Eigen::Index j = 0; j < n; ++j)
      if (j != i && !blind[u] && !blind[static_cast<std::size_t>(j)] && cov(i, i) > 0.0 && cov(j, j) > 0.0)
        corr.emplace_back(free[static_cast<std::size_t>(j)], cov(i, j) / std::sqrt(cov(i, i) * cov(j, j)));
    std::stable_sort(corr.begin(), corr.end(), [](const auto& a, const auto& b) { return std::abs(a.second) > std::abs(b.second); });
    if (corr.size() > 2) corr.resize(2);
    p.correlated = corr;
    out.push_back(p);
  }
  return out;
}

IdentifiabilityResult identify(const IdentifyOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Target> targets;
  for (const auto& t : load_targets("").targets)
    if (t.role == TargetRole::calibrate) targets.push_back(t);
  const CalibrationSettings settings =
      read_calibration_settings(embedded_calibration_settings(), "embedded:models/data/calibration.toml");
  const ParameterSet fitted = load("", "").parameters;  // the embedded calibration applied
  const auto& free = settings.free;
  const auto transforms = transforms_for(fitted, free);
  const auto n = static_cast<Eigen::Index>(free.size());
  const auto m = static_cast<Eigen::Index>(targets.size());
  Eigen::VectorXd x0(n);
  for (Eigen::Index i = 0; i < n; ++i)
    x0[i] = transforms[static_cast<std::size_t>(i)].to_x(get_parameter(fitted, free[static_cast<std::size_t>(i)]));

  SimulationOptions sim;
  sim.students = o.students;
  sim.replications = 1;
  sim.seed = settings.seed;  // common random numbers, as in the fit
  sim.threads = o.threads;
  auto z_scores = [&](const Eigen::VectorXd& x) {
    const auto values = simulate_targets(with_values(fitted, free, transforms, x), targets, sim);
    Eigen::VectorXd z(m);
    for (Eigen::Index k = 0; k < m; ++k) z[k] = targets[static_cast<std::size_t>(k)].z(values[static_cast<std::size_t>(k)]);
    return z;
  };
  IdentifiabilityResult r;
  r.targets = static_cast<int>(m);
  std::vector<std::string> ids;
  for (const auto& t : targets) ids.push_back(t.id);
  const Eigen::VectorXd z0 = z_scores(x0);
  Eigen::MatrixXd J(m, n);
  system::ProgressLine progress("identifiability (Jacobian columns)", o.progress);
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::VectorXd x = x0;
    x[i] += settings.difference_step;
    J.col(i) = (z_scores(x) - z0) / settings.difference_step;
    progress.update(static_cast<std::size_t>(i + 1), static_cast<std::size_t>(n));
  }
  progress.finish();
  r.evaluations = static_cast<int>(n + 1);

  r.parameters = analyse_jacobian(J, free, ids, &r.condition);
  const auto spread = draw_spread(free, transforms);
  for (std::size_t i = 0; i < free.size(); ++i) {
    r.parameters[i].scale = transforms[i].logit ? "logit" : "log";
    r.parameters[i].value = transforms[i].from_x(x0[static_cast<Eigen::Index>(i)]);
    r.parameters[i].se_draws = spread[i];
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

std::string identifiability_csv(const IdentifiabilityResult& r) {
  std::string out =
      "parameter,scale,value,se,se_draws,column_norm,status,target_1,dz_1,target_2,dz_2,target_3,dz_3,"
      "correlated_1,correlation_1,correlated_2,correlation_2\n";
  auto num = [](double v) { return std::isinf(v) ? std::string("inf") : fixed_or_empty(v, 4); };
  for (const auto& p : r.parameters) {
    out += p.parameter + "," + p.scale + "," + fixed_or_empty(p.value, 6) + "," + num(p.se) + "," + num(p.se_draws) + "," +
           num(p.column_norm) + "," + p.status;
    for (std::size_t k = 0; k < 3; ++k)
      out += k < p.targets.size() ? "," + p.targets[k].target + "," + num(p.targets[k].dz) : std::string(",,");
    for (std::size_t k = 0; k < 2; ++k)
      out += k < p.correlated.size() ? "," + p.correlated[k].first + "," + num(p.correlated[k].second) : std::string(",,");
    out += "\n";
  }
  return out;
}

std::string identifiability_markdown(const IdentifiabilityResult& r) {
  std::string out =
      "# Identifiability of the calibrated parameters\n\n"
      "This page is written by `doorstroom identify --out docs`; do not edit it by hand. It says which of the free "
      "parameters of the calibration ([calibration.md](calibration.md)) the calibration targets pin down, and which "
      "are set by their start values and the weak prior: assumptions rather than data.\n\n"
      "Method (`models/studies/identifiability.h`): at the fit, the Jacobian J of the targets' z-scores (distance in "
      "standard errors) with respect to each free parameter, on the calibration's scale (log for rates, logit for "
      "shares), by forward differences with common random numbers. J^T J is then the information the targets carry "
      "and its inverse the covariance of the parameters, without the prior. **SE** is a standard error on that scale "
      "(0.10 is about +-10% on a rate); **SE of draws** the spread of the bootstrap refits in "
      "`models/data/parameter_draws.csv` on the same scale (short refits from the optimum that also carry the prior, "
      "so usually smaller). *not informed*: no target moves by half a standard error per unit of the parameter "
      "(||dz/dtheta|| < 0.5); *only jointly*: targets move with it, but together with other parameters so that its "
      "own SE exceeds 1 (look at the correlations); both thresholds are assumptions of this analysis.\n\n";
  return out + identifiability_table_markdown(r);
}

std::string identifiability_table_markdown(const IdentifiabilityResult& r) {
  std::string out;
  int counts[3] = {0, 0, 0};
  std::string not_informed, jointly;
  for (const auto& p : r.parameters) {
    if (p.status == "informed") ++counts[0];
    else if (p.status == "only jointly") {
      ++counts[1];
      jointly += (jointly.empty() ? "`" : ", `") + p.parameter + "`";
    } else {
      ++counts[2];
      not_informed += (not_informed.empty() ? "`" : ", `") + p.parameter + "`";
    }
  }
  char line[256];
  std::snprintf(line, sizeof line,
                "**%zu free parameters against %d targets: %d informed, %d only jointly, %d not informed** "
                "(condition number of J: %.3g).\n\n",
                r.parameters.size(), r.targets, counts[0], counts[1], counts[2], r.condition);
  out += line;
  out += "Not informed by any target: " + (not_informed.empty() ? std::string("none") : not_informed) + ".\n\n";
  out += "Informed only jointly: " + (jointly.empty() ? std::string("none") : jointly) + ".\n\n";
  out += "| parameter | status | SE (scale) | SE of draws | informed most by (dz per unit) | most correlated with |\n"
         "|---|---|---|---|---|---|\n";
  char buffer[64];
  auto num = [&](double v, const char* f) {
    if (std::isinf(v)) return std::string("∞");
    if (std::isnan(v)) return std::string("");
    std::snprintf(buffer, sizeof buffer, f, v);
    return std::string(buffer);
  };
  for (const auto& p : r.parameters) {
    std::string informing, correlated;
    for (const auto& t : p.targets) informing += (informing.empty() ? "" : ", ") + t.target + " (" + num(t.dz, "%+.1f") + ")";
    for (const auto& [name, c] : p.correlated) correlated += (correlated.empty() ? "" : ", ") + ("`" + name + "` (") + num(c, "%+.2f") + ")";
    out += "| `" + p.parameter + "` | " + p.status + " | " + num(p.se, "%.2f") + " (" + p.scale + ") | " + num(p.se_draws, "%.2f") +
           " | " + informing + " | " + correlated + " |\n";
  }
  return out;
}

}  // namespace doorstroom::models
