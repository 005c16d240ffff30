#include "models/measure/targets.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <sstream>

#include "models/chain/scenario.h"
#include "models/io/csv.h"
#include "models/io/input_error.h"

namespace doorstroom::embedded {
extern const std::string_view targets;
}

namespace doorstroom::models {

std::string_view embedded_targets() { return embedded::targets; }

std::vector<engine::Summary> match_targets(const std::vector<OutcomeRow>& rows, const std::vector<Target>& targets) {
  const OutcomeIndex index(rows);
  std::vector<engine::Summary> matched;
  for (const auto& t : targets) {
    const OutcomeRow* row = index.find({t.population, t.origin, t.variant, t.measure, t.horizon_years});
    if (!row)
      throw InputError("target " + t.id + " (line " + std::to_string(t.line) + "): the model has no output for population " +
                       t.population + ", origin " + t.origin + ", variant " + t.variant + ", measure " + t.measure +
                       ", horizon " + std::to_string(t.horizon_years) + " (see docs/outputs.md)");
    matched.push_back(row->value);
  }
  return matched;
}

TargetFile load_targets(const std::string& file) {
  const std::string text = file.empty() ? std::string(embedded_targets()) : read_text_file(file, "targets file");
  TargetFile t;
  t.name = file.empty() ? "embedded:models/data/targets.csv" : file;
  t.targets = read_targets(text, t.name);
  t.hash = fnv1a64(text);
  return t;
}

double Target::standard_error() const {
  if (low && high) return std::max((*high - *low) / 4.0, 1e-3);
  if (n && *n > 0) return std::max(std::sqrt(value * (1.0 - value) / *n), 1e-4);
  return 0.02;
}

double Target::z(double simulated) const {
  if (low && high) {
    if (simulated < *low) return (simulated - *low) / standard_error();
    if (simulated > *high) return (simulated - *high) / standard_error();
    return 0.0;
  }
  return (simulated - value) / standard_error();
}

bool Target::within(double simulated) const {
  if (low && high) return simulated >= *low - 0.015 && simulated <= *high + 0.015;
  return std::abs(simulated - value) <= std::max(2.0 * standard_error(), 0.015);
}

std::vector<Target> read_targets(std::string_view text, const std::string& file) {
  const CsvTable table = parse_csv(text, file);
  auto col = [&](const char* name) { return table.column(name, file); };
  const std::size_t c_id = col("id"), c_source = col("source"), c_table = col("table"), c_lines = col("lines"),
                    c_pop = col("population"), c_origin = col("origin"), c_variant = col("variant"),
                    c_cohort = col("cohort"), c_measure = col("measure"), c_h = col("horizon_years"),
                    c_value = col("value"), c_low = col("low"), c_high = col("high"), c_n = col("n"),
                    c_role = col("role"), c_note = col("note");
  std::vector<Target> targets;
  std::set<std::string> ids;
  for (const CsvRow& row : table.rows) {
    const std::string where = file + ":" + std::to_string(row.line) + ": ";
    auto number = [&](std::size_t c, const char* what, double min, double max) -> std::optional<double> {
      const std::string& s = row.fields[c];
      if (s.empty()) return std::nullopt;
      const auto parsed = table.number(s);
      const double v = parsed.value_or(0.0);
      if (!parsed || v < min || v > max)
      {
        std::ostringstream msg;
        msg << where << what << ": expected a number in [" << min << ", " << max << "] " << table.number_format()
            << ", found '" << excerpt(s) << "'";
        throw InputError(msg.str());
      }
      return v;
    };
    Target t;
    t.line = row.line;
    t.id = row.fields[c_id];
    if (t.id.empty()) throw InputError(where + "id: every target needs an id");
    if (!ids.insert(t.id).second) throw InputError(where + "id: '" + t.id + "' is used twice");
    t.source = row.fields[c_source];
    t.table = row.fields[c_table];
    t.lines = row.fields[c_lines];
    if (t.source.empty()) throw InputError(where + "source: every target needs its source (seed file name)");
    t.population = row.fields[c_pop];
    t.origin = row.fields[c_origin];
    t.variant = row.fields[c_variant];
    t.cohort = row.fields[c_cohort];
    t.measure = row.fields[c_measure];
    t.note = row.fields[c_note];
    const auto h = number(c_h, "horizon_years", 0, 20);
    if (!h || *h != std::floor(*h)) throw InputError(where + "horizon_years: expected a whole number of years");
    t.horizon_years = static_cast<int>(*h);
    const auto v = number(c_value, "value", 0.0, 1.0);
    if (!v) throw InputError(where + "value: expected a share in [0, 1]");
    t.value = *v;
    t.low = number(c_low, "low", 0.0, 1.0);
    t.high = number(c_high, "high", 0.0, 1.0);
    if (t.low.has_value() != t.high.has_value())
      throw InputError(where + "low/high: give both ends of the interval or neither");
    if (t.low && !(*t.low <= t.value && t.value <= *t.high))
      throw InputError(where + "value: expected low <= value <= high");
    t.n = number(c_n, "n", 1.0, 1e8);
    const std::string& role = row.fields[c_role];
    if (role == "calibrate") t.role = TargetRole::calibrate;
    else if (role == "validate") t.role = TargetRole::validate;
    else throw InputError(where + "role: expected 'calibrate' or 'validate', found '" + excerpt(role) + "'");
    targets.push_back(std::move(t));
  }
  return targets;
}

}  // namespace doorstroom::models
