#include "models/studies/sweep_selection.h"

#include <algorithm>
#include <set>

#include "models/chain/chain_model.h"
#include "models/io/input_error.h"
#include "models/measure/outcomes.h"
#include "models/studies/simulation.h"

namespace doorstroom::models {
namespace {

bool is_glob(const std::string& text) { return text.find_first_of("*?") != std::string::npos; }

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point: the last '*' and where it was tried.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string> select_parameters(const std::vector<std::string>& patterns, const ParameterSet& p) {
  const auto ranged = ranged_parameters(p);
  if (patterns.empty()) return ranged;
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& path) {
    if (seen.insert(path).second) out.push_back(path);
  };
  for (const auto& pattern : patterns) {
    if (!is_glob(pattern)) {
      add(pattern);
      continue;
    }
    bool any = false;
    for (const auto& path : ranged)
      if (glob_match(pattern, path)) {
        add(path);
        any = true;
      }
    if (!any)
      throw InputError("--parameters '" + pattern + "': matches no parameter with a range (see docs/sweeps.md, 'The default list')" +
                       did_you_mean(pattern, ranged));
  }
  return out;
}

std::vector<std::string> recordable_measures(const ParameterSet& p) {
  SimulationOptions tiny;
  tiny.students = 500;
  tiny.replications = 1;
  const ChainModel model = compile(p);
  const auto result = simulate(model, tiny);
  std::vector<std::string> labels;
  for (const auto& row : tabulate_outcomes(model, result.replicates, result.simulated)) {
    if (row.variant != "all" || row.horizon_years < 1) continue;
    labels.push_back(SweepMeasure{row.population, row.origin, row.measure, row.horizon_years}.label());
  }
  return labels;
}

std::vector<SweepMeasure> select_measures(const std::vector<std::string>& texts, const ParameterSet& p) {
  if (std::none_of(texts.begin(), texts.end(), [](const auto& t) { return t == "all" || is_glob(t); })) return sweep_measures(texts);
  const auto recordable = recordable_measures(p);
  std::vector<SweepMeasure> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& label) {
    if (seen.insert(label).second) out.push_back(parse_sweep_measure(label));
  };
  for (const auto& text : texts) {
    if (!is_glob(text) && text != "all") {
      add(text);
      continue;
    }
    bool any = false;
    for (const auto& label : recordable)
      if (text == "all" || glob_match(text, label)) {
        add(label);
        any = true;
      }
    if (!any)
      throw InputError("--measure '" + text + "': matches none of the " + std::to_string(recordable.size()) +
                       " outputs the model records" + did_you_mean(text, recordable));
  }
  return out;
}

}  // namespace doorstroom::models
