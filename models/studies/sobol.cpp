#include "models/studies/sobol.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/rng.h"
#include "models/io/input_error.h"

namespace doorstroom::models {
namespace {

// The design streams: replicate 0 and 1 belong to the Latin hypercube, 2 to Morris.
constexpr std::uint32_t kSobolReplicate = 3;

// The base points' outcomes, split by matrix.
struct Saltelli {
  std::size_t n = 0, k = 0;
  std::vector<double> a, b, ab;  // ab[n * k + i]
};

Saltelli split(std::size_t k, const std::vector<double>& y) {
  if (k == 0 || y.size() % (k + 2) != 0 || y.size() < 2 * (k + 2))
    throw InputError("Sobol analysis: " + std::to_string(y.size()) + " outcomes do not form a Saltelli design over " +
                     std::to_string(k) + " parameters with at least 2 base points (N (k + 2) points)");
  Saltelli s{y.size() / (k + 2), k, {}, {}, {}};
  for (std::size_t n = 0; n < s.n; ++n) {
    const std::size_t row = n * (k + 2);
    s.a.push_back(y[row]);
    s.b.push_back(y[row + 1]);
    for (std::size_t i = 0; i < k; ++i) s.ab.push_back(y[row + 2 + i]);
  }
  return s;
}

// S1 and ST of every parameter over the given base points: 2 k values (S1_i at 2i, ST_i at 2i+1).
// f(B) enters S1 centred on the mean: the same expectation (f(AB_i) - f(A) has mean 0), but far less
// noise when the outcome's mean is large against its spread, as a share of 0.35 +- 0.01 is.
std::vector<double> indices(const Saltelli& s, const std::vector<int>& base) {
  const auto m = static_cast<double>(base.size());
  double sum = 0.0, sum2 = 0.0;
  for (int n : base) {
    const auto u = static_cast<std::size_t>(n);
    sum += s.a[u] + s.b[u];
    sum2 += s.a[u] * s.a[u] + s.b[u] * s.b[u];
  }
  const double mean = sum / (2 * m);
  const double variance = sum2 / (2 * m) - mean * mean;
  std::vector<double> out(2 * s.k, 0.0);
  if (!(variance > 0.0)) return out;  // a constant outcome: no parameter explains anything
  for (std::size_t i = 0; i < s.k; ++i) {
    double first = 0.0, total = 0.0;
    for (int n : base) {
      const auto u = static_cast<std::size_t>(n);
      const double fab = s.ab[u * s.k + i];
      first += (s.b[u] - mean) * (fab - s.a[u]);
      total += (s.a[u] - fab) * (s.a[u] - fab);
    }
    out[2 * i] = first / m / variance;
    out[2 * i + 1] = total / (2 * m) / variance;
  }
  return out;
}

// The root of g^(d+1) = g + 1 by fixed-point iteration (converges: the map is a contraction there).
double kronecker_ratio(std::size_t dims) {
  double g = 2.0;
  for (int i = 0; i < 100; ++i) g = std::pow(1.0 + g, 1.0 / static_cast<double>(dims + 1));
  return g;
}

}  // namespace

UnitSequence parse_unit_sequence(const std::string& text) {
  if (text == "kronecker") return UnitSequence::kronecker;
  if (text == "random") return UnitSequence::random;
  throw InputError("--design-sequence: expected kronecker or random, found '" + text + "'");
}

std::string unit_sequence_name(UnitSequence s) { return s == UnitSequence::kronecker ? "kronecker" : "random"; }

std::vector<std::vector<double>> saltelli_unit_points(std::size_t k, const SobolDesign& design, std::uint32_t seed) {
  if (design.base_points < 2) throw InputError("--sobol: expected at least 2 base points");
  if (k == 0) throw InputError("--sobol: no parameters to vary");
  const std::size_t dims = 2 * k;
  std::vector<double> alpha(dims), shift(dims);
  const double g = kronecker_ratio(dims);
  engine::CaseStream shifts(seed, kSobolReplicate, 0, engine::stream::design);
  for (std::size_t d = 0; d < dims; ++d) {
    const double a = 1.0 / std::pow(g, static_cast<double>(d + 1));
    alpha[d] = a - std::floor(a);
    shift[d] = shifts.uniform();
  }
  std::vector<std::vector<double>> points;
  for (int n = 0; n < design.base_points; ++n) {
    engine::CaseStream draws(seed, kSobolReplicate, static_cast<std::uint64_t>(n) + 1, engine::stream::design);
    std::vector<double> u(dims);
    for (std::size_t d = 0; d < dims; ++d) {
      if (design.sequence == UnitSequence::random) {
        u[d] = draws.uniform();
      } else {
        const double x = shift[d] + static_cast<double>(n + 1) * alpha[d];
        u[d] = x - std::floor(x);
      }
    }
    const std::vector<double> a(u.begin(), u.begin() + static_cast<std::ptrdiff_t>(k)),
        b(u.begin() + static_cast<std::ptrdiff_t>(k), u.end());
    points.push_back(a);
    points.push_back(b);
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      points.push_back(ab);
    }
  }
  return points;
}

std::vector<SobolIndex> sobol_indices(const std::vector<std::string>& parameters, const std::vector<double>& y, int resamples,
                                      std::uint32_t seed, double* variance_out) {
  const Saltelli s = split(parameters.size(), y);
  std::vector<int> all(s.n);
  std::iota(all.begin(), all.end(), 0);
  const auto point = indices(s, all);
  const auto ci = bootstrap_intervals(static_cast<int>(s.n), resamples, seed,
                                      [&](const std::vector<int>& units) { return indices(s, units); });
  if (variance_out) {
    std::vector<double> ab(s.a);
    ab.insert(ab.end(), s.b.begin(), s.b.end());
    const double mean = std::accumulate(ab.begin(), ab.end(), 0.0) / static_cast<double>(ab.size());
    double ss = 0.0;
    for (double v : ab) ss += (v - mean) * (v - mean);
    *variance_out = ss / static_cast<double>(ab.size());
  }
  std::vector<SobolIndex> out;
  for (std::size_t i = 0; i < parameters.size(); ++i)
    out.push_back({parameters[i], point[2 * i], point[2 * i + 1], ci[2 * i], ci[2 * i + 1]});
  std::stable_sort(out.begin(), out.end(), [](const SobolIndex& a, const SobolIndex& b) { return a.st > b.st; });
  return out;
}

}  // namespace doorstroom::models
