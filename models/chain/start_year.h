#pragma once
// A policy with a start year (issue 15): `start_year = 2027` in a scenario's [scenario] table. It
// applies to stays, not to cohorts: every stay (in vo, entree, niveau 2, ...) that begins on or
// after 1 August of the start year follows the scenario's rules, whatever the student's cohort; a
// stay under way on that date keeps the baseline's rules to its end. Under common random numbers
// a student's life before that date is exactly the baseline's, so every census before it agrees.
//
// The engine does the switch (engine::Group::switch_at / switch_to): the compiled model holds the
// baseline's groups and, after them, the scenario's; only the first half start cases.
#include <vector>

#include "models/chain/chain_model.h"

namespace doorstroom::models {

// School year Y begins on 1 August Y; a stratum whose t = 0 is 1 August of `origin_year` meets
// the start year at t = start_year - origin_year (0 when it starts later).
double switch_time(int start_year, int origin_year);

// The baseline model whose group g switches to the scenario's rules at switch_at[g]. Both must be
// compiled from the same strata; the scenario's risk names must extend the baseline's.
ChainModel with_switch(const ChainModel& baseline, const ChainModel& scenario, const std::vector<double>& switch_at);

}  // namespace doorstroom::models
