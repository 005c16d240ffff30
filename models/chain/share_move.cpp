#include "models/chain/share_move.h"

#include <map>
#include <sstream>
#include <vector>

#include "models/io/input_error.h"
#include "models/io/toml_reader.h"

namespace doorstroom::models {
namespace {

// Shares as the baseline's table holds them, by destination name (sorted, as toml++ keeps them).
using ShareMap = std::map<std::string, double>;

// The largest growth `from` may ask for: a share may grow to many times itself, but a value
// beyond this is a typo (a percentage written for a fraction), refused with the range.
constexpr double kMaxGrowth = 100.0;

std::string shown(double v) {
  std::ostringstream out;
  out.precision(9);
  out << v;
  return out.str();
}

ShareMap baseline_shares(const toml::table& distribution) {
  ShareMap shares;
  for (const auto& [k, v] : distribution) shares[std::string(k.str())] = v.value<double>().value_or(0.0);
  return shares;
}

std::vector<std::string> names_of(const ShareMap& shares) {
  std::vector<std::string> names;
  for (const auto& [name, p] : shares) names.push_back(name);
  return names;
}

// One entry of a move table: `key` gives up (to) or gains (from) fraction x its share, and
// `others` take or give that amount in proportion to their shares.
struct Move {
  std::string key;
  bool outward = true;  // true: `to`; false: `from`
  std::vector<std::string> others;
  double fraction = 0.0;
};

class MoveReader {
 public:
  MoveReader(const ShareMap& shares, std::string distribution, std::string file)
      : shares_(shares), distribution_(std::move(distribution)), file_(std::move(file)) {}

  Move read(const std::string& key, const toml::node& node, const std::string& path) const {
    const std::string at = location(node, file_) + ": " + path + "." + key;
    if (!node.is_table())
      throw InputError(at + ": expected a table such as { to = \"entree_bbl\", fraction = 0.25 } (move that fraction "
                       "of this share to entree_bbl) or { from = \"werk_zonder_diploma\", fraction = 0.2 } (grow this "
                       "share by that fraction of itself, taken from werk_zonder_diploma)");
    TableReader reader(*node.as_table(), path + "." + key, file_);
    Move move;
    move.key = key;
    check_destination(reader, "", key, at);
    const bool has_to = node.as_table()->contains("to"), has_from = node.as_table()->contains("from");
    if (has_to == has_from)
      throw InputError(at + ": expected exactly one of 'to' (where this share goes) or 'from' (where its growth comes "
                       "from), found " + (has_to ? "both" : "neither"));
    move.outward = has_to;
    const std::string side = has_to ? "to" : "from";
    move.others = reader.strings(side);
    if (move.others.empty()) reader.fail(side, "expected at least one destination of " + distribution_);
    for (const auto& other : move.others) {
      if (other == key) reader.fail(side, "expected other destinations than '" + key + "' itself");
      check_destination(reader, side, other, at);
    }
    move.fraction = has_to ? reader.number("fraction", 0.0, 1.0) : reader.number("fraction", 0.0, kMaxGrowth);
    reader.finish();
    if (shares_.at(key) <= 0.0)
      throw InputError(at + ": the share of '" + key + "' in " + distribution_ +
                       " is 0 in the baseline, so a fraction of it moves nothing; expected a destination with a share "
                       "above 0 (to give a new destination a share, write the whole distribution)");
    return move;
  }

 private:
  // A move redistributes among the destinations the baseline distribution has; `from` ones must
  // hold something to give.
  void check_destination(const TableReader& reader, const std::string& side, const std::string& name,
                         const std::string& at) const {
    const auto it = shares_.find(name);
    if (it == shares_.end()) {
      const std::string message = "the baseline's " + distribution_ + " has no destination '" + name + "'" +
                                  did_you_mean(name, names_of(shares_)) +
                                  "; a move shifts shares between the destinations it has (to add a new "
                                  "destination, write the whole distribution)";
      if (side.empty()) throw InputError(at + ": " + message);
      reader.fail(side, message);
    }
    if (side == "from" && it->second <= 0.0)
      reader.fail(side, "the share of '" + name + "' in " + distribution_ +
                            " is 0 in the baseline, so there is nothing to take from it");
  }

