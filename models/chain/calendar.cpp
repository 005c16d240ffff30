#include "models/chain/calendar.h"

#include <cmath>

#include "models/chain/scenario.h"
#include "models/io/input_error.h"
#include "models/io/toml_reader.h"

namespace doorstroom::embedded {
extern const std::string_view calendar;
}

namespace doorstroom::models {
namespace {

constexpr int kFirstYear = 2000, kLastYear = 2100;

// A table of YEAR = number, with years as keys.
std::map<int, double> read_years(TableReader& r, const std::string& key, double min, double max) {
  std::map<int, double> out;
  for (const auto& [year, value] : r.number_table(key, min, max)) {
    char* end = nullptr;
    const long y = std::strtol(year.c_str(), &end, 10);
    if (*end != '\0' || y < kFirstYear || y > kLastYear)
      r.fail(key, "expected school years (2014 for 2014/15) as keys, found '" + year + "'");
    out[static_cast<int>(y)] = value;
  }
  if (out.empty()) r.fail(key, "expected at least one year");
  if (out.rbegin()->first - out.begin()->first + 1 != static_cast<int>(out.size()))
    r.fail(key, "expected consecutive years (a value for every year from the first to the last)");
  return out;
}

// source or assumption; a trend beyond the data is always an assumption with a range.
Provenance read_sourced(TableReader& r, const toml::table& t) {
  Provenance p;
  p.where = location(t, r.file());
  p.source = r.optional_string("source").value_or("");
  p.assumption = r.optional_string("assumption").value_or("");
  if (p.source.empty()) r.fail("source", "every record needs a 'source' (seed file, table, lines)");
  if (p.assumption.empty()) r.fail("assumption", "the trend beyond the data is an assumption: say which and why");
  return p;
}

void read_trend(TableReader& r, double& trend, Range& range) {
  trend = r.number("trend", -1.0, 1.0);
  const auto bounds = r.numbers("trend_range", -1.0, 1.0);
  if (bounds.size() != 2 || bounds[0] > trend || trend > bounds[1])
    r.fail("trend_range", "expected [low, high] around the trend (low <= trend <= high)");
  range = {bounds[0], bounds[1]};
}

template <class Read>
void for_each_table(const toml::table& root, const std::string& section, const std::string& file, Read read) {
  const toml::table* sec = root[section].as_table();
  if (!sec) return;
  for (const auto& [key, node] : *sec) {
    const toml::table* t = node.as_table();
    const std::string path = section + "." + std::string(key.str());
    if (!t) throw InputError(location(node, file) + ": " + path + ": expected a table");
    TableReader r(*t, path, file);
    read(std::string(key.str()), r, *t);
    r.finish();
  }
}

CohortEffect read_effect(const std::string& name, TableReader& r, const toml::table& t) {
  CohortEffect e;
  e.name = name;
  for (const auto& s : r.strings("from")) {
    const auto state = state_named(s);
    if (!state) r.fail("from", "unknown state '" + s + "' (states are listed in docs/model.md)");
    e.from.push_back(*state);
  }
  e.origin = r.optional_string("origin").value_or("");
  e.risk = r.string("risk");
  e.odds = r.optional_string("odds").value_or("");
  if (!e.odds.empty() && !state_named(e.odds)) r.fail("odds", "unknown state '" + e.odds + "'");
  e.factors = read_years(r, "factors", 0.01, 100.0);
  read_trend(r, e.trend, e.trend_range);
  r.allow("fit");
  e.provenance = read_sourced(r, t);
  return e;
}

// Years after the last key of `m` (consecutive years) continue its last value by the factor
// growth_per_year a year; years before the first take the first value.
double extend(const std::map<int, double>& m, int year, double growth_per_year) {
  if (auto it = m.find(year); it != m.end()) return it->second;
  if (year < m.begin()->first) return m.begin()->second;
  const auto last = std::prev(m.end());
  return last->second * std::pow(growth_per_year, year - last->first);
}

}  // namespace

Calendar read_calendar(const toml::table& root, const std::string& file) {
  Calendar c;
  c.file = file;
  for (const auto& [key, node] : root)
    if (key.str() != "calendar" && key.str() != "inflow" && key.str() != "effect" && key.str() != "isk_future" &&
        key.str() != "measurement" && key.str() != "observed_trend")
      throw InputError(location(node, file) + ": unknown section '" + std::string(key.str()) +
                       "' (expected calendar, inflow, effect, isk_future, measurement or observed_trend)");
  if (const toml::table* cal = root["calendar"].as_table()) {
    TableReader r(*cal, "calendar", file);
    const auto blend = r.numbers("blend", kFirstYear, kLastYear);
    if (blend.size() != 2 || blend[0] > blend[1]) r.fail("blend", "expected [first, last] cohort years, first <= last");
    c.blend_first = static_cast<int>(blend[0]);
    c.blend_last = static_cast<int>(blend[1]);
    r.allow("source");
    r.finish();
  }
  for_each_table(root, "inflow", file, [&](const std::string& origin, TableReader& r, const toml::table& t) {
    Inflow in;
    in.origin = origin;
    in.counts = read_years(r, "counts", 0.0, 1e7);
    if (!in.counts.count(c.blend_first) || !in.counts.count(c.blend_last))
      r.fail("counts", "expected counts for the blend years " + std::to_string(c.blend_first) + "-" + std::to_string(c.blend_last));
    read_trend(r, in.trend, in.trend_range);
    in.provenance = read_sourced(r, t);
    c.inflow.push_back(std::move(in));
  });
  if (const toml::table* isk = root["isk_future"].as_table()) {
    TableReader r(*isk, "isk_future", file);
    IskFuture f;
    f.low = r.number("low", -1.0, 1.0);
    f.central = r.number("central", -1.0, 1.0);
    f.high = r.number("high", -1.0, 1.0);
    if (!(f.low <= f.central && f.central <= f.high)) r.fail("central", "expected low <= central <= high");
    f.provenance = read_sourced(r, *isk);
    r.finish();
    c.isk_future = f;
  }
  if (const toml::table* m = root["measurement"].as_table()) {
    TableReader r(*m, "measurement", file);
    ProAchtergrond a;
    a.shares = read_years(r, "pro_achtergrond", 0.0, 1.0);
    a.provenance = read_sourced(r, *m);
    r.finish();
    c.pro_achtergrond = std::move(a);
  }
  if (const toml::table* o = root["observed_trend"].as_table()) {
    TableReader r(*o, "observed_trend", file);
    ObservedTrend t;
    t.damping = r.number("damping", 0.0, 0.99);
    const auto bounds = r.numbers("damping_range", 0.0, 0.99);
    if (bounds.size() != 2 || bounds[0] > t.damping || t.damping > bounds[1])
      r.fail("damping_range", "expected [low, high] around the damping (low <= damping <= high)");
    t.damping_range = {bounds[0], bounds[1]};
    t.provenance = read_sourced(r, *o);
    r.finish();
    c.observed_trend = t;
  }
  for_each_table(root, "effect", file, [&](const std::string& name, TableReader& r, const toml::table& t) {
    c.effects.push_back(read_effect(name, r, t));
  });
  return c;
}

Calendar load_calendar(const std::string& path) {
  const std::string text = path.empty() ? std::string(embedded::calendar) : read_text_file(path, "calendar file");
  const std::string name = path.empty() ? "embedded:models/data/calendar.toml" : path;
  Calendar c = read_calendar(parse_toml(text, name), name);
  c.hash = fnv1a64(text);
  return c;
}

Calendar calendar_through(Calendar calendar, int last_year) {
  if (last_year < calendar.blend_last)
    throw InputError(calendar.file + ": cannot cut the calendar at " + std::to_string(last_year) + ", before the end of its blend " +
                     std::to_string(calendar.blend_first) + "-" + std::to_string(calendar.blend_last));
  auto cut = [&](std::map<int, double>& m, const std::string& what) {
    m.erase(m.upper_bound(last_year), m.end());
    if (m.empty()) throw InputError(calendar.file + ": " + what + " has no year up to " + std::to_string(last_year));
  };
  for (Inflow& in : calendar.inflow) cut(in.counts, "[inflow." + in.origin + "]");
  for (CohortEffect& e : calendar.effects) cut(e.factors, "[effect." + e.name + "]");
  if (calendar.pro_achtergrond) cut(calendar.pro_achtergrond->shares, "[measurement] pro_achtergrond");
  calendar.file += " (through " + std::to_string(last_year) + ")";
  return calendar;
}

double effect_factor(const CohortEffect& effect, int year, Future future) {
  return extend(effect.factors, year, future == Future::constant ? 1.0 : std::exp(effect.trend));
}

double observed_slope(const Inflow& inflow) {
  if (inflow.counts.size() < 2) return 0.0;
  double n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0;
  for (const auto& [year, count] : inflow.counts) {
    if (count <= 0.0) return 0.0;
    const double x = year, y = std::log(count);
    n += 1.0;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

namespace {

// The count of a year after the last: the last count grown by the damped observed slope.
double observed_count(const Inflow& in, const ObservedTrend& t, int year) {
  const auto last = std::prev(in.counts.end());
  const double slope = observed_slope(in);
  double log_growth = 0.0, step = 1.0;
  for (int y = last->first + 1; y <= year; ++y) {
    step *= t.damping;
    log_growth += slope * step;
  }
  return last->second * std::exp(log_growth);
}

}  // namespace

double inflow_index(const Calendar& calendar, const std::string& origin, int year, Future future) {
  for (const Inflow& in : calendar.inflow)
    if (in.origin == origin) {
      double blend = 0.0;
      for (int y = calendar.blend_first; y <= calendar.blend_last; ++y) blend += in.counts.at(y);
      blend /= calendar.blend_last - calendar.blend_first + 1;
      if (future == Future::observed && year > in.counts.rbegin()->first) {
        if (!calendar.observed_trend)
          throw InputError(calendar.file + ": --future observed needs an [observed_trend] table (damping, source, assumption)");
        return observed_count(in, *calendar.observed_trend, year) / blend;
      }
      return extend(in.counts, year, future == Future::trend ? 1.0 + in.trend : 1.0) / blend;
    }
  return 1.0;
}

ParameterSet by_cohort(const ParameterSet& parameters, const Calendar& calendar, int first, int last, Future future) {
  if (first > last) throw InputError("cohort years: the first year " + std::to_string(first) + " is after the last " + std::to_string(last));
  ParameterSet p = parameters;
  p.strata.clear();
  for (int year = first; year <= last; ++year) {
    for (Stratum s : parameters.strata) {
      s.cohort_year = year;
      s.cohort *= inflow_index(calendar, s.entree_origin, year, future);
      if (calendar.pro_achtergrond) s.pro_achtergrond = extend(calendar.pro_achtergrond->shares, year, 1.0);
      p.strata.push_back(std::move(s));
    }
    for (const CohortEffect& e : calendar.effects) {
      Modifier m;
      m.name = e.name + "@" + std::to_string(year);
      m.from = e.from;
      for (const Stratum& s : parameters.strata)
        if (s.entree_origin == e.origin) m.strata.push_back(s.name);
      if (!e.origin.empty() && m.strata.empty())
        throw InputError(e.provenance.where + ": effect." + e.name + ": no stratum has entree origin '" + e.origin + "'");
      m.risk = e.risk;
      m.cohort_years = {year};
      const double f = effect_factor(e, year, future);
      if (e.odds.empty()) m.rate = f;
      else m.odds = {{e.odds, f}};
      m.provenance = e.provenance;
      p.modifiers.push_back(std::move(m));
    }
  }
  return p;
}

}  // namespace doorstroom::models
