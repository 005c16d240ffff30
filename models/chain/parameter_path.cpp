#include "models/chain/parameter_path.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "models/io/input_error.h"

namespace doorstroom::models {
namespace {

// A resolved path: a pointer to the number and, for shares, to its distribution.
struct Slot {
  double* value = nullptr;
  Shares* shares = nullptr;  // set when the number is one share of a distribution
  bool probability = false;
};

template <class T>
T* find_named(std::vector<T>& items, const std::string& name) {
  for (auto& item : items)
    if (item.name == name) return &item;
  return nullptr;
}

double* find_share(Shares& shares, const std::string& key) {
  for (auto& [k, v] : shares)
    if (k == key) return &v;
  return nullptr;
}

double* indexed(std::vector<double>& values, const std::string& field, const std::string& name) {
  const auto open = field.find('[');
  if (open == std::string::npos || field.back() != ']' || field.substr(0, open) != name) return nullptr;
  std::size_t i = 0;
  try {
    i = std::stoul(field.substr(open + 1, field.size() - open - 2));
  } catch (...) {
    return nullptr;
  }
  return i < values.size() ? &values[i] : nullptr;
}

Slot resolve(ParameterSet& p, const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
  Slot slot;
  if (parts.size() == 2 && parts[0] == "cost") {
    CostParameters& c = p.cost;
    const std::string& f = parts[1];
    if (f == "euro_per_student_year") slot.value = &c.euro_per_student_year;
    if (f == "reference_factor") slot.value = &c.reference_factor;
    if (f == "entree_first_year_factor") slot.value = &c.entree_first_year_factor;
    if (f == "entree_later_year_factor") slot.value = &c.entree_later_year_factor;
    if (f == "examendeelnemer_factor") slot.value = &c.examendeelnemer_factor;
    if (f == "niveau2_factor") slot.value = &c.niveau2_factor;
    if (f == "mbo3plus_factor") slot.value = &c.mbo3plus_factor;
    return slot;
  }
  if (parts.size() == 2 && parts[0] == "measurement" && parts[1] == "pro_achtergrond") {
    slot.value = &p.measurement.pro_achtergrond;
    slot.probability = true;
    return slot;
  }
  if (parts.size() < 3) return slot;
  const std::string& section = parts[0];
  const std::string& name = parts[1];
  const std::string& field = parts[2];
  const bool keyed = parts.size() == 4;
  if (parts.size() > 4) return slot;
  if (section == "stratum") {
    Stratum* s = find_named(p.strata, name);
    if (!s) return slot;
    if (!keyed && field == "cohort") slot.value = &s->cohort;
    if (!keyed && field == "age") slot.value = &s->age;
    if (!keyed && field == "end") slot.value = &s->end;
    if (keyed && field == "start") slot = {find_share(s->start, parts[3]), &s->start, true};
  } else if (section == "route") {
    Route* r = find_named(p.routes, name);
    if (!r) return slot;
    if (!keyed && !slot.value) slot.value = indexed(r->rates, field, "rates");
    if (!keyed && !slot.value) slot.value = indexed(r->breaks, field, "breaks");
    if (!keyed && !slot.value) {
      slot.value = indexed(r->leave, field, probabilities_key(r->kind));
      slot.probability = slot.value != nullptr;
    }
    if (keyed && field == "to") slot = {find_share(r->to, parts[3]), &r->to, true};
  } else if (section == "mix") {
    Mix* m = find_named(p.mixes, name);
    if (m && keyed && field == "to") slot = {find_share(m->to, parts[3]), &m->to, true};
  } else if (section == "modifier") {
    Modifier* m = find_named(p.modifiers, name);
    if (m && !keyed && field == "rate") slot.value = &m->rate;
    if (m && keyed && field == "odds") slot.value = find_share(m->odds, parts[3]);
  } else if (section == "age_rule") {
    AgeRule* a = find_named(p.age_rules, name);
    if (a && !keyed && field == "rate") slot.value = &a->rate;
    if (a && !keyed && field == "age") slot.value = &a->age;
  } else if (section == "admission") {
    Admission* a = find_named(p.admissions, name);
    if (a && !keyed && field == "min_age") slot.value = &a->min_age;
  }
  if (!slot.value) slot.shares = nullptr;
  return slot;
}

[[noreturn]] void unknown(const ParameterSet& p, const std::string& path) {
  std::vector<std::string> known;
  for (const auto& ref : list_parameters(p)) known.push_back(ref.path);
  std::string message = "unknown parameter '" + path + "'";
  message += did_you_mean(path, known);
  message += " (names as in the parameter file: section.name.field, e.g. route.pro_verlaten.leave[3])";
  throw InputError(message);
}

}  // namespace

std::vector<ParameterRef> list_parameters(const ParameterSet& p) {
  std::vector<ParameterRef> refs;
  auto add = [&](const std::string& path, double value, const Provenance& prov, bool share) {
    refs.push_back({path, value, prov.range, share, prov.where});
  };
  auto add_shares = [&](const std::string& prefix, const Shares& shares, const Provenance& prov) {
    for (const auto& [k, v] : shares) add(prefix + "." + k, v, prov, true);
  };
  auto add_array = [&](const std::string& prefix, const std::vector<double>& values, const Provenance& prov, bool share) {
    for (std::size_t i = 0; i < values.size(); ++i) add(prefix + "[" + std::to_string(i) + "]", values[i], prov, share);
  };
  for (const auto& s : p.strata) {
    const std::string base = "stratum." + s.name;
    add(base + ".cohort", s.cohort, s.provenance, false);
    add(base + ".age", s.age, s.provenance, false);
    add_shares(base + ".start", s.start, s.provenance);
  }
  for (const auto& r : p.routes) {
    const std::string base = "route." + r.name;
    add_array(base + ".rates", r.rates, r.provenance, false);
    add_array(base + "." + probabilities_key(r.kind), r.leave, r.provenance, true);
    add_shares(base + ".to", r.to, r.provenance);
  }
  for (const auto& m : p.mixes) add_shares("mix." + m.name + ".to", m.to, m.provenance);
  for (const auto& m : p.modifiers) {
    add("modifier." + m.name + ".rate", m.rate, m.provenance, false);
    for (const auto& [k, v] : m.odds) add("modifier." + m.name + ".odds." + k, v, m.provenance, false);
  }
  for (const auto& a : p.age_rules) add("age_rule." + a.name + ".rate", a.rate, a.provenance, false);
  for (const auto& a : p.admissions) add("admission." + a.name + ".min_age", a.min_age, a.provenance, false);
  const CostParameters& c = p.cost;
  for (const auto& [field, value] : std::vector<std::pair<std::string, double>>{
           {"euro_per_student_year", c.euro_per_student_year}, {"reference_factor", c.reference_factor},
           {"entree_first_year_factor", c.entree_first_year_factor}, {"entree_later_year_factor", c.entree_later_year_factor},
           {"examendeelnemer_factor", c.examendeelnemer_factor}, {"niveau2_factor", c.niveau2_factor},
           {"mbo3plus_factor", c.mbo3plus_factor}})
    add("cost." + field, value, c.provenance, false);
  add("measurement.pro_achtergrond", p.measurement.pro_achtergrond, p.measurement.provenance, true);
  return refs;
}

double get_parameter(const ParameterSet& p, const std::string& path) {
  Slot slot = resolve(const_cast<ParameterSet&>(p), path);  // read only: nothing is written through it
  if (!slot.value) unknown(p, path);
  return *slot.value;
}

void set_parameter(ParameterSet& p, const std::string& path, double value) {
  Slot slot = resolve(p, path);
  if (!slot.value) unknown(p, path);
  std::ostringstream v;
  v << value;
  if (!std::isfinite(value) || value < 0.0)
    throw InputError("parameter '" + path + "': value " + v.str() + " must be finite and >= 0");
  if ((slot.shares || slot.probability) && value > 1.0)
    throw InputError("parameter '" + path + "': value " + v.str() + " is a probability, expected a number in [0, 1]");
  if (slot.shares) {
    // Rescale the other shares so that the distribution keeps summing to 1.
    const double old_value = *slot.value;
    const double rest = 1.0 - old_value;
    if (rest <= 1e-12 && value < 1.0)
      throw InputError("parameter '" + path + "': it is the only outcome of its distribution, so it must stay 1");
    for (auto& [k, share] : *slot.shares)
      if (&share != slot.value) share = rest > 0.0 ? share * (1.0 - value) / rest : 0.0;
  }
  *slot.value = value;
}

}  // namespace doorstroom::models
