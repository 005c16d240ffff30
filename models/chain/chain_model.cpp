#include "models/chain/chain_model.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "models/io/input_error.h"

namespace doorstroom::models {
namespace {

bool applies_to(const std::vector<std::string>& strata, const std::string& stratum) {
  return strata.empty() || std::find(strata.begin(), strata.end(), stratum) != strata.end();
}

bool in_cohort(const std::vector<int>& years, int cohort_year) {
  return years.empty() || std::find(years.begin(), years.end(), cohort_year) != years.end();
}

// The mix a route out of `from` uses for "mix:NAME": one that replaces NAME for that state, or NAME.
const Mix& mix_for(const std::string& name, State from, const ParameterSet& p) {
  for (const Mix& m : p.mixes)
    if (m.replaces == name && std::find(m.when_from.begin(), m.when_from.end(), from) != m.when_from.end()) return m;
  return *std::find_if(p.mixes.begin(), p.mixes.end(), [&](const Mix& m) { return m.name == name; });
}

// Destination probabilities with mixes expanded, summed per state.
std::map<int, double> expand(const Shares& to, State from, const ParameterSet& p) {
  std::map<int, double> out;
  for (const auto& [dest, prob] : to) {
    if (dest.rfind("mix:", 0) == 0) {
      const Mix* it = &mix_for(dest.substr(4), from, p);
      for (const auto& [s, q] : it->to) out[static_cast<int>(*state_named(s))] += prob * q;
    } else {
      out[static_cast<int>(*state_named(dest))] += prob;
    }
  }
  return out;
}

// A probability with its odds multiplied: a modifier on an exam cannot push a pass rate past 1.
double with_odds(double p, double factor) {
  if (p <= 0.0 || p >= 1.0) return p;
  return factor * p / (1.0 - p + factor * p);
}

// Multiplies the odds of one destination and rescales the others so the total stays 1.
void apply_odds(std::map<int, double>& dist, int dest, double factor) {
  const double p = dist.count(dest) ? dist[dest] : 0.0;
  if (p <= 0.0 || p >= 1.0) return;  // odds of a certain or impossible outcome do not move
  const double q = with_odds(p, factor);
  for (auto& [s, prob] : dist) prob = (s == dest) ? q : prob * (1.0 - q) / (1.0 - p);
}

engine::Branch to_branch(const std::map<int, double>& dist, const ParameterSet& p) {
  engine::Branch b;
  for (const auto& [s, prob] : dist) {
    if (prob <= 0.0) continue;
    double min_age = 0.0;
    for (const auto& a : p.admissions)
      if (std::find(a.to.begin(), a.to.end(), static_cast<State>(s)) != a.to.end())
        min_age = std::max(min_age, a.min_age);
    b.add(s, std::min(prob, 1.0), min_age);
  }
  return b;
}

// An error in one route, named by its place and name.
InputError route_error(const Route& route, const std::string& what) {
  return InputError(route.provenance.where + ": route." + route.name + ": " + what);
}

// One engine group per stratum, with the state its students start in, and what the measures need
// to know of the stratum.
void add_strata(const ParameterSet& p, std::vector<engine::Group>& groups, std::vector<StratumInfo>& strata) {
  for (const auto& s : p.strata) {
    engine::Group g;
    g.name = s.name;
    g.age_at_start = s.age;
    g.end = s.end;
    bool starts_in_vo = true;
    for (const auto& [state, prob] : s.start) {
      const State st = *state_named(state);
      if (prob > 0.0) starts_in_vo = starts_in_vo && info(st).place == Place::vo;
      if (prob > 0.0) g.start.add(static_cast<int>(st), prob);
    }
    groups.push_back(g);
    // Every pro student has a pro background; of the others the measured share (Measurement).
    const double pro_achtergrond = s.entree_origin == "pro" ? 1.0 : s.pro_achtergrond.value_or(p.measurement.pro_achtergrond);
    strata.push_back({s.name, s.label, s.entree_origin, s.cohort, s.cohort_year, starts_in_vo, pro_achtergrond});
  }
}

// A modifier or an age rule that matches no route is a mistake in the file (a misspelt risk or a
// state the risk does not leave), not a rule without effect.
template <class Record>
void check_matched(const std::vector<Record>& records, const std::vector<bool>& used, const std::string& section) {
  for (std::size_t i = 0; i < records.size(); ++i)
    if (!used[i])
      throw InputError(records[i].provenance.where + ": " + section + "." + records[i].name + ": matches no route (risk '" +
                       records[i].risk + "' from the given states)");
}

// Turns routes into the rules of (stratum, state), one route out of one state at a time, and keeps
// what the checks across routes need: which route defined each (stratum, state, risk), and which
// modifiers and age rules matched a route.
class RuleCompiler {
 public:
  RuleCompiler(const ParameterSet& p, ChainModel& model)
      : p_(p), model_(model), modifier_used_(p.modifiers.size(), false), age_rule_used_(p.age_rules.size(), false) {}

