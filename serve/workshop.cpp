#include "serve/workshop.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/io/json.h"
#include "models/studies/replicate_parameters.h"
#include "models/studies/simulation.h"
#include "serve/flow_links.h"

namespace doorstroom::serve {
namespace {

using models::json_string;

// The main assumptions of the chain, as a facilitator would name them. Each scales the rates of
// every record whose name starts with one of the prefixes.
struct WorldAssumption {
  const char* id;
  const char* label;
  const char* help;
  std::vector<const char*> prefixes;
};

const std::vector<WorldAssumption>& world_assumptions() {
  static const std::vector<WorldAssumption> list{
      {"world.entree_uitval", "Uitval in entree", "alle uitvalkansen in de entreeopleiding, voor elke vooropleiding",
       {"route.entree_uitval_"}},
      {"world.entree_diploma", "Diplomakans entree", "alle kansen op een entreediploma, voor elke vooropleiding",
       {"route.entree_diploma_"}},
      {"world.niveau2_diploma", "Diplomakans niveau 2", "de kans op een diploma in niveau 2 (startkwalificatie)",
       {"route.niveau2_diploma"}},
      {"world.niveau2_uitval", "Uitval in niveau 2", "uitval in niveau 2, met en zonder entreediploma",
       {"route.niveau2_uitval", "route.niveau2_met_entreediploma_uitval"}},
      {"world.kwalificatieplicht", "Extra uitval vanaf 18 jaar", "hoeveel vaker studenten uitvallen na het einde van de kwalificatieplicht",
       {"age_rule.kwalificatieplicht_"}},
      {"world.werk_vinden", "Kans op werk vinden", "hoe snel schoolverlaters werk vinden",
       {"route.werk_vinden_"}},
  };
  return list;
}

bool scales(const std::string& path, const std::vector<const char*>& prefixes) {
  const bool rate = path.find(".rates[") != std::string::npos || path.find(".pass[") != std::string::npos ||
                    (path.size() > 5 && path.compare(path.size() - 5, 5, ".rate") == 0);
  if (!rate) return false;
  for (const char* prefix : prefixes)
    if (path.rfind(prefix, 0) == 0) return true;
  return false;
}

std::string number(double x) {
  if (!std::isfinite(x)) return "null";
  std::ostringstream out;
  out.precision(7);
  out << x;
  return out.str();
}

// A strict decimal number: digits, one point, an optional leading minus, whole and finite. (Not
// std::from_chars: the WebAssembly build's libc++ has it only for integers.)
bool parse_double(const std::string& text, double& value) {
  if (text.empty() || text.size() > 32) return false;
  if (text.find_first_not_of("-0123456789.") != std::string::npos || text.find('-', 1) != std::string::npos) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value);
}

bool parse_unsigned(const std::string& text, std::uint64_t& value) {
  if (text.empty() || text.size() > 20) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

void multiply(models::ParameterSet& p, const std::vector<std::string>& paths, double factor) {
  // A pass probability scaled past 1 is a sure pass.
  for (const auto& path : paths) {
    const double value = models::get_parameter(p, path) * factor;
    models::set_parameter(p, path, path.find(".pass[") != std::string::npos ? std::min(value, 1.0) : value);
  }
}

}  // namespace

std::vector<Slider> world_sliders(const models::ParameterSet& parameters) {
  const auto refs = models::list_parameters(parameters);
  std::vector<Slider> sliders;
  for (const auto& w : world_assumptions()) {
    Slider s{w.id, w.label, w.help, {}, 1.0, 1.0, false};
    for (const auto& ref : refs) {
      if (!scales(ref.path, w.prefixes)) continue;
      s.paths.push_back(ref.path);
      if (ref.range) {
        s.low = std::min(s.low, ref.range->low);
        s.high = std::max(s.high, ref.range->high);
      }
    }
    if (s.paths.empty()) continue;  // a parameter file without these records: no slider
    // A slider that cannot move is no use in a room; the records' ranges are the uncertainty the
    // parameter file states, which is what a facilitator should explore.
    if (s.low == s.high) s.low = 0.5, s.high = 1.5;
    sliders.push_back(std::move(s));
  }
  return sliders;
}

Workshop::Workshop(models::Scenario base, const std::vector<models::Scenario>& scenarios) : base_(std::move(base)) {
  const std::vector<Slider> world = world_sliders(base_.parameters);
  for (const auto& scenario : scenarios) {
    WorkshopScenario ws{scenario, world};
    for (const auto& e : models::assumed_effects(scenario)) {
      // "modifier.warme_overdracht_uitval" reads as "warme overdracht uitval" on a projector.
      std::string words = e.record.substr(e.record.find('.') + 1);
      std::replace(words.begin(), words.end(), '_', ' ');
      Slider s{"effect." + e.record, "Aangenomen effect: " + words, e.assumption, e.paths, e.range.low, e.range.high, true};
      ws.sliders.push_back(std::move(s));
    }
    scenarios_.push_back(std::move(ws));
  }
}

const WorkshopScenario* Workshop::find(const std::string& name) const {
  for (const auto& s : scenarios_)
    if (s.scenario.name == name) return &s;
  return nullptr;
}

WorkshopQuery Workshop::parse_query(const std::vector<std::pair<std::string, std::string>>& params,
                                    const ServeLimits& limits) const {
  WorkshopQuery q;
  q.students = limits.default_students;
  const WorkshopScenario* picked = nullptr;
  for (const auto& [key, value] : params)
    if (key == "scenario") {
      picked = find(value);
      if (!picked) {
        std::vector<std::string> names;
        for (const auto& s : scenarios_) names.push_back(s.scenario.name);
        const std::string near = models::nearest(value, names);
        throw QueryError("scenario: no scenario named '" + value.substr(0, 64) + "'" +
                         (near.empty() ? "" : " (did you mean '" + near + "'?)"));
      }
      q.scenario = value;
    }
  if (!picked) throw QueryError("scenario: missing; name one of the scenarios from /api/scenarios");

  std::vector<std::string> seen;
  for (const auto& [key, value] : params) {
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      throw QueryError(key.substr(0, 64) + ": given twice");
    seen.push_back(key);
    if (key == "scenario") continue;
    if (key == "students") {
      if (!parse_unsigned(value, q.students) || q.students < limits.min_students || q.students > limits.max_students)
        throw QueryError("students: expected a whole number from " + std::to_string(limits.min_students) + " to " +
                         std::to_string(limits.max_students) + ", got '" + value.substr(0, 32) + "'");
      continue;
    }
    if (key == "seed") {
      std::uint64_t seed = 0;
      if (!parse_unsigned(value, seed) || seed > 0xffffffffULL)
        throw QueryError("seed: expected a whole number from 0 to 4294967295, got '" + value.substr(0, 32) + "'");
      q.seed = static_cast<std::uint32_t>(seed);
      continue;
    }
    const auto slider = std::find_if(picked->sliders.begin(), picked->sliders.end(),
                                     [&id = key](const Slider& s) { return s.id == id; });
    if (slider == picked->sliders.end()) {
      std::vector<std::string> ids{"scenario", "students", "seed"};
      for (const auto& s : picked->sliders) ids.push_back(s.id);
      const std::string near = models::nearest(key, ids);
      throw QueryError(key.substr(0, 64) + ": not a setting of scenario '" + q.scenario + "'" +
                       (near.empty() ? "" : " (did you mean '" + near + "'?)"));
    }
    double factor = 0.0;
    if (!parse_double(value, factor) || factor < slider->low - 1e-9 || factor > slider->high + 1e-9)
      throw QueryError(key + ": expected a factor from " + number(slider->low) + " to " + number(slider->high) +
                       ", got '" + value.substr(0, 32) + "'");
    q.multipliers[key] = factor;
  }
  return q;
}

std::string Workshop::scenarios_json(const ServeLimits& limits) const {
  std::ostringstream out;
  out << "{\"base\": " << json_string(base_.name) << ", \"students\": {\"default\": " << limits.default_students
      << ", \"min\": " << limits.min_students << ", \"max\": " << limits.max_students << "}, \"scenarios\": [";
  for (std::size_t i = 0; i < scenarios_.size(); ++i) {
    const auto& ws = scenarios_[i];
    out << (i ? ", " : "") << "{\"name\": " << json_string(ws.scenario.name) << ", \"title\": "
        << json_string(ws.scenario.title) << ", \"description\": " << json_string(ws.scenario.description)
        << ", \"beschrijving\": " << json_string(ws.scenario.beschrijving) << ", \"sliders\": [";
    for (std::size_t j = 0; j < ws.sliders.size(); ++j) {
      const Slider& s = ws.sliders[j];
      out << (j ? ", " : "") << "{\"id\": " << json_string(s.id) << ", \"label\": " << json_string(s.label)
          << ", \"help\": " << json_string(s.help) << ", \"low\": " << number(s.low) << ", \"high\": " << number(s.high)
          << ", \"scenario_only\": " << (s.scenario_only ? "true" : "false") << ", \"parameters\": " << s.paths.size() << "}";
    }
    out << "]}";
  }
  out << "]}";
  return out.str();
}

std::string Workshop::compare_json(const WorkshopQuery& query, const ServeLimits& limits,
                                   const std::function<bool()>& cancelled) const {
  const WorkshopScenario* picked = find(query.scenario);
  if (!picked) throw QueryError("scenario: no scenario named '" + query.scenario + "'");
  models::Scenario base = base_;
  models::Scenario scenario = picked->scenario;
  // The scenario's own effects first (they set values), then the world sliders scale both arms.
  for (const auto& s : picked->sliders) {
    const auto m = query.multipliers.find(s.id);
    if (m == query.multipliers.end() || !s.scenario_only) continue;
    multiply(scenario.parameters, s.paths, m->second);
  }
  for (const auto& s : picked->sliders) {
    const auto m = query.multipliers.find(s.id);
    if (m == query.multipliers.end() || s.scenario_only) continue;
    multiply(base.parameters, s.paths, m->second);
    multiply(scenario.parameters, s.paths, m->second);
  }

  models::ComparisonOptions options;
  options.simulation.replications = limits.replications;
  options.simulation.students = std::max<std::uint64_t>(1, query.students / static_cast<std::uint64_t>(limits.replications));
  options.simulation.seed = query.seed;
  options.simulation.threads = limits.threads;
  options.simulation.cancelled = cancelled;
  options.draw_assumptions = false;  // the sliders set the assumptions
  const models::ComparisonResult result = models::compare_scenarios(base, {scenario}, options);
  const models::ScenarioComparison& sc = result.scenarios.front();

  std::ostringstream out;
  out << "{\"scenario\": " << json_string(scenario.name) << ", \"title\": " << json_string(scenario.title)
      << ", \"description\": " << json_string(scenario.description) << ", \"base\": " << json_string(base.name)
      << ", \"students\": " << options.simulation.students * static_cast<std::uint64_t>(options.simulation.replications)
      << ", \"replications\": " << options.simulation.replications << ", \"seed\": " << query.seed
      << ", \"seconds\": " << number(result.seconds)
      << ", \"interval\": \"95%-interval van het gemiddelde over " << options.simulation.replications
      << " herhalingen (toeval van de simulatie; de schuifjes staan vast)\", \"key\": [";
  bool first = true;
  for (const auto& k : models::key_outcomes())
    for (const auto& d : sc.differences) {
      if (d.population != k.population || d.origin != k.origin || d.measure != k.measure || d.horizon_years != k.horizon_years)
        continue;
      out << (first ? "" : ", ") << "{\"label\": " << json_string(k.words) << ", \"population\": " << json_string(d.population)
          << ", \"origin\": " << json_string(d.origin) << ", \"measure\": " << json_string(d.measure)
          << ", \"horizon\": " << d.horizon_years << ", \"base\": " << number(d.base) << ", \"value\": " << number(d.value)
          << ", \"delta\": " << number(d.delta.mean) << ", \"low\": " << number(d.delta.low) << ", \"high\": "
          << number(d.delta.high) << ", \"national\": " << number(d.national) << "}";
      first = false;
    }
  // Where the students who left pro, vso, vmbo-b or isk stand, year by year: the route picture.
  static const char* positions[] = {"position_entree", "position_niveau2plus", "position_not_in_mbo_with_diploma",
                                    "position_not_in_mbo_no_diploma"};
  out << "], \"positions\": {\"population\": \"chain_leavers\", \"origin\": \"all\", \"measures\": [";
  for (std::size_t i = 0; i < std::size(positions); ++i) out << (i ? ", " : "") << json_string(positions[i]);
  out << "], \"rows\": [";
  first = true;
  for (int h = 0; h <= 5; ++h)
    for (const char* measure : positions)
      for (const auto& d : sc.differences)
        if (d.population == "chain_leavers" && d.origin == "all" && d.measure == measure && d.horizon_years == h) {
          out << (first ? "" : ", ") << "{\"horizon\": " << h << ", \"measure\": " << json_string(measure)
              << ", \"base\": " << number(d.base) << ", \"value\": " << number(d.value) << "}";
          first = false;
        }
  out << "]}";
  for (const auto& c : sc.costs)
    if (c.origin == "all")
      out << ", \"cost\": {\"delta_per_student\": " << number(c.delta_cost_per_student.mean) << ", \"low\": "
          << number(c.delta_cost_per_student.low) << ", \"high\": " << number(c.delta_cost_per_student.high)
          << ", \"delta_startkwalificatie_per_student\": " << number(c.delta_startkwalificatie_per_student.mean)
          << ", \"sk_low\": " << number(c.delta_startkwalificatie_per_student.low) << ", \"sk_high\": "
          << number(c.delta_startkwalificatie_per_student.high) << ", \"cohort\": " << number(c.cohort) << "}";
  // The Sankey: replicate 0 of each arm again (a tenth of the run), the same students in both.
  const auto flows = [&](const models::Scenario& s) {
    const models::ChainModel model = models::compile(s.parameters);
    return flow_links_json(model, models::tally_flows(model, options.simulation));
  };
  out << ", \"flows\": {\"base\": " << flows(base) << ", \"scenario\": " << flows(scenario) << "}";
  out << "}";
  return out.str();
}

}  // namespace doorstroom::serve
