#pragma once
// Flows: where each simulated student is in four columns, counted as whole paths, for the Sankey
// of report.html and for anyone who wants more than the marginal shares of outcomes.csv.
//
//   origin (stratum) -> route at the reference census T -> position at T + 1 -> outcome at T + 5
//
// T is the chain_leavers reference census for the chain strata (the first census after leaving
// vo) and census 0 for the entree strata (they start in entree). A student joins under the same
// rule as a census population (T + horizon within the follow-up, models/measure/census.h), so for the
// chain strata the marginals of the flows are exactly the chain_leavers counts of CensusTally for
// the same students. Students who never get a T that fits keep the code `not_followed` in all
// three columns, so the flows of a stratum always sum to its simulated students.
//
// Which students: those of replicate 0 of the run. `run` tallies them while it simulates that
// replicate (models/measure/census_and_flows.h); `tally_flows` replays replicate 0 (same seed, same
// student counts) where the run's replicate 0 had other parameters (a parameter draw). A student's
// random numbers depend only on (seed, replicate, stratum, index), so both give the very
// biographies replicate 0 of `doorstroom run` simulated; the flows are exact for them, not an
// estimate. The other replicates are not tallied (one table of paths per run).
// Counts are integers and merge by addition, so any split over threads gives the same table.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/time.h"
#include "models/chain/chain_model.h"
#include "models/chain/states.h"
#include "models/measure/census.h"

