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

}  // namespace

ChainModel compile(const ParameterSet& p) {
  std::vector<engine::Group> groups;
  std::vector<StratumInfo> strata;
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
    strata.push_back({s.name, s.label, s.entree_origin, s.cohort, starts_in_vo});
  }

  ChainModel model{engine::Process(kStates, groups, engine::YearlyDate{kCensusPhase},
                                   engine::YearlyDate{kSchoolYearPhase}),
                   strata, {}, p.horizon_years};

  auto risk_id = [&](const std::string& name) {
    auto it = std::find(model.risk_names.begin(), model.risk_names.end(), name);
    if (it != model.risk_names.end()) return static_cast<int>(it - model.risk_names.begin());
    model.risk_names.push_back(name);
    return static_cast<int>(model.risk_names.size() - 1);
  };

  // Which route defined (stratum, state, risk), to report a clash by name.
  std::map<std::tuple<int, int, int>, std::string> defined_by;
  std::vector<bool> modifier_used(p.modifiers.size(), false);
  std::vector<bool> age_rule_used(p.age_rules.size(), false);

  for (std::size_t gi = 0; gi < p.strata.size(); ++gi) {
    const std::string& stratum = p.strata[gi].name;
    for (const auto& route : p.routes) {
      if (!applies_to(route.strata, stratum)) continue;
      for (State from : route.from) {
        const int s = static_cast<int>(from);
        const int id = risk_id(route.risk);
        const auto key = std::make_tuple(static_cast<int>(gi), s, id);
        if (auto it = defined_by.find(key); it != defined_by.end())
          throw InputError(route.provenance.where + ": route." + route.name + ": risk '" + route.risk +
                           "' from state " + std::string(name(from)) + " for stratum " + stratum +
                           " is already defined by route." + it->second);
        defined_by[key] = route.name;

        std::map<int, double> dist = expand(route.to, from, p);
        if (dist.size() > static_cast<std::size_t>(engine::Branch::kMaxOutcomes))
          throw InputError(route.provenance.where + ": route." + route.name + ": leads to " + std::to_string(dist.size()) +
                           " states (mixes expanded); at most " + std::to_string(engine::Branch::kMaxOutcomes) + " are allowed");
        double rate_factor = 1.0;
        for (std::size_t mi = 0; mi < p.modifiers.size(); ++mi) {
          const Modifier& m = p.modifiers[mi];
          if (m.risk != route.risk || !applies_to(m.strata, stratum) ||
              std::find(m.from.begin(), m.from.end(), from) == m.from.end())
            continue;
          modifier_used[mi] = true;
          rate_factor *= m.rate;
          for (const auto& [dest, factor] : m.odds) apply_odds(dist, static_cast<int>(*state_named(dest)), factor);
        }
        engine::StateRules& rules = model.process.rules(static_cast<int>(gi), s);
        if (route.kind != RouteKind::hazard) {
          if (rules.has_yearly)
            throw InputError(route.provenance.where + ": route." + route.name + ": state " +
                             std::string(name(from)) + " already has a yearly decision for stratum " + stratum);
          rules.has_yearly = true;
          rules.yearly.id = id;
          rules.yearly.years = static_cast<int>(route.leave.size());
          for (std::size_t i = 0; i < route.leave.size(); ++i)
            rules.yearly.probability[i] = route.kind == RouteKind::exam ? with_odds(route.leave[i], rate_factor)
                                                                        : std::min(1.0, route.leave[i] * rate_factor);
          rules.yearly.to = to_branch(dist, p);
          if (route.date) rules.yearly.date = engine::YearlyDate{*route.date};
          rules.yearly.min_stay = route.min_stay;
        } else {
          engine::Risk risk;
          risk.id = id;
          std::vector<double> rates = route.rates;
          for (double& r : rates) r *= rate_factor;
          try {
            risk.hazard = engine::PiecewiseHazard(route.breaks, rates);
          } catch (const std::invalid_argument& e) {
            throw InputError(route.provenance.where + ": route." + route.name + ": " + e.what());
          }
          for (std::size_t ai = 0; ai < p.age_rules.size(); ++ai) {
            const AgeRule& a = p.age_rules[ai];
            if (a.risk != route.risk || std::find(a.from.begin(), a.from.end(), from) == a.from.end()) continue;
            age_rule_used[ai] = true;
            // One age threshold per risk: rules at the same age multiply, a second age is an error.
            if (risk.age_effect.factor != 1.0 && risk.age_effect.age != a.age)
              throw InputError(a.provenance.where + ": age_rule." + a.name + ": risk '" + a.risk + "' from state " +
                               std::string(name(from)) + " already has an age rule at another age");
            risk.age_effect = {a.age, risk.age_effect.factor * a.rate};
          }
          if (risk.age_effect.factor != 1.0 && risk.hazard.pieces() + 1 > engine::PiecewiseHazard::kMaxPieces)
            throw InputError(route.provenance.where + ": route." + route.name + ": with an age rule a hazard has at most " +
                             std::to_string(engine::PiecewiseHazard::kMaxPieces - 1) + " pieces (" +
                             std::to_string(engine::PiecewiseHazard::kMaxPieces - 2) + " breaks)");
          risk.to = to_branch(dist, p);
          if (rules.n_risks == engine::StateRules::kMaxRisks)
            throw InputError(route.provenance.where + ": route." + route.name + ": state " +
                             std::string(name(from)) + " has more than 8 competing risks");
          rules.add(risk);
        }
      }
    }
  }
  for (std::size_t mi = 0; mi < p.modifiers.size(); ++mi)
    if (!modifier_used[mi])
      throw InputError(p.modifiers[mi].provenance.where + ": modifier." + p.modifiers[mi].name +
                       ": matches no route (risk '" + p.modifiers[mi].risk + "' from the given states)");
  for (std::size_t ai = 0; ai < p.age_rules.size(); ++ai)
    if (!age_rule_used[ai])
      throw InputError(p.age_rules[ai].provenance.where + ": age_rule." + p.age_rules[ai].name +
                       ": matches no route (risk '" + p.age_rules[ai].risk + "' from the given states)");
  model.process.prepare();
  return model;
}

}  // namespace doorstroom::models
