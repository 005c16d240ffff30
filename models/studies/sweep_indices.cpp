#include "models/studies/sweep_indices.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "models/io/number_format.h"
#include "models/studies/morris.h"
#include "models/studies/sensitivity.h"
#include "models/studies/sobol.h"
#include "models/studies/sweep_result.h"

namespace doorstroom::models {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kResamples = 1000;

double variance(const std::vector<double>& y) {
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  double ss = 0.0;
  for (double v : y) ss += (v - mean) * (v - mean);
  return y.size() > 1 ? ss / static_cast<double>(y.size() - 1) : 0.0;
}

void morris_rows(SweepIndices& out, const SweepOutcomes& s) {
  const auto unit = unit_points_of(s.sampling, s.parameters.size());
  const auto indices = morris_indices(s.parameters, unit, s.y, kResamples);
  int rank = 0;
  for (const auto& m : indices) {
    ++rank;
    out.rows.push_back({m.parameter, "mu_star", m.mu_star, m.mu_star_ci.low, m.mu_star_ci.high, rank});
    out.rows.push_back({m.parameter, "mu", m.mu, m.mu_ci.low, m.mu_ci.high, rank});
    out.rows.push_back({m.parameter, "sigma", m.sigma, m.sigma_ci.low, m.sigma_ci.high, rank});
  }
  std::istringstream in(s.sampling);
  std::string method, levels_word;
  int trajectories = 0, levels = 4;
  in >> method >> trajectories >> levels_word >> levels;
  out.rows.push_back({kNoiseParameter, "mu_star", std::sqrt(2.0) * out.point_noise / morris_step(levels), kNaN, kNaN, 0});
}

void sobol_rows(SweepIndices& out, const SweepOutcomes& s) {
  double v = 0.0;
  const auto indices = sobol_indices(s.parameters, s.y, kResamples, 1, &v);
  int rank = 0;
  for (const auto& i : indices) {
    ++rank;
    out.rows.push_back({i.parameter, "ST", i.st, i.st_ci.low, i.st_ci.high, rank});
    out.rows.push_back({i.parameter, "S1", i.s1, i.s1_ci.low, i.s1_ci.high, rank});
  }
  out.rows.push_back({kNoiseParameter, "ST", v > 0.0 ? out.point_noise * out.point_noise / v : kNaN, kNaN, kNaN, 0});
}

void regression_rows(SweepIndices& out, const std::string& sweep_dir, const SweepOutcomes& s) {
  const SensitivityResult r = sensitivity(sweep_dir, out.measure);
  out.method = r.method;
  out.note = r.note;
  int rank = 0;
  for (const auto& p : r.parameters) out.rows.push_back({p.parameter, r.method, p.src, kNaN, kNaN, ++rank});
  const double v = variance(s.y);
  out.rows.push_back({kNoiseParameter, "variance_share", v > 0.0 ? out.point_noise * out.point_noise / v : kNaN, kNaN, kNaN, 0});
}

}  // namespace

SweepIndices sweep_indices(const std::string& sweep_dir, const SweepMeasure& measure) {
  const SweepOutcomes s = read_sweep_outcomes(sweep_dir, measure);
  SweepIndices out;
  out.measure = measure;
  out.points = static_cast<int>(s.y.size());
  out.mean = std::accumulate(s.y.begin(), s.y.end(), 0.0) / static_cast<double>(s.y.size());
  out.point_noise = point_noise(s);
  out.method = s.sampling.substr(0, s.sampling.find(' '));
  if (out.method == "morris") morris_rows(out, s);
  else if (out.method == "sobol") sobol_rows(out, s);
  else regression_rows(out, sweep_dir, s);
  return out;
}

std::string indices_csv(const SweepIndices& s) {
  std::string out = "measure,method,parameter,index,value,ci_low,ci_high,rank\n";
  for (const auto& r : s.rows) {
    out.append(s.measure.label()).append(",").append(s.method).append(",").append(r.parameter).append(",").append(r.index);
    for (double v : {r.value, r.ci_low, r.ci_high}) out.append(",").append(fixed_or_empty(v, 6));
    out.append(",").append(r.rank ? std::to_string(r.rank) : "").append("\n");
  }
  return out;
}

}  // namespace doorstroom::models
