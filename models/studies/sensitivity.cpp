#include "models/studies/sensitivity.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>

#include "models/chain/scenario.h"
#include "models/io/csv.h"
#include "models/io/input_error.h"

namespace doorstroom::models {

SensitivityResult sensitivity(const std::string& sweep_dir, const SweepMeasure& measure) {
  const std::string file = (std::filesystem::path(sweep_dir) / "sweep.csv").string();
  const CsvTable table = parse_csv(read_text_file(file, "sweep result (run the sweep to the end first)"), file);
  const std::size_t c_pop = table.column("population", file), c_origin = table.column("origin", file),
                    c_measure = table.column("measure", file), c_h = table.column("horizon_years", file),
                    c_mean = table.column("mean", file);
  std::vector<std::string> parameters(table.header.begin() + 1, table.header.begin() + static_cast<std::ptrdiff_t>(c_pop));
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  for (const auto& row : table.rows) {
    if (row.fields[c_pop] != measure.population || row.fields[c_origin] != measure.origin ||
        row.fields[c_measure] != measure.measure || row.fields[c_h] != std::to_string(measure.horizon_years))
      continue;
    auto number = [&](std::size_t c) {
      const auto v = parse_number(row.fields[c]);
      if (!v)
        throw InputError(file + ":" + std::to_string(row.line) + ": " + table.header[c] + ": expected a number, found '" +
                         row.fields[c] + "'");
      return *v;
    };
    std::vector<double> values;
    for (std::size_t c = 1; c < c_pop; ++c) values.push_back(number(c));
    x.push_back(values);
    y.push_back(number(c_mean));
  }
  if (y.empty()) throw InputError(file + ": no rows for measure " + measure.label() + " (the sweep recorded other measures)");
  const auto n = static_cast<Eigen::Index>(y.size());
  const auto k = static_cast<Eigen::Index>(parameters.size());
  if (n < k + 2)
    throw InputError(file + ": sensitivity needs more design points than parameters plus one (" + std::to_string(n) + " points, " +
                     std::to_string(k) + " parameters)");

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
    Sensitivity s;
    s.parameter = parameters[static_cast<std::size_t>(j)];
    s.src = varies[static_cast<std::size_t>(j)] ? beta[j] : 0.0;
    // Tornado: mean outcome where the parameter is at or below its 20th percentile, and at or
    // above its 80th. Ties are all in or all out, so a grid or a constant gives no spurious effect.
    std::vector<double> values;
    for (const auto& row : x) values.push_back(row[static_cast<std::size_t>(j)]);
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const double q20 = sorted[static_cast<std::size_t>(std::floor(0.2 * static_cast<double>(sorted.size() - 1)))];
    const double q80 = sorted[static_cast<std::size_t>(std::ceil(0.8 * static_cast<double>(sorted.size() - 1)))];
    double low_sum = 0.0, high_sum = 0.0;
    int low_n = 0, high_n = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] <= q20) {
        low_sum += Y[static_cast<Eigen::Index>(i)];
        ++low_n;
      }
      if (values[i] >= q80) {
        high_sum += Y[static_cast<Eigen::Index>(i)];
        ++high_n;
      }
    }
    s.low = low_sum / low_n;
    s.high = high_sum / high_n;
    r.parameters.push_back(s);
  }
  std::stable_sort(r.parameters.begin(), r.parameters.end(),
                   [](const Sensitivity& a, const Sensitivity& b) { return std::abs(a.src) > std::abs(b.src); });
  return r;
}

std::string sensitivity_csv(const SensitivityResult& r) {
  std::string out = "measure,parameter,src,outcome_low_fifth,outcome_high_fifth,effect,points,r_squared\n";
  char buffer[512];
  for (const auto& s : r.parameters) {
    std::snprintf(buffer, sizeof buffer, "%s,%s,%.6f,%.6f,%.6f,%.6f,%d,%.4f\n", r.measure.label().c_str(), s.parameter.c_str(),
                  s.src, s.low, s.high, s.high - s.low, r.points, r.r_squared);
    out += buffer;
  }
  return out;
}

}  // namespace doorstroom::models
