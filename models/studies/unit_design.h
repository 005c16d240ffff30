#pragma once
// Designs drawn on the unit cube [0, 1]^k and mapped to parameter values. Every sampled design
// (Latin hypercube, Morris trajectories, Saltelli's Sobol design) is built on the unit scale, where
// its statistics are defined, and mapped here in one place: u = 0 is the low end of the parameter's
// range (value x range.low), u = 1 the high end (value x range.high), linear in between; shares
// are kept in [0, 1]. Because the map is linear, an effect measured per unit of u is the effect of
// moving the parameter across its whole range.
#include <string>
#include <vector>

#include "models/chain/parameters.h"

namespace doorstroom::models {

struct UnitRange {
  std::string path;
  double low = 0.0, high = 0.0;
  bool share = false;  // a share of a distribution or a yearly probability
  [[nodiscard]] double at(double u) const { return low + u * (high - low); }
};

// The ranges of the given parameters; a path without a range in the parameter or scenario file is
// an InputError naming `option` (the command-line option that asked for it).
std::vector<UnitRange> unit_ranges(const std::vector<std::string>& paths, const ParameterSet& p, const std::string& option);

// The ranges with every share kept strictly inside (0, 1), by 1e-9. Morris and Sobol designs reach
// the ends of the unit scale exactly; a share set to 0 would make its sibling the only outcome
// (1), which no later value can move. The Latin hypercube never reaches the ends and keeps its
// ranges as they are (so its points do not change).
std::vector<UnitRange> open_shares(std::vector<UnitRange> ranges);

// A design's point values from points on the unit cube ([point][parameter], same order as ranges).
struct Design;
Design map_unit_points(const std::vector<UnitRange>& ranges, const std::vector<std::vector<double>>& unit_points);

}  // namespace doorstroom::models
