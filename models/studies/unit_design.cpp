#include "models/studies/unit_design.h"

#include <algorithm>

#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/studies/sweep.h"

namespace doorstroom::models {

std::vector<UnitRange> unit_ranges(const std::vector<std::string>& paths, const ParameterSet& p, const std::string& option) {
  const auto refs = list_parameters(p);
  std::vector<UnitRange> ranges;
  for (const auto& path : paths) {
    try {
      (void)get_parameter(p, path);  // an unknown path: InputError with the nearest valid one
    } catch (const InputError& e) {
      throw InputError(option + ": " + e.what());
    }
    const auto ref = std::find_if(refs.begin(), refs.end(), [&](const ParameterRef& r) { return r.path == path; });
    if (ref == refs.end() || !ref->range)
      throw InputError(option + ": parameter '" + path +
                       "' has no range in the parameter or scenario file (give its record a range, or use --grid or --design)");
    double low = ref->value * ref->range->low, high = ref->value * ref->range->high;
    if (ref->is_share) {
      low = std::clamp(low, 0.0, 1.0);
      high = std::clamp(high, 0.0, 1.0);
    }
    ranges.push_back({path, low, high, ref->is_share});
  }
  return ranges;
}

std::vector<UnitRange> open_shares(std::vector<UnitRange> ranges) {
  constexpr double kInside = 1e-9;
  for (auto& r : ranges) {
    if (!r.share) continue;
    r.low = std::clamp(r.low, kInside, 1.0 - kInside);
    r.high = std::clamp(r.high, kInside, 1.0 - kInside);
  }
  return ranges;
}

Design map_unit_points(const std::vector<UnitRange>& ranges, const std::vector<std::vector<double>>& unit_points) {
  Design d;
  for (const auto& r : ranges) d.parameters.push_back(r.path);
  for (const auto& u : unit_points) {
    std::vector<double> values;
    for (std::size_t j = 0; j < ranges.size(); ++j) values.push_back(ranges[j].at(u[j]));
    d.points.push_back(values);
  }
  return d;
}

}  // namespace doorstroom::models