  const ShareMap& shares_;
  std::string distribution_;
  std::string file_;
};

// The amount leaves (or joins) `key` and joins (or leaves) `others` in proportion to their shares;
// a single other takes it all, whatever its own share.
void apply(const Move& move, const ShareMap& base, ShareMap& out) {
  const double amount = move.fraction * base.at(move.key);
  const double sign = move.outward ? 1.0 : -1.0;
  out[move.key] -= sign * amount;
  double total = 0.0;
  for (const auto& other : move.others) total += base.at(other);
  for (const auto& other : move.others) {
    const double part = move.others.size() == 1 ? 1.0 : (total > 0.0 ? base.at(other) / total : 0.0);
    out[other] += sign * amount * part;
  }
}

// Rounding can leave -1e-17 where a whole share moved; anything below that is a real overdraft.
void check_result(ShareMap& out, const std::string& at, const std::string& distribution) {
  constexpr double kRounding = 1e-12;
  for (auto& [name, p] : out) {
    if (p < -kRounding)
      throw InputError(at + ": the moves take more from '" + name + "' than its baseline share in " + distribution +
                       " holds (it would be " + shown(p) + "); expected moves that leave every share at 0 or above");
    if (p < 0.0) p = 0.0;
  }
  for (const auto& [name, p] : out) {
    if (p > 1.0 + kRounding)
      throw InputError(at + ": the moves give '" + name + "' a share of " + shown(p) + " in " + distribution +
                       "; expected every share at 1 or below");
  }
}

void resolve_record(const toml::table& base_record, toml::table& record, const std::string& field,
                    const std::string& path, const std::string& file) {
  const toml::node& move_node = *record.get("move");
  const std::string at = location(move_node, file) + ": " + path + ".move";
  if (!move_node.is_table()) throw InputError(at + ": expected a table of moves ([" + path + ".move])");
  if (record.contains(field))
    throw InputError(at + ": " + path + " also writes '" + field + "' whole; expected either the whole '" + field +
                     "' or a move relative to the baseline, not both");
  const toml::table* base_distribution = base_record.get_as<toml::table>(field);
  if (!base_distribution) throw InputError(at + ": the baseline's " + path + " has no '" + field + "' to move within");
  const std::string distribution = path + "." + field;
  const ShareMap base = baseline_shares(*base_distribution);
  const MoveReader reader(base, distribution, file);
  ShareMap out = base;
  for (const auto& [k, v] : *move_node.as_table()) apply(reader.read(std::string(k.str()), v, path + ".move"), base, out);
  check_result(out, at, distribution);
  toml::table resolved;
  for (const auto& [name, p] : out) resolved.insert(name, p);
  record.erase("move");
  record.insert(field, std::move(resolved));
}

}  // namespace

std::optional<std::string> moved_field(std::string_view section) {
  if (section == "route" || section == "mix") return "to";
  if (section == "stratum") return "start";
  return std::nullopt;
}

void resolve_moves(const toml::table& baseline, toml::table& patch, const std::string& file) {
  for (auto&& [section_key, section_node] : patch) {
    const std::string section(section_key.str());
    const auto field = moved_field(section);
    toml::table* records = section_node.as_table();
    if (!field || !records) continue;
    const toml::table* base_records = baseline.get_as<toml::table>(section);
    for (auto&& [name_key, record_node] : *records) {
      toml::table* record = record_node.as_table();
      if (!record || !record->contains("move")) continue;
      const std::string name(name_key.str()), path = section + "." + name;
      const toml::table* base_record = base_records ? base_records->get_as<toml::table>(name) : nullptr;
      if (!base_record) {
        std::vector<std::string> names;
        if (base_records)
          for (const auto& [k, v] : *base_records) names.emplace_back(k.str());
        throw InputError(location(*record->get("move"), file) + ": " + path + ".move: the baseline has no " + section +
                         " '" + name + "'" + did_you_mean(name, names) +
                         " (a move changes a distribution the baseline has)");
      }
      resolve_record(*base_record, *record, *field, path, file);
    }
  }
}

}  // namespace doorstroom::models
