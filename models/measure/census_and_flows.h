#pragma once
// The census tally and the flow tally of the same students in one pass: an observer for
// engine::simulate_case that passes every call on to both. `run` tallies the flows of replicate 0
// (models/measure/flows.h) this way while it simulates that replicate, instead of simulating
// replicate 0 a second time for them; each tally sees exactly the calls it would see alone, so
// both come out the same.
#include <cstdint>
#include <utility>

#include "engine/time.h"
#include "models/measure/census.h"
#include "models/measure/flows.h"

namespace doorstroom::models {

struct CensusAndFlows {
  CensusTally census_tally;
  FlowTally flow_tally;

  CensusAndFlows(CensusTally census, FlowTally flows) : census_tally(std::move(census)), flow_tally(std::move(flows)) {}

  void begin(int group, std::uint64_t index, int state) {
    census_tally.begin(group, index, state);
    flow_tally.begin(group, index, state);
  }
  void census(int k, int state, engine::Years t) {
    census_tally.census(k, state, t);
    flow_tally.census(k, state, t);
  }
  void repeat_census(int first, int last, int state) {
    census_tally.repeat_census(first, last, state);
    flow_tally.repeat_census(first, last, state);
  }
  void transition(int from, int to, int risk_id, engine::Years t) {
    census_tally.transition(from, to, risk_id, t);
    flow_tally.transition(from, to, risk_id, t);
  }
  void end(engine::Years t) {
    census_tally.end(t);
    flow_tally.end(t);
  }
  void merge(const CensusAndFlows& other) {
    census_tally.merge(other.census_tally);
    flow_tally.merge(other.flow_tally);
  }
};

}  // namespace doorstroom::models
