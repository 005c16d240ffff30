#include "serve/flow_links.h"

#include <map>
#include <utility>

#include "models/io/json.h"

namespace doorstroom::serve {

std::string flow_links_json(const models::ChainModel& model, const models::FlowTally& tally) {
  using models::FlowOutcome, models::FlowPosition, models::FlowRoute;
  std::map<std::pair<std::string, std::string>, std::uint64_t> links;  // sorted, so the JSON is stable
  for (int g = 0; g < tally.groups(); ++g) {
    if (!model.strata[static_cast<std::size_t>(g)].starts_in_vo) continue;
    const std::string origin = "o:" + model.strata[static_cast<std::size_t>(g)].name;
    for (int r = 0; r < models::kFlowRoutes; ++r)
      for (int p = 0; p < models::kFlowPositions; ++p)
        for (int o = 0; o < models::kFlowOutcomes; ++o) {
          const std::uint64_t n = tally.students(g, FlowRoute(r), FlowPosition(p), FlowOutcome(o));
          if (n == 0 || FlowRoute(r) == FlowRoute::not_followed) continue;
          const std::string route = "r:" + std::string(models::kFlowRouteNames[static_cast<std::size_t>(r)]);
          const std::string position = "p:" + std::string(models::kFlowPositionNames[static_cast<std::size_t>(p)]);
          const std::string outcome = "u:" + std::string(models::kFlowOutcomeNames[static_cast<std::size_t>(o)]);
          links[{origin, route}] += n;
          links[{route, position}] += n;
          links[{position, outcome}] += n;
        }
  }
  std::string out = "[";
  bool first = true;
  for (const auto& [link, n] : links) {
    out += (first ? "[" : ", [") + models::json_string(link.first) + ", " + models::json_string(link.second) + ", " +
           std::to_string(n) + "]";
    first = false;
  }
  return out + "]";
}

}  // namespace doorstroom::serve