  void add(int group, const Route& route, State from) {
    const std::string& stratum = p_.strata[static_cast<std::size_t>(group)].name;
    const int id = risk_id(route.risk);
    claim(group, route, from, id);
    std::map<int, double> dist = expand(route.to, from, p_);
    if (dist.size() > static_cast<std::size_t>(engine::Branch::kMaxOutcomes))
      throw route_error(route, "leads to " + std::to_string(dist.size()) + " states (mixes expanded); at most " +
                                   std::to_string(engine::Branch::kMaxOutcomes) + " are allowed");
    const double rate_factor = apply_modifiers(route, p_.strata[static_cast<std::size_t>(group)], from, dist);
    engine::StateRules& rules = model_.process.rules(group, static_cast<int>(from));
    if (route.kind != RouteKind::hazard) {
      if (rules.has_yearly)
        throw route_error(route, "state " + std::string(name(from)) + " already has a yearly decision for stratum " + stratum);
      rules.has_yearly = true;
      rules.yearly = yearly_decision(route, id, rate_factor, dist);
    } else {
      const engine::Risk risk = hazard_risk(route, from, id, rate_factor, dist);
      if (rules.n_risks == engine::StateRules::kMaxRisks)
        throw route_error(route, "state " + std::string(name(from)) + " has more than 8 competing risks");
      rules.add(risk);
    }
  }

  void check_all_matched() const {
    check_matched(p_.modifiers, modifier_used_, "modifier");
    check_matched(p_.age_rules, age_rule_used_, "age_rule");
  }

 private:
  // Risk ids in the order risks are first met.
  int risk_id(const std::string& name) {
    auto it = std::find(model_.risk_names.begin(), model_.risk_names.end(), name);
    if (it != model_.risk_names.end()) return static_cast<int>(it - model_.risk_names.begin());
    model_.risk_names.push_back(name);
    return static_cast<int>(model_.risk_names.size() - 1);
  }

  // Two routes on one risk out of one state for one stratum clash; the second is reported.
  void claim(int group, const Route& route, State from, int id) {
    const auto key = std::make_tuple(group, static_cast<int>(from), id);
    if (auto it = defined_by_.find(key); it != defined_by_.end())
      throw route_error(route, "risk '" + route.risk + "' from state " + std::string(name(from)) + " for stratum " +
                                   p_.strata[static_cast<std::size_t>(group)].name + " is already defined by route." +
                                   it->second);
    defined_by_[key] = route.name;
  }

  // Applies the odds of the modifiers on this route's risk out of `from` to `dist` and returns the
  // product of their rates.
  double apply_modifiers(const Route& route, const Stratum& stratum, State from, std::map<int, double>& dist) {
    double rate_factor = 1.0;
    for (std::size_t mi = 0; mi < p_.modifiers.size(); ++mi) {
      const Modifier& m = p_.modifiers[mi];
      if (m.risk != route.risk || !applies_to(m.strata, stratum.name) || !in_cohort(m.cohort_years, stratum.cohort_year) ||
          std::find(m.from.begin(), m.from.end(), from) == m.from.end())
        continue;
      modifier_used_[mi] = true;
      rate_factor *= m.rate;
      for (const auto& [dest, factor] : m.odds) apply_odds(dist, static_cast<int>(*state_named(dest)), factor);
    }
    return rate_factor;
  }

