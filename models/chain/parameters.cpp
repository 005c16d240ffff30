#include "models/chain/parameters.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/branch.h"
#include "models/io/toml_reader.h"

namespace doorstroom::models {
namespace {

std::vector<std::string> state_names() {
  std::vector<std::string> names;
  for (const auto& i : kStateInfo) names.emplace_back(i.name);
  return names;
}

State parse_state(const TableReader& reader, const std::string& key, const std::string& text) {
  if (auto s = state_named(text)) return *s;
  std::string message = "unknown state '" + text + "'";
  message += did_you_mean(text, state_names());
  message += " (states are listed in docs/model.md)";
  reader.fail(key, message);
}

std::vector<State> read_states(TableReader& reader, const std::string& key) {
  std::vector<State> states;
  for (const auto& text : reader.strings(key)) states.push_back(parse_state(reader, key, text));
  if (states.empty()) reader.fail(key, "expected at least one state");
  return states;
}

// Destination shares: each key a state or "mix:NAME"; probabilities sum to 1.
Shares read_shares(TableReader& reader, const std::string& key, bool allow_mix) {
  Shares shares = reader.number_table(key, 0.0, 1.0);
  const toml::table* table = reader.optional_table(key);
  TableReader inner(*table, reader.path() + "." + key, reader.file());
  double total = 0.0;
  for (const auto& [dest, p] : shares) {
    total += p;
    if (allow_mix && dest.rfind("mix:", 0) == 0) continue;
    (void)parse_state(inner, dest, dest);
  }
  if (std::abs(total - 1.0) > 1e-6) {
    std::ostringstream msg;
    msg.precision(10);
    msg << "shares sum to " << total << ", expected 1 (within 1e-6)";
    reader.fail(key, msg.str());
  }
  return shares;
}

// "MM-DD" as a phase of the engine's year (t = 0 is 1 August). A month is a twelfth of the year
// and a day a thirtieth of a month, so that the first of a month lies on the forward computation's
// grid (engine/forward.h) and dates read the same every year.
double date_phase(const TableReader& reader, const std::string& text) {
  int month = 0;
  int day = 0;
  char dash = 0;
  std::istringstream in(text);
  in >> month >> dash >> day;
  if (!in || dash != '-' || !in.eof() || month < 1 || month > 12 || day < 1 || day > 30 || text.size() != 5)
    reader.fail("date", "expected a date \"MM-DD\" with a day from 01 to 30, e.g. \"07-01\", found \"" + text + "\"");
  return (static_cast<double>((month + 4) % 12) + (day - 1) / 30.0) / 12.0;
}

Provenance read_provenance(TableReader& reader, const toml::table& table) {
  Provenance p;
  p.where = location(table, reader.file());
  p.source = reader.optional_string("source").value_or("");
  p.assumption = reader.optional_string("assumption").value_or("");
  if (auto range = reader.optional_numbers("range", 0.0, 1e6)) {
    if (range->size() != 2 || (*range)[0] > (*range)[1])
      reader.fail("range", "expected [low, high] with low <= high (multipliers of the value)");
    p.range = Range{(*range)[0], (*range)[1]};
  }
  if (p.source.empty() && p.assumption.empty())
    reader.fail("source", "every record needs a 'source' (seed file, table, lines) or an 'assumption'");
  if (!p.assumption.empty() && !p.range)
    reader.fail("range", "an assumption needs a 'range' = [low, high] of multipliers");
  return p;
}

// Reads every [section.NAME] table into one record, in name order: its name, its own fields
// (read_fields) and then where it came from, which every record has.
template <class Record, class ReadFields>
void read_records(TableReader& root, const std::string& section, std::vector<Record>& records, ReadFields&& read_fields) {
  const toml::table* tables = root.optional_table(section);
  if (!tables) return;
  for (const auto& [k, v] : *tables) {
    const std::string name(k.str());
    const toml::table* t = v.as_table();
    // Located at the value itself: a calibration patch or scenario can put it there, and the
    // section's own place may be in another file.
    if (!t) throw InputError(location(v, root.file()) + ": " + section + "." + name + ": expected a table");
    TableReader reader(*t, section + "." + name, root.file());
    Record record;
    record.name = name;
    read_fields(record, reader);
    record.provenance = read_provenance(reader, *t);
    records.push_back(std::move(record));
    reader.finish();
  }
}

// [model]: the title and the horizon.
void read_model(const toml::table& model, const std::string& file, ParameterSet& set) {
  TableReader reader(model, "model", file);
  set.title = reader.optional_string("title").value_or("");
  set.horizon_years = static_cast<int>(reader.optional_number("horizon_years", 1, 8).value_or(8));
  reader.allow("source");
  reader.finish();
}

void read_stratum(Stratum& s, TableReader& r) {
  s.label = r.string("label");
  s.entree_origin = r.string("entree_origin");
  s.start = read_shares(r, "start", false);
  // The engine draws the start state from one branch, which has room for kMaxOutcomes.
  const auto starts = std::count_if(s.start.begin(), s.start.end(), [](const auto& share) { return share.second > 0.0; });
  if (starts > engine::Branch::kMaxOutcomes)
    r.fail("start", "expected at most " + std::to_string(engine::Branch::kMaxOutcomes) +
                        " start states (with a share above 0), found " + std::to_string(starts));
  s.age = r.number("age", 0.0, 100.0);
  s.cohort = r.number("cohort", 0.0, 1e7);
  s.end = r.number("end", 0.5, 60.0);
}

// A route's or modifier's `strata` must name strata read before it.
void check_strata(const std::vector<Stratum>& strata, TableReader& r, const std::vector<std::string>& names) {
  std::vector<std::string> known;
  for (const auto& s : strata) known.push_back(s.name);
  for (const auto& n : names) {
    if (std::find(known.begin(), known.end(), n) != known.end()) continue;
    std::string message = "unknown stratum '" + n + "'";
    message += did_you_mean(n, known);
    r.fail("strata", message);
  }
}

void read_mix(Mix& m, TableReader& r) {
  m.to = read_shares(r, "to", false);
  m.replaces = r.optional_string("replaces").value_or("");
  if (!m.replaces.empty()) m.when_from = read_states(r, "when_from");
}

// A mix that replaces another must name a mix that replaces none, so that a route's "mix:NAME"
// resolves in one step.
void check_mix_replaces(const std::vector<Mix>& mixes) {
  for (const Mix& m : mixes) {
    if (m.replaces.empty()) continue;
    const auto base = std::find_if(mixes.begin(), mixes.end(), [&](const Mix& b) { return b.name == m.replaces; });
    if (base == mixes.end() || !base->replaces.empty())
      throw InputError(m.provenance.where + ": mix." + m.name + ".replaces: expected the name of a mix that replaces none, found '" +
                       m.replaces + "'");
  }
}

RouteKind read_route_kind(TableReader& r) {
  const std::string kind = r.string("kind");
  if (kind == "hazard") return RouteKind::hazard;
  if (kind == "yearly") return RouteKind::yearly;
  if (kind == "exam") return RouteKind::exam;
  r.fail("kind", "expected \"hazard\", \"yearly\" or \"exam\", found \"" + kind + "\"");
}

void read_hazard(Route& route, TableReader& r) {
  route.breaks = r.optional_numbers("breaks", 1e-6, 100.0).value_or(std::vector<double>{});
  route.rates = r.numbers("rates", 0.0, 1000.0);
  if (route.rates.size() != route.breaks.size() + 1)
    r.fail("rates", "expected one rate more than breaks (" + std::to_string(route.breaks.size() + 1) +
                        " rates for " + std::to_string(route.breaks.size()) + " breaks), found " +
                        std::to_string(route.rates.size()));
  for (std::size_t i = 1; i < route.breaks.size(); ++i)
    if (!(route.breaks[i] > route.breaks[i - 1])) r.fail("breaks", "expected increasing durations");
}

// A yearly decision or an exam: its probabilities per date of a stay, its date and minimum stay.
void read_yearly(Route& route, TableReader& r) {
  const char* key = probabilities_key(route.kind);
  route.leave = r.numbers(key, 0.0, 1.0);
  if (route.leave.empty() || route.leave.size() > 12)
    r.fail(key, "expected 1 to 12 probabilities (at the 1st, 2nd, ... date of a stay)");
  if (auto date = r.optional_string("date")) route.date = date_phase(r, *date);
  if (route.kind == RouteKind::exam && !route.date) r.fail("date", "an exam needs a date (\"MM-DD\", e.g. \"07-01\")");
  route.min_stay = r.optional_number("min_stay", 0.0, 5.0).value_or(0.0);
}

// Every "mix:NAME" a route leads to must name a mix read before it.
void check_route_mixes(const std::vector<Mix>& mixes, TableReader& r, const Shares& to) {
  for (const auto& [dest, p] : to) {
    if (dest.rfind("mix:", 0) != 0) continue;
    const std::string mix = dest.substr(4);
    bool found = false;
    std::vector<std::string> names;
    for (const auto& m : mixes) {
      names.push_back(m.name);
      found = found || m.name == mix;
    }
    if (!found) {
      std::string message = "unknown mix '" + mix + "'";
      message += did_you_mean(mix, names, "mix:");
      r.fail("to", message);
    }
  }
}

void read_route(Route& route, TableReader& r, const std::vector<Stratum>& strata, const std::vector<Mix>& mixes) {
  route.kind = read_route_kind(r);
  route.from = read_states(r, "from");
  route.strata = r.optional_strings("strata").value_or(std::vector<std::string>{});
  check_strata(strata, r, route.strata);
  route.risk = r.optional_string("risk").value_or(route.name);
  if (route.kind == RouteKind::hazard) read_hazard(route, r);
  else read_yearly(route, r);
  route.to = read_shares(r, "to", true);
  check_route_mixes(mixes, r, route.to);
}

void read_modifier(Modifier& m, TableReader& r, const std::vector<Stratum>& strata) {
  m.from = read_states(r, "from");
  m.strata = r.optional_strings("strata").value_or(std::vector<std::string>{});
  check_strata(strata, r, m.strata);
  m.risk = r.string("risk");
  m.rate = r.optional_number("rate", 0.0, 1000.0).value_or(1.0);
  if (r.optional_table("odds")) {
    m.odds = r.number_table("odds", 0.0, 1000.0);
    const toml::table* odds = r.optional_table("odds");
    TableReader inner(*odds, "modifier." + m.name + ".odds", r.file());
    for (const auto& [dest, v] : m.odds) (void)parse_state(inner, dest, dest);
  }
}

void read_age_rule(AgeRule& a, TableReader& r) {
  a.from = read_states(r, "from");
  a.risk = r.string("risk");
  a.age = r.number("age", 0.0, 100.0);
  a.rate = r.number("rate", 0.0, 1000.0);
}

void read_admission(Admission& a, TableReader& r) {
  a.to = read_states(r, "to");
  a.min_age = r.number("min_age", 0.0, 100.0);
}

CostParameters read_cost(const toml::table& cost, const std::string& file) {
  TableReader r(cost, "cost", file);
  CostParameters c;
  c.euro_per_student_year = r.number("euro_per_student_year", 0.0, 1e6);
  c.reference_factor = r.number("reference_factor", 1e-3, 100.0);
  c.entree_first_year_factor = r.number("entree_first_year_factor", 0.0, 100.0);
  c.entree_later_year_factor = r.number("entree_later_year_factor", 0.0, 100.0);
  c.examendeelnemer_factor = r.number("examendeelnemer_factor", 0.0, 100.0);
  c.niveau2_factor = r.number("niveau2_factor", 0.0, 100.0);
  c.mbo3plus_factor = r.number("mbo3plus_factor", 0.0, 100.0);
  c.provenance = read_provenance(r, cost);
  r.finish();
  return c;
}

Measurement read_measurement(const toml::table& table, const std::string& file) {
  TableReader r(table, "measurement", file);
  Measurement m;
  m.pro_achtergrond = r.number("pro_achtergrond", 0.0, 1.0);
  m.provenance = read_provenance(r, table);
  r.finish();
  return m;
}

}  // namespace

// Sections are read in this order because later ones refer to earlier ones: routes and modifiers
// to strata, routes to mixes.
ParameterSet read_parameters(const toml::table& root, const std::string& file) {
  ParameterSet set;
  set.file = file;
  TableReader top(root, "", file);
  top.allow("scenario");  // a scenario's own metadata, read by read_scenario

  if (const toml::table* model = top.optional_table("model")) read_model(*model, file, set);
  read_records(top, "stratum", set.strata, read_stratum);
  if (set.strata.empty()) top.fail("stratum", "expected at least one [stratum.NAME] table");
  read_records(top, "mix", set.mixes, read_mix);
  check_mix_replaces(set.mixes);
  read_records(top, "route", set.routes, [&](Route& route, TableReader& r) { read_route(route, r, set.strata, set.mixes); });
  read_records(top, "modifier", set.modifiers, [&](Modifier& m, TableReader& r) { read_modifier(m, r, set.strata); });
  read_records(top, "age_rule", set.age_rules, read_age_rule);
  read_records(top, "admission", set.admissions, read_admission);
  if (const toml::table* cost = top.optional_table("cost")) set.cost = read_cost(*cost, file);
  if (const toml::table* m = top.optional_table("measurement")) set.measurement = read_measurement(*m, file);

  top.finish();
  return set;
}

}  // namespace doorstroom::models
