#include "models/studies/replicate_parameters.h"

#include "engine/rng.h"
#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/studies/calibration.h"

namespace doorstroom::models {
namespace {

// An assumption's value in replicate r: uniform in its range, from a stream of its own (seed,
// replicate, record), so that it does not depend on the scenario's other assumptions.
double drawn(const Range& range, const std::string& record, std::uint32_t seed, int r) {
  engine::CaseStream rng(seed, static_cast<std::uint32_t>(r), fnv1a64_value(record), engine::stream::assumption);
  return range.low + (range.high - range.low) * rng.uniform();
}

}  // namespace

const std::string& causal_share_record() {
  static const std::string record = "scenario.causal_share";
  return record;
}

namespace {

// The fraction of a scenario's written move of routing shares that counts in replicate r: the
// causal share times the move's size, each on a stream of its own (without size_range the size
// is exactly 1, so such scenarios draw what they drew before size_range existed).
double counted_fraction(const CausalShare& causal, std::uint32_t seed, int r) {
  return drawn(causal.range, causal_share_record(), seed, r) * drawn(causal.size, causal_share_record() + ".size", seed, r);
}

}  // namespace

std::vector<AssumedEffect> assumed_effects(const Scenario& s) {
  std::vector<AssumedEffect> effects;
  // The scenario's own records: from its file, or from a part's file in a stack.
  auto from_file = [&](const std::string& where, const std::string& file) { return !file.empty() && where.rfind(file, 0) == 0; };
  auto from_scenario = [&](const Provenance& p) {
    if (p.assumption.empty() || !p.range) return false;
    if (from_file(p.where, s.file)) return true;
    for (const auto& f : s.part_files)
      if (from_file(p.where, f)) return true;
    return false;
  };
  for (const auto& m : s.parameters.modifiers) {
    if (!from_scenario(m.provenance)) continue;
    // A modifier that only sets odds keeps its rate of 1: drawing the rate would add an effect
    // the scenario never stated.
    AssumedEffect e{"modifier." + m.name, {}, {}, *m.provenance.range, m.provenance.assumption};
    if (m.rate != 1.0 || m.odds.empty()) {
      e.paths.push_back("modifier." + m.name + ".rate");
      e.central.push_back(m.rate);
    }
    for (const auto& [dest, v] : m.odds) {
      e.paths.push_back("modifier." + m.name + ".odds." + dest);
      e.central.push_back(v);
    }
    effects.push_back(e);
  }
  for (const auto& a : s.parameters.age_rules)
    if (from_scenario(a.provenance))
      effects.push_back({"age_rule." + a.name, {"age_rule." + a.name + ".rate"}, {a.rate}, *a.provenance.range,
                         a.provenance.assumption});
  for (const auto& r : s.parameters.routes) {
    if (!from_scenario(r.provenance) || r.kind != RouteKind::hazard) continue;
    AssumedEffect e{"route." + r.name, {}, {}, *r.provenance.range, r.provenance.assumption};
    for (std::size_t i = 0; i < r.rates.size(); ++i) {
      e.paths.push_back("route." + r.name + ".rates[" + std::to_string(i) + "]");
      e.central.push_back(r.rates[i]);
    }
    effects.push_back(e);
  }
  return effects;
}

ParameterDraws::ParameterDraws(bool parameter_uncertainty, const ParameterSet& base) : base_(base) {
  if (!parameter_uncertainty) return;
  draws_ = read_draws(embedded_draws(), "embedded:models/data/parameter_draws.csv");
  if (draws_.empty()) throw InputError("parameter uncertainty: there are no parameter draws (run `doorstroom calibrate`)");
}

ParameterSet replicate_parameters(const ParameterSet& scenario, const CausalShare* causal,
                                  const std::vector<AssumedEffect>& effects, const ParameterDraws& draws, std::uint32_t seed,
                                  int r) {
  ParameterSet p = causal ? with_causal_share(draws.under(causal->whole_gap, r), draws.under(causal->extended, r),
                                              counted_fraction(*causal, seed, r))
                          : draws.under(scenario, r);
  for (const auto& e : effects) {
    const double m = drawn(e.range, e.record, seed, r);
    for (std::size_t i = 0; i < e.paths.size(); ++i) set_parameter(p, e.paths[i], e.central[i] * m);
  }
  return p;
}

ParameterSet drawn_scenario_parameters(const Scenario& s, std::uint32_t seed, int r) {
  const ParameterDraws none(false, s.parameters);
  return replicate_parameters(s.parameters, s.causal_share ? &*s.causal_share : nullptr, assumed_effects(s), none, seed, r);
}

}  // namespace doorstroom::models
