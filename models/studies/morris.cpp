#include "models/studies/morris.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/rng.h"
#include "models/io/input_error.h"

namespace doorstroom::models {
namespace {

// The design streams: replicate 0 and 1 belong to the Latin hypercube (sweep.cpp).
constexpr std::uint32_t kMorrisReplicate = 2;

// One elementary effect per (trajectory, parameter).
struct Effects {
  std::size_t trajectories = 0, parameters = 0;
  std::vector<double> values;  // [trajectory * parameters + parameter]
  [[nodiscard]] double at(std::size_t t, std::size_t j) const { return values[t * parameters + j]; }
};

Effects elementary_effects(std::size_t k, const std::vector<std::vector<double>>& unit, const std::vector<double>& y) {
  if (k == 0 || unit.size() % (k + 1) != 0 || y.size() != unit.size())
    throw InputError("Morris analysis: " + std::to_string(y.size()) + " outcomes for " + std::to_string(unit.size()) +
                     " design points of trajectories over " + std::to_string(k) + " parameters");
  Effects e{unit.size() / (k + 1), k, std::vector<double>(unit.size() / (k + 1) * k, 0.0)};
  for (std::size_t t = 0; t < e.trajectories; ++t) {
    for (std::size_t s = 1; s <= k; ++s) {
      const std::size_t i = t * (k + 1) + s;
      // The one coordinate that moved between the previous point and this one.
      std::size_t moved = k;
      for (std::size_t j = 0; j < k; ++j)
        if (unit[i][j] != unit[i - 1][j]) moved = j;
      if (moved == k) throw InputError("Morris analysis: design point " + std::to_string(i) + " moves no parameter");
      e.values[t * k + moved] = (y[i] - y[i - 1]) / (unit[i][moved] - unit[i - 1][moved]);
    }
  }
  return e;
}

// mu, mu*, sigma of every parameter over the given trajectories: 3 k values.
std::vector<double> moments(const Effects& e, const std::vector<int>& trajectories) {
  std::vector<double> out(3 * e.parameters, 0.0);
  const auto r = static_cast<double>(trajectories.size());
  for (std::size_t j = 0; j < e.parameters; ++j) {
    double sum = 0.0, abs_sum = 0.0;
    for (int t : trajectories) {
      sum += e.at(static_cast<std::size_t>(t), j);
      abs_sum += std::abs(e.at(static_cast<std::size_t>(t), j));
    }
    const double mu = sum / r;
    double ss = 0.0;
    for (int t : trajectories) ss += (e.at(static_cast<std::size_t>(t), j) - mu) * (e.at(static_cast<std::size_t>(t), j) - mu);
    out[3 * j] = mu;
    out[3 * j + 1] = abs_sum / r;
    out[3 * j + 2] = r > 1 ? std::sqrt(ss / (r - 1)) : 0.0;
  }
  return out;
}

}  // namespace

double morris_step(int levels) { return levels / (2.0 * (levels - 1)); }

std::vector<std::vector<double>> morris_unit_points(std::size_t k, const MorrisDesign& design, std::uint32_t seed) {
  if (design.levels < 2 || design.levels % 2 != 0)
    throw InputError("--morris-levels: expected an even number of levels >= 2 (so every step stays on the grid), found " +
                     std::to_string(design.levels));
  if (design.trajectories < 2) throw InputError("--morris: expected at least 2 trajectories");
  if (k == 0) throw InputError("--morris: no parameters to move");
  const int p = design.levels;
  const double delta = morris_step(p);
  std::vector<std::vector<double>> points;
  for (int t = 0; t < design.trajectories; ++t) {
    engine::CaseStream rng(seed, kMorrisReplicate, static_cast<std::uint64_t>(t), engine::stream::design);
    std::vector<double> x(k), step(k);
    for (std::size_t j = 0; j < k; ++j) {
      const int level = static_cast<int>(rng() % static_cast<std::uint32_t>(p));
      x[j] = static_cast<double>(level) / (p - 1);
      step[j] = level < p / 2 ? delta : -delta;
    }
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = k - 1; i > 0; --i) std::swap(order[i], order[rng() % static_cast<std::uint32_t>(i + 1)]);
    points.push_back(x);
    for (std::size_t j : order) {
      // Rounded to the grid so that a level is the same number in every point it appears in.
      x[j] = std::round((x[j] + step[j]) * (p - 1)) / (p - 1);
      points.push_back(x);
    }
  }
  return points;
}

std::vector<MorrisIndex> morris_indices(const std::vector<std::string>& parameters,
                                        const std::vector<std::vector<double>>& unit_points, const std::vector<double>& y,
                                        int resamples, std::uint32_t seed) {
  const Effects e = elementary_effects(parameters.size(), unit_points, y);
  std::vector<int> all(e.trajectories);
  std::iota(all.begin(), all.end(), 0);
  const auto point = moments(e, all);
  const auto ci = bootstrap_intervals(static_cast<int>(e.trajectories), resamples, seed,
                                      [&](const std::vector<int>& units) { return moments(e, units); });
  std::vector<MorrisIndex> out;
  for (std::size_t j = 0; j < parameters.size(); ++j)
    out.push_back({parameters[j], point[3 * j], point[3 * j + 1], point[3 * j + 2], ci[3 * j], ci[3 * j + 1], ci[3 * j + 2]});
  std::stable_sort(out.begin(), out.end(), [](const MorrisIndex& a, const MorrisIndex& b) { return a.mu_star > b.mu_star; });
  return out;
}

}  // namespace doorstroom::models