namespace doorstroom::models {

// Where the student is at T. Entree by variant, the mbo beyond entree as one group, and outside
// the mbo by what they do (the activity measures of outcomes.csv).
enum class FlowRoute {
  entree_bol,
  entree_bbl,
  entree_examendeelnemer,
  niveau2plus,
  ander_onderwijs,
  work,
  uitkering,
  no_school_no_work,
  beschut_werk_dagbesteding,
  not_in_brp,
  not_followed,
};
inline constexpr int kFlowRoutes = 11;
inline constexpr std::array<std::string_view, kFlowRoutes> kFlowRouteNames{
    "entree_bol", "entree_bbl", "entree_examendeelnemer", "niveau2plus", "ander_onderwijs", "work", "uitkering",
    "no_school_no_work", "beschut_werk_dagbesteding", "not_in_brp", "not_followed"};

// The four positions of seed 003 Tabel B16 (the position_* measures), at T + 1.
enum class FlowPosition { entree, niveau2plus, not_in_mbo_with_diploma, not_in_mbo_no_diploma, not_followed };
inline constexpr int kFlowPositions = 5;
inline constexpr std::array<std::string_view, kFlowPositions> kFlowPositionNames{
    "entree", "niveau2plus", "not_in_mbo_with_diploma", "not_in_mbo_no_diploma", "not_followed"};

// The highest mbo diploma at T + 5; without one, whether the student is still in the mbo.
enum class FlowOutcome { startkwalificatie, entree_diploma, no_diploma_in_mbo, no_diploma_not_in_mbo, not_followed };
inline constexpr int kFlowOutcomes = 5;
inline constexpr std::array<std::string_view, kFlowOutcomes> kFlowOutcomeNames{
    "startkwalificatie", "entree_diploma", "no_diploma_in_mbo", "no_diploma_not_in_mbo", "not_followed"};

inline constexpr int kFlowPositionYears = 1;
inline constexpr int kFlowOutcomeYears = 5;

// The three columns of a student's path.
inline FlowRoute flow_route(int state) {
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

inline FlowPosition flow_position(int state, bool entree_diploma, bool startkwalificatie) {
  const StateInfo& i = info(state);
  if (i.place == Place::entree) return FlowPosition::entree;
  if (i.place == Place::niveau2plus) return FlowPosition::niveau2plus;
  return entree_diploma || startkwalificatie ? FlowPosition::not_in_mbo_with_diploma
                                             : FlowPosition::not_in_mbo_no_diploma;
}

inline FlowOutcome flow_outcome(int state, bool entree_diploma, bool startkwalificatie) {
  if (startkwalificatie) return FlowOutcome::startkwalificatie;
  if (entree_diploma) return FlowOutcome::entree_diploma;
  return in_mbo(info(state)) ? FlowOutcome::no_diploma_in_mbo : FlowOutcome::no_diploma_not_in_mbo;
}

class FlowTally {
 public:
  // chain_strata[g]: stratum g starts in vo; followed[g]: censuses it is followed for; horizon:
  // the census horizon (the join rule of models/measure/census.h; at least kFlowOutcomeYears is used).
  FlowTally(std::vector<bool> chain_strata, std::vector<int> followed, int horizon_years);

  // Observer interface for engine::simulate_case, defined below so that the driver loop inlines it.
  void begin(int group, std::uint64_t index, int state);
  void census(int k, int state, engine::Years t);
  // Censuses first .. last - 1 in the state of census first - 1, with no event since it.
  void repeat_census(int first, int last, int state);
  void transition(int from, int to, int risk_id, engine::Years t);
  void end(engine::Years t);

  void merge(const FlowTally& other);

  [[nodiscard]] std::uint64_t students(int g, FlowRoute r, FlowPosition p, FlowOutcome o) const {
    return counts_[index(g, static_cast<int>(r), static_cast<int>(p), static_cast<int>(o))];
  }
  // All students of stratum g, whatever their path.
  [[nodiscard]] std::uint64_t students(int g) const;
  [[nodiscard]] int groups() const { return static_cast<int>(chain_strata_.size()); }

 private:
  [[nodiscard]] std::size_t index(int g, int r, int p, int o) const {
    return ((static_cast<std::size_t>(g) * kFlowRoutes + static_cast<std::size_t>(r)) * kFlowPositions +
            static_cast<std::size_t>(p)) * kFlowOutcomes + static_cast<std::size_t>(o);
  }

  std::vector<bool> chain_strata_;
  std::vector<int> followed_;
  int horizon_;
  std::vector<std::uint64_t> counts_;

  // The student being simulated.
  int group_ = 0;
  bool started_ = false;    // left vo (chain strata) or started in entree (entree strata)
  int reference_ = -1;      // census index of T; -1 not yet, -2 never (the horizon does not fit)
  FlowRoute route_ = FlowRoute::not_followed;
  FlowPosition position_ = FlowPosition::not_followed;
  FlowOutcome outcome_ = FlowOutcome::not_followed;
  bool entree_diploma_ = false;
  bool startkwalificatie_ = false;
};

// A tally with no students yet, sized for the model's strata and follow-up.
FlowTally empty_flow_tally(const ChainModel& model);

// flows.csv (docs/outputs.md): one row per stratum and path with at least one student, with the
// students counted and the same number per year nationally (weight cohort / simulated).
std::string flows_csv(const std::string& scenario, const ChainModel& model, const FlowTally& tally);

inline void FlowTally::begin(int group, std::uint64_t, int state) {
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

inline void FlowTally::transition(int from, int to, int, engine::Years) {
  const StateInfo& dest = info(to);
  if (dest.credential == Credential::entree) entree_diploma_ = true;
  if (dest.credential == Credential::startkwalificatie) startkwalificatie_ = true;
  if (info(from).place == Place::vo && dest.place != Place::vo) started_ = true;
}

inline void FlowTally::census(int k, int state, engine::Years) {
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

// No event since the last census, so T is settled: a student without T gets none in the run.
inline void FlowTally::repeat_census(int first, int last, int state) {
  if (reference_ < 0) return;
  const auto in_run = [&](int years) { return first <= reference_ + years && reference_ + years < last; };
  if (in_run(kFlowPositionYears)) position_ = flow_position(state, entree_diploma_, startkwalificatie_);
  if (in_run(kFlowOutcomeYears)) outcome_ = flow_outcome(state, entree_diploma_, startkwalificatie_);
}

inline void FlowTally::end(engine::Years) {
  ++counts_[index(group_, static_cast<int>(route_), static_cast<int>(position_), static_cast<int>(outcome_))];
}

}  // namespace doorstroom::models
