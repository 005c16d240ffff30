#pragma once
// The sensitivity indices of one measure of a finished sweep, by the method its design calls for:
// Morris mu*, mu and sigma for a Morris sweep, Sobol S1 and ST for a Saltelli design, and
// regression coefficients (or rank correlations) for given points, a grid or a Latin hypercube.
// Every index carries a 95% interval (a bootstrap over trajectories or base points; none for the
// regression) and its parameter's rank (1: most important by mu*, ST or |SRC|).
//
// The Monte Carlo noise floor: each point is a simulation with its own noise. The sweep records
// the replicate interval of every point, so the noise of one point's outcome is known (se, the
// median over points); what it does to an index is reported beside the indices as the row of the
// pseudo-parameter `monte_carlo_noise`: for Morris the elementary effect pure noise would give,
// sqrt(2) se / delta; for Sobol and the regression the share of the outcome's variance that noise
// would explain, se^2 / V. Common random numbers make the true floor lower (upper bounds). An
// index below its floor is not distinguishable from noise.
#include <string>
#include <vector>

#include "models/studies/sweep.h"

namespace doorstroom::models {

inline constexpr const char* kNoiseParameter = "monte_carlo_noise";

struct IndexRow {
  std::string parameter;
  std::string index;  // mu_star, mu, sigma, S1, ST, src or rank_correlation
  double value = 0.0;
  double ci_low = 0.0, ci_high = 0.0;  // NaN: no interval
  int rank = 0;                        // 0: the noise row
};

struct SweepIndices {
  SweepMeasure measure;
  std::string method;  // morris, sobol, src or rank_correlation
  int points = 0;
  double mean = 0.0;
  double point_noise = 0.0;  // standard error of one point's outcome (NaN: one replicate per point)
  std::string note;          // e.g. why rank correlations and what to run instead
  std::vector<IndexRow> rows;
};

SweepIndices sweep_indices(const std::string& sweep_dir, const SweepMeasure& measure);

// measure,method,parameter,index,value,ci_low,ci_high,rank: one row per (parameter, index).
std::string indices_csv(const SweepIndices& s);

}  // namespace doorstroom::models
