#include "models/measure/flows.h"

#include <algorithm>
#include <cstdio>

#include "models/chain/states.h"
#include "models/measure/census.h"
#include "models/measure/outcomes.h"

namespace doorstroom::models {

FlowRoute flow_route(int state) {
  const StateInfo& i = info(state);
  switch (i.place) {
    case Place::entree:
      if (i.variant == Variant::bbl) return FlowRoute::entree_bbl;
      if (i.variant == Variant::examendeelnemer) return FlowRoute::entree_examendeelnemer;
      return FlowRoute::entree_bol;
    case Place::niveau2plus: return FlowRoute::niveau2plus;
    case Place::other_education: return FlowRoute::ander_onderwijs;
    case Place::vo:  // nobody is back in vo at T; counted as other education should the model allow it
      return FlowRoute::ander_onderwijs;
    case Place::outside: break;
  }
  switch (i.activity) {
    case Activity::work: return FlowRoute::work;
    case Activity::uitkering: return FlowRoute::uitkering;
    case Activity::no_school_no_work: return FlowRoute::no_school_no_work;
    case Activity::beschut: return FlowRoute::beschut_werk_dagbesteding;
    case Activity::not_in_brp: return FlowRoute::not_in_brp;
    case Activity::in_education: break;
  }
  return FlowRoute::ander_onderwijs;
}

FlowPosition flow_position(int state, bool entree_diploma, bool startkwalificatie) {
  const StateInfo& i = info(state);
  if (i.place == Place::entree) return FlowPosition::entree;
  if (i.place == Place::niveau2plus) return FlowPosition::niveau2plus;
  return entree_diploma || startkwalificatie ? FlowPosition::not_in_mbo_with_diploma
                                             : FlowPosition::not_in_mbo_no_diploma;
}

FlowOutcome flow_outcome(int state, bool entree_diploma, bool startkwalificatie) {
  if (startkwalificatie) return FlowOutcome::startkwalificatie;
  if (entree_diploma) return FlowOutcome::entree_diploma;
  return in_mbo(info(state)) ? FlowOutcome::no_diploma_in_mbo : FlowOutcome::no_diploma_not_in_mbo;
}

FlowTally::FlowTally(std::vector<bool> chain_strata, std::vector<int> followed, int horizon_years)
    : chain_strata_(std::move(chain_strata)),
      followed_(std::move(followed)),
      horizon_(std::max(horizon_years, kFlowOutcomeYears)),
      counts_(chain_strata_.size() * kFlowRoutes * kFlowPositions * kFlowOutcomes) {}

void FlowTally::begin(int group, std::uint64_t, int state) {
  group_ = group;
  // Entree strata come from outside the modelled chain: their T is their first census.
  started_ = !chain_strata_[static_cast<std::size_t>(group)];
  reference_ = -1;
  route_ = FlowRoute::not_followed;
  position_ = FlowPosition::not_followed;
  outcome_ = FlowOutcome::not_followed;
  const Credential c = info(state).credential;
  entree_diploma_ = c == Credential::entree;
  startkwalificatie_ = c == Credential::startkwalificatie;
}

void FlowTally::transition(int from, int to, int, engine::Years) {
  const StateInfo& dest = info(to);
  if (dest.credential == Credential::entree) entree_diploma_ = true;
  if (dest.credential == Credential::startkwalificatie) startkwalificatie_ = true;
  if (info(from).place == Place::vo && dest.place != Place::vo) started_ = true;
}

void FlowTally::census(int k, int state, engine::Years) {
  if (reference_ == -1 && started_) {
    if (k <= last_reference_census(followed_[static_cast<std::size_t>(group_)], horizon_)) {
      reference_ = k;
      route_ = flow_route(state);
    } else {
      reference_ = -2;
    }
  }
  if (reference_ < 0) return;
  if (k == reference_ + kFlowPositionYears) position_ = flow_position(state, entree_diploma_, startkwalificatie_);
  if (k == reference_ + kFlowOutcomeYears) outcome_ = flow_outcome(state, entree_diploma_, startkwalificatie_);
}

void FlowTally::end(engine::Years) {
  ++counts_[index(group_, static_cast<int>(route_), static_cast<int>(position_), static_cast<int>(outcome_))];
}

void FlowTally::merge(const FlowTally& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

std::uint64_t FlowTally::students(int g) const {
  const auto first = counts_.begin() + static_cast<std::ptrdiff_t>(index(g, 0, 0, 0));
  std::uint64_t n = 0;
  for (auto it = first; it != first + kFlowRoutes * kFlowPositions * kFlowOutcomes; ++it) n += *it;
  return n;
}

FlowTally empty_flow_tally(const ChainModel& model) {
  std::vector<bool> chain;
  std::vector<int> followed;
  for (std::size_t g = 0; g < model.strata.size(); ++g) {
    chain.push_back(model.strata[g].starts_in_vo);
    followed.push_back(censuses_within(model.process.group(static_cast<int>(g)).end));
  }
  return FlowTally(chain, followed, model.horizon_years);
}

std::string flows_csv(const std::string& scenario, const ChainModel& model, const FlowTally& tally) {
  std::string out = "scenario,origin,route,position_1y,outcome_5y,students,per_year\n";
  for (int g = 0; g < tally.groups(); ++g) {
    const std::uint64_t n = tally.students(g);
    if (n == 0) continue;
    const double weight = model.strata[static_cast<std::size_t>(g)].cohort / static_cast<double>(n);
    for (int r = 0; r < kFlowRoutes; ++r)
      for (int p = 0; p < kFlowPositions; ++p)
        for (int o = 0; o < kFlowOutcomes; ++o) {
          const std::uint64_t count =
              tally.students(g, static_cast<FlowRoute>(r), static_cast<FlowPosition>(p), static_cast<FlowOutcome>(o));
          if (count == 0) continue;
          char per_year[48];
          std::snprintf(per_year, sizeof per_year, "%.3f", weight * static_cast<double>(count));
          out += scenario + ',' + model.strata[static_cast<std::size_t>(g)].name + ',' +
                 std::string(kFlowRouteNames[static_cast<std::size_t>(r)]) + ',' +
                 std::string(kFlowPositionNames[static_cast<std::size_t>(p)]) + ',' +
                 std::string(kFlowOutcomeNames[static_cast<std::size_t>(o)]) + ',' + std::to_string(count) + ',' +
                 per_year + '\n';
        }
  }
  return out;
}

}  // namespace doorstroom::models
