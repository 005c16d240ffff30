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

FlowRoute flow_route(int state);
FlowPosition flow_position(int state, bool entree_diploma, bool startkwalificatie);
FlowOutcome flow_outcome(int state, bool entree_diploma, bool startkwalificatie);

class FlowTally {
 public:
  // chain_strata[g]: stratum g starts in vo; followed[g]: censuses it is followed for; horizon:
  // the census horizon (the join rule of models/measure/census.h; at least kFlowOutcomeYears is used).
  FlowTally(std::vector<bool> chain_strata, std::vector<int> followed, int horizon_years);

  // Observer interface for engine::simulate_case.
  void begin(int group, std::uint64_t index, int state);
  void census(int k, int state, engine::Years t);
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

}  // namespace doorstroom::models
