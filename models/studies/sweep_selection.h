#pragma once
// What a sweep varies and records, chosen by name or by glob: `--parameters route.*.uitval*`
// picks every parameter with a range whose path matches; `--measure chain_leavers/pro/*/5` or
// `--measure all` picks from the outputs the model produces. In a glob, `*` stands for any run of
// characters (dots included) and `?` for one; everything else, brackets included, is literal, so
// `route.x.rates[0]` is an exact name.
#include <string>
#include <vector>

#include "models/chain/parameters.h"
#include "models/studies/sweep.h"

namespace doorstroom::models {

bool glob_match(std::string_view pattern, std::string_view text);

// Exact paths kept as given (checked later, with the nearest valid name); globs expanded over
// ranged_parameters(p) in its order. A glob matching nothing is an InputError; a path picked twice
// is kept once. Empty: every parameter with a range.
std::vector<std::string> select_parameters(const std::vector<std::string>& patterns, const ParameterSet& p);

// The labels of every output a sweep can record for this parameter set (population/origin/
// measure/h with h from 1 to the horizon), from the outcome table of a tiny run.
std::vector<std::string> recordable_measures(const ParameterSet& p);

// The measures for `--measure` texts: none gives default_sweep_measures(), `all` every recordable
// measure, a glob the recordable ones it matches, anything else is parsed as one label.
std::vector<SweepMeasure> select_measures(const std::vector<std::string>& texts, const ParameterSet& p);

}  // namespace doorstroom::models
