#pragma once
// The parameters of one replicate of a study (`compare`, `project`): the scenario's causal share
// and its assumed effects drawn from their ranges, over the replicate's calibrated parameter draw
// when parameter uncertainty is asked for. One rule, so that a scenario carries the same
// uncertainty in every study.
#include <cstdint>
#include <string>
#include <vector>

#include "models/chain/causal_share.h"
#include "models/chain/scenario.h"
#include "models/studies/simulation.h"

namespace doorstroom::models {

// A record a scenario itself defines or changes and marks as an assumption with a range (a
// modifier, an age rule, a hazard route): compare draws a multiplier in the range per replicate and
// scales all of the record's values by it.
struct AssumedEffect {
  std::string record;  // e.g. modifier.warme_overdracht_uitval
  std::vector<std::string> paths;
  std::vector<double> central;
  Range range;
  std::string assumption;  // the record's own words
};
std::vector<AssumedEffect> assumed_effects(const Scenario& s);
// The scenario's parameters in replicate r of a study (seed: the simulation seed): its causal
// share and assumed effects drawn from their ranges, without parameter draws. Exposed so that a
// test can see that every ranged assumption is drawn and that replicates differ.
ParameterSet drawn_scenario_parameters(const Scenario& s, std::uint32_t seed, int r);

// The calibrated parameter draws, when a study asks for parameter uncertainty; else none.
// A draw sits under a scenario: it replaces only the values the scenario leaves as they are in the
// base, so that a scenario's own change to a fitted parameter is kept.
class ParameterDraws {
 public:
  // Reads the embedded models/data/parameter_draws.csv when asked; throws InputError when it is empty.
  ParameterDraws(bool parameter_uncertainty, const ParameterSet& base);
  [[nodiscard]] bool empty() const { return draws_.empty(); }
  // The parameters of replicate r.
  [[nodiscard]] ParameterSet under(const ParameterSet& p, int r) const {
    return draws_.empty() ? p : apply_draw_under(p, base_, draws_[static_cast<std::size_t>(r) % draws_.size()]);
  }

 private:
  std::vector<ParameterDraw> draws_;
  const ParameterSet& base_;
};

// A scenario's parameters in replicate r: its causal share and assumed effects drawn from their
// ranges (each from a stream of its own), over the replicate's parameter draw.
ParameterSet replicate_parameters(const ParameterSet& scenario, const CausalShare* causal,
                                  const std::vector<AssumedEffect>& effects, const ParameterDraws& draws, std::uint32_t seed,
                                  int r);

// The causal share is drawn like an assumed effect, under this name (it names its random stream).
const std::string& causal_share_record();

}  // namespace doorstroom::models
