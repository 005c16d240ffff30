#pragma once
// Sobol variance-based indices from Saltelli's design (Saltelli et al. 2010, "Variance based
// sensitivity analysis of model output", Computer Physics Communications 181). Two independent
// N x k samples A and B of the unit cube, and for each parameter i the matrix AB_i: A with column i
// taken from B. The design lists, per base point n, the rows A_n, B_n, AB_1n, ..., AB_kn:
// N (k + 2) points.
//
// With f the outcome and V the variance of f over all A and B rows:
//   S1_i = mean((f(B) - m) (f(AB_i) - f(A))) / V  first order (Saltelli 2010, table 2 (b); m the
//                                                 mean of f over A and B, subtracted to cut noise)
//   ST_i = mean((f(A) - f(AB_i))^2) / (2 V)       total (Jansen 1999; Saltelli 2010 table 2 (f))
// S1 is the share of the outcome's variance the parameter explains alone, ST the share it has a
// part in, interactions included; ST - S1 is its interaction. Intervals: a bootstrap over base
// points.
//
// The 2k columns of A and B come from a Kronecker (additive recurrence) low-discrepancy sequence,
// x_n = frac(shift + n alpha) with alpha_d = frac(1 / g^(d+1)) and g the root of g^(2k+1) = g + 1
// (Roberts' R_d sequence), randomly shifted by the seed; or from plain uniform random numbers.
#include <cstdint>
#include <string>
#include <vector>

#include "models/studies/bootstrap.h"

namespace doorstroom::models {

enum class UnitSequence { kronecker, random };

struct SobolDesign {
  int base_points = 0;  // N; 0: none asked for
  UnitSequence sequence = UnitSequence::kronecker;
};

UnitSequence parse_unit_sequence(const std::string& text);
std::string unit_sequence_name(UnitSequence s);

// N (k + 2) points on the unit cube, a pure function of (k, design, seed).
std::vector<std::vector<double>> saltelli_unit_points(std::size_t parameters, const SobolDesign& design, std::uint32_t seed);

struct SobolIndex {
  std::string parameter;
  double s1 = 0.0, st = 0.0;
  Interval s1_ci, st_ci;
};

// Indices from the outcome y at each design point (same order as saltelli_unit_points), sorted by
// ST, largest first. variance_out (if given) receives V.
std::vector<SobolIndex> sobol_indices(const std::vector<std::string>& parameters, const std::vector<double>& y,
                                      int resamples = 1000, std::uint32_t seed = 1, double* variance_out = nullptr);

}  // namespace doorstroom::models
