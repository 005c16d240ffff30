#pragma once
// A scenario's change to a destination distribution stated relative to the baseline it is
// applied to, so that the shares it does not mean to change come from whatever the (calibrated)
// baseline holds. A scenario patch replaces `to` whole, so a file that writes `to` has to copy
// every unchanged share, and the copies go stale at each recalibration. A move table instead
// names only what changes:
//
//   [route.pro_verlaten.move]
//   entree_bol = { to = "entree_bbl", fraction = 0.25 }     # a quarter of bol goes to bbl
//   entree_examendeelnemer = { from = "entree_bol", fraction = 0.64 }  # x 1.64, taken from bol
//
// The key is the destination whose baseline share the fraction is of. With `to`, that fraction
// of its share leaves it for the destinations named (fraction in [0, 1]); with `from`, the share
// grows by that fraction of itself and the destinations named give it up. Several destinations
// in `to` or `from` share the amount in proportion to their baseline shares. Every entry is
// computed from the baseline shares (not from each other's results), so the order of the entries
// does not matter and the result still sums to 1. [stratum.NAME.move] changes `start`, and
// [mix.NAME.move] a mix's `to`, in the same way.
//
// The move is resolved into a complete `to` (or `start`) before the patch is merged, so every
// later step (a stack's check of disjoint keys, the causal share, the parameter reader) sees what
// a file that wrote the distribution whole would give.
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace doorstroom::models {

// The distribution a move table changes in a section: "to" for route and mix, "start" for
// stratum; empty for a section without one.
std::optional<std::string> moved_field(std::string_view section);

// Replaces every [SECTION.NAME.move] table of the patch by the complete distribution it gives
// when applied to `baseline` (the parameters with the calibrated values). Throws InputError
// naming the file, line and key for: a record the baseline lacks, a destination the
// distribution lacks, a share of 0 to move from, a fraction out of range, a record that also
// writes its distribution whole, and a move that would take more than a destination holds.
void resolve_moves(const toml::table& baseline, toml::table& patch, const std::string& file);

}  // namespace doorstroom::models