  // An exam's rate factor multiplies the odds of passing, so that a pass rate stays below 1; a
  // yearly decision's multiplies its probability, capped at 1.
  engine::YearlyDecision yearly_decision(const Route& route, int id, double rate_factor, const std::map<int, double>& dist) const {
    engine::YearlyDecision yearly;
    yearly.id = id;
    yearly.years = static_cast<int>(route.leave.size());
    for (std::size_t i = 0; i < route.leave.size(); ++i)
      yearly.probability[i] = route.kind == RouteKind::exam ? with_odds(route.leave[i], rate_factor)
                                                            : std::min(1.0, route.leave[i] * rate_factor);
    yearly.to = to_branch(dist, p_);
    if (route.date) yearly.date = engine::YearlyDate{*route.date};
    yearly.min_stay = route.min_stay;
    return yearly;
  }

  engine::Risk hazard_risk(const Route& route, State from, int id, double rate_factor, const std::map<int, double>& dist) {
    engine::Risk risk;
    risk.id = id;
    std::vector<double> rates = route.rates;
    for (double& r : rates) r *= rate_factor;
    try {
      risk.hazard = engine::PiecewiseHazard(route.breaks, rates);
    } catch (const std::invalid_argument& e) {
      throw route_error(route, e.what());
    }
    risk.age_effect = age_effect(route, from);
    // The age effect takes a piece of the hazard: it splits the piece the age falls in.
    if (risk.age_effect.factor != 1.0 && risk.hazard.pieces() + 1 > engine::PiecewiseHazard::kMaxPieces)
      throw route_error(route, "with an age rule a hazard has at most " + std::to_string(engine::PiecewiseHazard::kMaxPieces - 1) +
                                   " pieces (" + std::to_string(engine::PiecewiseHazard::kMaxPieces - 2) + " breaks)");
    risk.to = to_branch(dist, p_);
    return risk;
  }

  // The age rules on this route's risk out of `from`. One age threshold per risk: rules at the
  // same age multiply, a second age is an error.
  engine::AgeEffect age_effect(const Route& route, State from) {
    engine::AgeEffect effect;
    for (std::size_t ai = 0; ai < p_.age_rules.size(); ++ai) {
      const AgeRule& a = p_.age_rules[ai];
      if (a.risk != route.risk || std::find(a.from.begin(), a.from.end(), from) == a.from.end()) continue;
      age_rule_used_[ai] = true;
      if (effect.factor != 1.0 && effect.age != a.age)
        throw InputError(a.provenance.where + ": age_rule." + a.name + ": risk '" + a.risk + "' from state " +
                         std::string(name(from)) + " already has an age rule at another age");
      effect = {a.age, effect.factor * a.rate};
    }
    return effect;
  }

  const ParameterSet& p_;
  ChainModel& model_;
  std::map<std::tuple<int, int, int>, std::string> defined_by_;  // (stratum, state, risk) -> route
  std::vector<bool> modifier_used_;
  std::vector<bool> age_rule_used_;
};

}  // namespace

ChainModel compile(const ParameterSet& p) {
  std::vector<engine::Group> groups;
  std::vector<StratumInfo> strata;
  add_strata(p, groups, strata);
  ChainModel model{engine::Process(kStates, groups, engine::YearlyDate{kCensusPhase},
                                   engine::YearlyDate{kSchoolYearPhase}),
                   strata, {}, p.horizon_years};

  RuleCompiler rules(p, model);
  for (std::size_t gi = 0; gi < p.strata.size(); ++gi)
    for (const auto& route : p.routes) {
      if (!applies_to(route.strata, p.strata[gi].name)) continue;
      for (State from : route.from) rules.add(static_cast<int>(gi), route, from);
    }
  rules.check_all_matched();
  model.process.prepare();
  return model;
}

}  // namespace doorstroom::models
