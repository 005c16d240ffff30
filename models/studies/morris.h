#pragma once
// Morris elementary effects (Morris 1991; Campolongo, Cariboni and Saltelli 2007): a cheap screen of
// many parameters. The design lives on the unit cube (unit_design.h) and is a set of R trajectories.
// Each coordinate takes one of p levels {0, 1/(p-1), ..., 1}; a trajectory starts at a random level
// per parameter and moves one parameter at a time, in a random order, by the step
// delta = p / (2 (p - 1)) (2/3 for the default p = 4): up when the start is in the lower half of the
// levels, down otherwise, so every move stays on the grid and both directions are equally likely.
// A trajectory over k parameters is k + 1 points; the design is R (k + 1) points, trajectory t
// being points t (k + 1) ... t (k + 1) + k.
//
// The elementary effect of a move is the change in the outcome divided by the signed step on the
// unit scale, i.e. the effect of moving the parameter across its whole range. Over the R
// trajectories: mu (mean effect; effects of opposite sign cancel), mu* (mean absolute effect: the
// importance ranking) and sigma (standard deviation: non-linearity or interaction), each with a
// bootstrap interval over trajectories.
#include <cstdint>
#include <string>
#include <vector>

#include "models/studies/bootstrap.h"

namespace doorstroom::models {

struct MorrisDesign {
  int trajectories = 0;  // R; 0: none asked for
  int levels = 4;        // p, even and >= 2
};

double morris_step(int levels);
// R (k + 1) points on the unit cube; a pure function of (k, design, seed). Refuses (InputError)
// odd or too few levels and k = 0.
std::vector<std::vector<double>> morris_unit_points(std::size_t parameters, const MorrisDesign& design, std::uint32_t seed);

struct MorrisIndex {
  std::string parameter;
  double mu = 0.0, mu_star = 0.0, sigma = 0.0;
  Interval mu_ci, mu_star_ci, sigma_ci;
};

// Indices from the outcome y[i] at each design point i (same order as morris_unit_points), sorted
// by mu*, largest first. resamples: bootstrap resamples for the intervals.
std::vector<MorrisIndex> morris_indices(const std::vector<std::string>& parameters,
                                        const std::vector<std::vector<double>>& unit_points, const std::vector<double>& y,
                                        int resamples = 1000, std::uint32_t seed = 1);

}  // namespace doorstroom::models
