#include "models/studies/sensitivity.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <numeric>

#include "models/chain/scenario.h"
#include "models/io/csv.h"
#include "models/io/input_error.h"
#include "models/io/number_format.h"
#include "models/studies/sweep_result.h"

namespace doorstroom::models {

namespace {

void fill_fifths(SensitivityResult& r, const std::vector<std::vector<double>>& x, const std::vector<double>& y);

// Ranks 1..n, ties sharing their mean rank.
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    for (std::size_t t = i; t <= j; ++t) r[order[t]] = 0.5 * static_cast<double>(i + j) + 1.0;
    i = j + 1;
  }
  return r;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n, mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double sab = 0.0, saa = 0.0, sbb = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return saa > 0.0 && sbb > 0.0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

}  // namespace

std::string too_few_points_advice(int points, int parameters) {
  return std::to_string(points) + " points for " + std::to_string(parameters) +
         " parameters are too few for one regression over all of them (it needs more points than parameters plus one): "
         "showing Spearman rank correlations, one parameter at a time, which miss what parameters do together. "
         "For a ranking that accounts for all of them, screen with `sweep --morris 10` (" +
         std::to_string(10 * (parameters + 1)) + " runs), or run `--lhs " + std::to_string(2 * parameters + 2) +
         "` or more, or pick fewer --parameters";
}

SensitivityResult sensitivity(const std::string& sweep_dir, const SweepMeasure& measure) {
  const SweepOutcomes s = read_sweep_outcomes(sweep_dir, measure);
  const std::vector<std::string>& parameters = s.parameters;
  const std::vector<std::vector<double>>& x = s.x;
  const std::vector<double>& y = s.y;
  const auto n = static_cast<Eigen::Index>(y.size());
  const auto k = static_cast<Eigen::Index>(parameters.size());
  if (n < 3) throw InputError(sweep_dir + "/sweep.csv: sensitivity needs at least 3 points, found " + std::to_string(n));
  if (n < k + 2) {
    SensitivityResult r;
    r.measure = measure;
    r.points = static_cast<int>(n);
    r.method = "rank_correlation";
    r.note = too_few_points_advice(static_cast<int>(n), static_cast<int>(k));
    r.r_squared = std::numeric_limits<double>::quiet_NaN();
    r.mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
    const auto ry = ranks(y);
    for (std::size_t j = 0; j < parameters.size(); ++j) {
      std::vector<double> column;
      for (const auto& row : x) column.push_back(row[j]);
      r.parameters.push_back({parameters[j], correlation(ranks(column), ry), 0.0, 0.0});
    }
    fill_fifths(r, x, y);
    return r;
  }

  // Standardise; a parameter that never varies gets coefficient 0.
  Eigen::MatrixXd X(n, k);
  Eigen::VectorXd Y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    Y[i] = y[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < k; ++j) X(i, j) = x[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
  }
  SensitivityResult r;
  r.measure = measure;
  r.points = static_cast<int>(n);
  r.mean = Y.mean();
  const double y_sd = std::sqrt((Y.array() - Y.mean()).square().sum() / static_cast<double>(n - 1));
  std::vector<bool> varies(static_cast<std::size_t>(k));
  for (Eigen::Index j = 0; j < k; ++j) {
    const double m = X.col(j).mean();
    const double sd = std::sqrt((X.col(j).array() - m).square().sum() / static_cast<double>(n - 1));
    varies[static_cast<std::size_t>(j)] = sd > 0.0;
    X.col(j) = sd > 0.0 ? Eigen::VectorXd((X.col(j).array() - m) / sd) : Eigen::VectorXd::Zero(n);
  }
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
  if (y_sd > 0.0) {
    const Eigen::VectorXd Ys = (Y.array() - Y.mean()) / y_sd;
    beta = X.colPivHouseholderQr().solve(Ys);
    const Eigen::VectorXd residual = Ys - X * beta;
    r.r_squared = 1.0 - residual.squaredNorm() / Ys.squaredNorm();
  }
  for (Eigen::Index j = 0; j < k; ++j) {
    r.parameters.push_back({parameters[static_cast<std::size_t>(j)], varies[static_cast<std::size_t>(j)] ? beta[j] : 0.0, 0.0, 0.0});
  }
  fill_fifths(r, x, y);
  return r;
}

namespace {

void fill_fifths(SensitivityResult& r, const std::vector<std::vector<double>>& x, const std::vector<double>& y) {
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    Sensitivity& s = r.parameters[j];
    // Tornado: mean outcome where the parameter is at or below its 20th percentile, and at or
    // above its 80th. Ties are all in or all out, so a grid or a constant gives no spurious effect.
    std::vector<double> values;
    for (const auto& row : x) values.push_back(row[j]);
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const double q20 = sorted[static_cast<std::size_t>(std::floor(0.2 * static_cast<double>(sorted.size() - 1)))];
    const double q80 = sorted[static_cast<std::size_t>(std::ceil(0.8 * static_cast<double>(sorted.size() - 1)))];
    double low_sum = 0.0, high_sum = 0.0;
    int low_n = 0, high_n = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] <= q20) {
        low_sum += y[i];
        ++low_n;
      }
      if (values[i] >= q80) {
        high_sum += y[i];
        ++high_n;
      }
    }
    s.low = low_sum / low_n;
    s.high = high_sum / high_n;
  }
  std::stable_sort(r.parameters.begin(), r.parameters.end(),
                   [](const Sensitivity& a, const Sensitivity& b) { return std::abs(a.src) > std::abs(b.src); });
}

}  // namespace

std::string sensitivity_csv(const SensitivityResult& r) {
  // The column is called src for both methods (the figure reads it); `method` says which it is.
  std::string out = "measure,parameter,src,outcome_low_fifth,outcome_high_fifth,effect,points,r_squared,method\n";
  char buffer[512];
  for (const auto& s : r.parameters) {
    std::snprintf(buffer, sizeof buffer, "%s,%s,%.6f,%.6f,%.6f,%.6f,%d,%s,%s\n", r.measure.label().c_str(), s.parameter.c_str(),
                  s.src, s.low, s.high, s.high - s.low, r.points, fixed_or_empty(r.r_squared, 4).c_str(), r.method.c_str());
    out += buffer;
  }
  return out;
}

}  // namespace doorstroom::models
