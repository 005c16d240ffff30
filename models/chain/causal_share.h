#pragma once
// Selection between entree variants. A scenario that moves students from one enrolment variant
// to another (bol, bbl, examendeelnemer) does so by stating other routing shares than the
// baseline: a route's `to`, a stratum's `start`. The model then gives every moved student the
// outcomes measured for the new variant, as if the whole measured gap between the variants were
// caused by the variant. Schools assign variants pupil by pupil, so part of that gap is who was
// assigned (selection). The causal share c is the part that is not: every routing share the
// scenario changes is moved only a fraction c of the way from the baseline,
//   p(c) = (1 - c) * p_base + c * p_scenario,
// so a fraction c of the moved students is moved in terms of outcomes and the rest keep the
// outcomes of the variant they would have had. Students are independent, so this is exact in
// expectation. The variant counts of such a scenario then show the causal equivalent of the move,
// not the number of pupils enrolled in each variant.
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "models/chain/parameters.h"

namespace doorstroom::models {

class TableReader;

struct CausalShare {
  double value = 1.0;        // the central value: used by `run`, and by `compare` without drawing
  Range range{1.0, 1.0};     // values of c (not multipliers), drawn per replicate by `compare`
  // The size of the move as a multiplier of the one written (1: as written), drawn per replicate
  // on its own stream, so that a scenario whose shares carry both selection and an assumed size
  // draws both: the fraction of the written move that counts is then c * size.
  Range size{1.0, 1.0};
  std::string where;         // file:line of the table
  std::string source;        // seed lines the argument rests on (may be empty)
  std::string assumption;    // the argument: no seed measures the causal share
  ParameterSet whole_gap;    // the scenario's shares as written: all of the gap is causal (c = 1)
  ParameterSet extended;     // the parameters the scenario extends: none of it is (c = 0)
};

// The scenario's parameters with every route `to` and stratum `start` that differs from the
// base interpolated at c; everything else is the scenario's. c = 0 gives the base's shares and
// c = 1 the scenario's, entry for entry.
ParameterSet with_causal_share(const ParameterSet& scenario, const ParameterSet& base, double c);

// How many routes' `to` and strata's `start` the scenario changes: what a causal share acts on.
int moved_distributions(const ParameterSet& scenario, const ParameterSet& base);

// Throws InputError (at the table's file:line) when the largest move the share and size can draw,
// c = range.high * size.high, would give a routing share outside [0, 1].
void check_largest_move(const CausalShare& share);

// [scenario] causal_share = { value = 0.5, range = [0.0, 1.0], size_range = [0.4, 1.6] (optional),
//                             source = "...", assumption = "..." }
// Empty when the key is absent; InputError with file:line otherwise.
std::optional<CausalShare> read_causal_share(TableReader& scenario, const toml::table& table);

}  // namespace doorstroom::models
