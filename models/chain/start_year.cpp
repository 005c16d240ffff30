#include "models/chain/start_year.h"

#include <algorithm>

#include "models/io/input_error.h"

namespace doorstroom::models {

double switch_time(int start_year, int origin_year) { return std::max(0, start_year - origin_year); }

ChainModel with_switch(const ChainModel& baseline, const ChainModel& scenario, const std::vector<double>& switch_at) {
  const int n = baseline.process.groups();
  if (scenario.process.groups() != n || static_cast<int>(switch_at.size()) != n)
    throw InputError("start_year: the scenario has " + std::to_string(scenario.process.groups()) + " strata, the baseline " +
                     std::to_string(n) + " (a scenario with a start year cannot add or remove strata)");
  const auto& base_risks = baseline.risk_names;
  const auto& scen_risks = scenario.risk_names;
  if (scen_risks.size() < base_risks.size() || !std::equal(base_risks.begin(), base_risks.end(), scen_risks.begin()))
    throw InputError("start_year: the scenario's routes must keep the baseline's risks in their order");
  std::vector<engine::Group> groups;
  for (int g = 0; g < n; ++g) {
    engine::Group grp = baseline.process.group(g);
    grp.switch_at = switch_at[static_cast<std::size_t>(g)];
    grp.switch_to = n + g;
    groups.push_back(grp);
  }
  for (int g = 0; g < n; ++g) groups.push_back(scenario.process.group(g));
  ChainModel model{engine::Process(baseline.process.states(), groups, baseline.process.census(), baseline.process.decision()),
                   baseline.strata, scenario.risk_names, baseline.horizon_years};
  for (int g = 0; g < n; ++g)
    for (int s = 0; s < baseline.process.states(); ++s) {
      model.process.rules(g, s) = baseline.process.rules(g, s);
      model.process.rules(n + g, s) = scenario.process.rules(g, s);
    }
  model.process.prepare();
  return model;
}

}  // namespace doorstroom::models
