#pragma once
// A scenario: a named, described, sourced set of changes to the baseline parameters. A scenario
// file is TOML with a [scenario] table and any parameter sections (route, mix, modifier,
// age_rule, admission, stratum, model); those are merged into the parameter file: tables merge
// key by key, while a distribution (`to`, `start`, `odds`) and arrays are replaced whole, so a
// changed distribution is always stated complete and still sums to 1. A [SECTION.NAME.move]
// table (share_move.h) states the change relative to the calibrated baseline instead, and is
// resolved into the complete distribution before the merge.
//
// A stack (written a.toml+b.toml) is several scenarios at once: each part's changes are applied
// to the baseline. Two parts may not set the same key (a value, a distribution, an array): the
// stack is refused, naming the key and both files, because "apply in order" would silently drop
// the first part's change (a move counts as setting the distribution it changes). At most one causal share counts: parts that state one must state the
// same value and range (they then share one draw per replicate); the share acts only on the
// distributions of the parts that state it. Parts state the same start_year, or none.
#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/chain/causal_share.h"
#include "models/chain/parameters.h"

namespace doorstroom::models {

struct Scenario {
  std::string name;
  std::string title;
  std::string description;
  // Dutch text for the users (page, report, comparison.md); empty when the file gives none, and
  // then the English description is shown.
  std::string beschrijving;
  std::vector<std::string> sources;
  std::string file;         // path, or "embedded:baseline"
  std::string content_hash; // fnv1a64 of the file's bytes, for the manifest
  ParameterSet parameters;  // the baseline parameters with this scenario's changes
  // A scenario that moves students between entree variants says how much of the measured gap
  // between the variants is causal (models/chain/causal_share.h); `parameters` is at its central value.
  std::optional<CausalShare> causal_share;
  // From which school year the scenario applies (start_year.h: to stays from 1 August of that
  // year); unset: from the start, as before.
  std::optional<int> start_year;
  // A stack's parts, in order (names and files); empty for a single scenario.
  std::vector<std::string> part_names;
  std::vector<std::string> part_files;
};

// The files of a stack written "a.toml+b.toml" (split after each ".toml+"); one file otherwise.
std::vector<std::string> stack_parts(const std::string& name);

struct ScenarioText {
  std::string_view text;
  std::string file;
};

// Parses TOML text; syntax errors become InputError with file:line:column.
toml::table parse_toml(std::string_view text, const std::string& file);
// Reads a whole file; a missing or unreadable file is an InputError naming it.
std::string read_text_file(const std::string& path, const std::string& what);

// The compiled-in defaults (models/data/parameters.toml, scenarios/baseline.toml at build time).
std::string_view embedded_parameters();
std::string_view embedded_baseline();
// The calibrated values (models/data/calibrated.toml), a patch over the default parameters;
// empty before the first calibration.
std::string_view embedded_calibrated();
std::string_view embedded_draws();

// parameters_text/file: the parameter file (embedded default or --parameters); calibrated
// text/file: a patch of fitted values applied before the scenario (empty for none); scenario
// text/file: the scenario.
Scenario load_scenario(std::string_view scenario_text, const std::string& scenario_file,
                       std::string_view parameters_text, const std::string& parameters_file,
                       std::string_view calibrated_text = {}, const std::string& calibrated_file = {});
// Several scenarios as one (a stack, see above); one part gives the same as load_scenario.
Scenario load_stack(const std::vector<ScenarioText>& parts, std::string_view parameters_text,
                    const std::string& parameters_file, std::string_view calibrated_text = {},
                    const std::string& calibrated_file = {});

std::uint64_t fnv1a64_value(std::string_view bytes);
std::string fnv1a64(std::string_view bytes);  // the same, as 16 hex digits

}  // namespace doorstroom::models
