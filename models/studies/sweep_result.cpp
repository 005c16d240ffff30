#include "models/studies/sweep_result.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

#include "engine/stats.h"
#include "models/chain/scenario.h"
#include "models/io/csv.h"
#include "models/io/input_error.h"

namespace doorstroom::models {
namespace {

std::string sampling_of(const std::string& sweep_dir) {
  const auto file = std::filesystem::path(sweep_dir) / "sweep_spec.txt";
  if (!std::filesystem::exists(file)) return "";
  const std::string spec = read_text_file(file.string(), "sweep specification");
  const auto at = spec.find("\ndesign ");
  if (at == std::string::npos) return "";
  const auto start = at + 8;
  return spec.substr(start, spec.find('\n', start) - start);
}

}  // namespace

SweepOutcomes read_sweep_outcomes(const std::string& sweep_dir, const SweepMeasure& measure) {
  const std::string file = (std::filesystem::path(sweep_dir) / "sweep.csv").string();
  const CsvTable table = parse_csv(read_text_file(file, "sweep result (run the sweep to the end first)"), file);
  const std::size_t c_pop = table.column("population", file), c_origin = table.column("origin", file),
                    c_measure = table.column("measure", file), c_h = table.column("horizon_years", file),
                    c_mean = table.column("mean", file), c_low = table.column("ci_low", file),
                    c_high = table.column("ci_high", file), c_reps = table.column("replications", file);
  SweepOutcomes s;
  s.parameters.assign(table.header.begin() + 1, table.header.begin() + static_cast<std::ptrdiff_t>(c_pop));
  s.sampling = sampling_of(sweep_dir);
  std::vector<std::string> recorded;
  std::set<std::string> seen;
  for (const auto& row : table.rows) {
    const std::string label = row.fields[c_pop] + "/" + row.fields[c_origin] + "/" + row.fields[c_measure] + "/" + row.fields[c_h];
    if (seen.insert(label).second) recorded.push_back(label);
    if (label != measure.label()) continue;
    auto number = [&](std::size_t c) {
      const auto v = parse_number(row.fields[c]);
      if (!v)
        throw InputError(file + ":" + std::to_string(row.line) + ": " + table.header[c] + ": expected a number, found '" +
                         row.fields[c] + "'");
      return *v;
    };
    std::vector<double> values;
    for (std::size_t c = 1; c < c_pop; ++c) values.push_back(number(c));
    s.x.push_back(values);
    s.y.push_back(number(c_mean));
    const auto low = parse_number(row.fields[c_low]), high = parse_number(row.fields[c_high]);
    const int reps = static_cast<int>(number(c_reps));
    s.standard_error.push_back(low && high && reps > 1 ? (*high - *low) / (2.0 * engine::t_quantile_975(reps - 1))
                                                       : std::numeric_limits<double>::quiet_NaN());
  }
  if (s.y.empty()) {
    std::string names;
    for (const auto& r : recorded) names += (names.empty() ? "" : ", ") + r;
    throw InputError(file + ": the sweep recorded no measure " + measure.label() + did_you_mean(measure.label(), recorded) +
                     "; it recorded: " + names + ". Run the sweep again into another --out folder with --measure " +
                     measure.label());
  }
  return s;
}

double point_noise(const SweepOutcomes& s) {
  std::vector<double> se;
  for (double v : s.standard_error)
    if (std::isfinite(v)) se.push_back(v);
  if (se.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(se.begin(), se.end());
  return engine::quantile_of_sorted(std::span<const double>(se), 0.5);
}

}  // namespace doorstroom::models
