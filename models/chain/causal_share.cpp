#include "models/chain/causal_share.h"

#include <algorithm>
#include <set>

#include "models/io/input_error.h"
#include "models/io/toml_reader.h"

namespace doorstroom::models {
namespace {

std::optional<double> share_of(const Shares& shares, const std::string& to) {
  for (const auto& [name, p] : shares)
    if (name == to) return p;
  return std::nullopt;
}

// A destination one side lacks counts as 0 there, and is listed only where it has weight, so
// that c = 0 and c = 1 give the two distributions entry for entry. (1 - c) * b + c * s rather
// than b + c * (s - b): the latter is not exactly s at c = 1 in floating point.
Shares interpolated(const Shares& base, const Shares& scenario, double c) {
  if (base == scenario) return scenario;
  std::set<std::string> names;  // sorted, as toml++ sorts the keys it reads
  for (const auto& [name, p] : base) names.insert(name);
  for (const auto& [name, p] : scenario) names.insert(name);
  Shares out;
  for (const auto& name : names) {
    const auto b = share_of(base, name), s = share_of(scenario, name);
    if (b && s && *b == *s)
      out.emplace_back(name, *b);
    else if ((b && c < 1.0) || (s && c > 0.0))
      out.emplace_back(name, (1.0 - c) * b.value_or(0.0) + c * s.value_or(0.0));
  }
  return out;
}

// Calls f(scenario record, base record) for each record of the scenario that the base has too.
template <class Records, class BaseRecords, class F>
void for_each_pair(Records& scenario, const BaseRecords& base, F f) {
  for (auto& record : scenario) {
    const auto it = std::find_if(base.begin(), base.end(), [&](const auto& b) { return b.name == record.name; });
    if (it != base.end()) f(record, *it);
  }
}

}  // namespace

ParameterSet with_causal_share(const ParameterSet& scenario, const ParameterSet& base, double c) {
  ParameterSet p = scenario;
  for_each_pair(p.routes, base.routes, [&](Route& r, const Route& b) { r.to = interpolated(b.to, r.to, c); });
  for_each_pair(p.strata, base.strata, [&](Stratum& s, const Stratum& b) { s.start = interpolated(b.start, s.start, c); });
  return p;
}

int moved_distributions(const ParameterSet& scenario, const ParameterSet& base) {
  int moved = 0;
  for_each_pair(scenario.routes, base.routes, [&](const Route& r, const Route& b) { moved += r.to != b.to; });
  for_each_pair(scenario.strata, base.strata, [&](const Stratum& s, const Stratum& b) { moved += s.start != b.start; });
  return moved;
}

void check_largest_move(const CausalShare& share) {
  const double c = share.range.high * share.size.high;
  if (c <= 1.0) return;
  const ParameterSet p = with_causal_share(share.whole_gap, share.extended, c);
  auto check = [&](const std::string& record, const Shares& shares) {
    for (const auto& [name, v] : shares)
      if (v < 0.0 || v > 1.0)
        throw InputError(share.where + ": scenario.causal_share.size_range: at the largest draw (c = " + std::to_string(c) +
                         ") the share of '" + name + "' in " + record + " would be " + std::to_string(v) +
                         "; expected a size_range whose top keeps every share in [0, 1]");
  };
  for (const auto& r : p.routes) check("route." + r.name + ".to", r.to);
  for (const auto& s : p.strata) check("stratum." + s.name + ".start", s.start);
}

std::optional<CausalShare> read_causal_share(TableReader& scenario, const toml::table& table) {
  const toml::node* node = table.get("causal_share");
  if (node && !node->is_table())
    scenario.fail("causal_share", "expected a table: causal_share = { value = 0.5, range = [0.0, 1.0], "
                                  "source = \"...\", assumption = \"...\" }");
  const toml::table* t = scenario.optional_table("causal_share");
  if (!t) return std::nullopt;
  TableReader reader(*t, scenario.path() + ".causal_share", scenario.file());
  CausalShare share;
  share.where = location(*t, scenario.file());
  share.value = reader.number("value", 0.0, 1.0);
  const std::vector<double> range = reader.numbers("range", 0.0, 1.0);
  if (range.size() != 2 || range[0] > share.value || share.value > range[1])
    reader.fail("range", "expected [low, high] with low <= value <= high (shares of the gap, not multipliers)");
  share.range = {range[0], range[1]};
  if (const auto size = reader.optional_numbers("size_range", 0.0, 10.0)) {
    if (size->size() != 2 || (*size)[0] > 1.0 || (*size)[1] < 1.0)
      reader.fail("size_range", "expected [low, high] with low <= 1 <= high (multipliers of the move as written)");
    share.size = {(*size)[0], (*size)[1]};
  }
  share.source = reader.optional_string("source").value_or("");
  // No seed measures how much of a gap between variants is selection: the argument is required.
  share.assumption = reader.string("assumption");
  reader.finish();
  return share;
}

}  // namespace doorstroom::models
