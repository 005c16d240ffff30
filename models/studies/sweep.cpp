#include "models/studies/sweep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numeric>
#include <sstream>

#include "engine/rng.h"
#include "models/chain/chain_model.h"
#include "models/chain/parameter_path.h"
#include "models/chain/scenario.h"
#include "models/io/csv.h"
#include "models/io/input_error.h"
#include "models/measure/census.h"
#include "models/measure/outcomes.h"
#include "models/studies/run.h"
#include "models/studies/sweep_selection.h"
#include "models/studies/unit_design.h"
#include "system/atomic_file.h"
#include "system/progress.h"
#include "models/io/number_format.h"

namespace doorstroom::models {
namespace {

std::string number(double x, const char* format = "%.10g") {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}

std::string point_file(const std::string& dir, int point) {
  char name[32];
  std::snprintf(name, sizeof name, "p%06d.csv", point);
  return (std::filesystem::path(dir) / "points" / name).string();
}

void check_paths(const ParameterSet& p, const std::vector<std::string>& paths, const std::string& where) {
  for (const auto& path : paths) {
    try {
      (void)get_parameter(p, path);
    } catch (const InputError& e) {
      throw InputError(where + ": " + e.what());
    }
  }
}

}  // namespace

std::string SweepMeasure::label() const {
  return population + "/" + origin + "/" + measure + "/" + std::to_string(horizon_years);
}

std::vector<SweepMeasure> default_sweep_measures() {
  return {{"chain_leavers", "all", "mbo2_diploma", 5},   {"chain_leavers", "pro", "mbo2_diploma", 5},
          {"chain_leavers", "vso", "mbo2_diploma", 5},   {"chain_leavers", "all", "entree_diploma", 2},
          {"chain_leavers", "all", "work", 5},           {"chain_leavers", "all", "no_school_no_work", 5},
          {"entree_entrants", "all", "position_not_in_mbo_no_diploma", 1},
          {"entree_entrants", "all", "position_niveau2plus", 1}, {"entree_entrants", "all", "mbo2_diploma", 5}};
}

SweepMeasure parse_sweep_measure(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, '/');) parts.push_back(part);
  if (parts.size() != 4 || parts[3].empty() || parts[3].size() > 2 || parts[3].find_first_not_of("0123456789") != std::string::npos)
    throw InputError("measure '" + text + "': expected population/origin/measure/horizon, e.g. chain_leavers/pro/mbo2_diploma/5");
  return {parts[0], parts[1], parts[2], std::stoi(parts[3])};
}

void check_sweep_measure(const SweepMeasure& m, const ParameterSet& p) {
  auto check = [&](const std::string& what, const std::string& value, std::vector<std::string> valid) {
    if (std::find(valid.begin(), valid.end(), value) != valid.end()) return;
    std::string message = "measure " + m.label() + ": unknown " + what + " '" + value + "'";
    message += did_you_mean(value, valid);
    throw InputError(message);
  };
  check("population", m.population, {kPopulationNames.begin(), kPopulationNames.end()});
  std::vector<std::string> measures(kMeasureNames.begin(), kMeasureNames.end());
  measures.insert(measures.end(), {"share_of_population", "variant_share"});
  check("measure", m.measure, measures);
  std::vector<std::string> origins{"all"};
  for (const auto& s : p.strata) {
    origins.push_back(s.name);
    origins.push_back(s.entree_origin);
  }
  check("origin", m.origin, origins);
  if (m.horizon_years > p.horizon_years)
    throw InputError("measure " + m.label() + ": horizon " + std::to_string(m.horizon_years) + " is beyond the model's " +
                     std::to_string(p.horizon_years) + " years");
}

std::vector<std::string> ranged_parameters(const ParameterSet& p) {
  std::vector<std::string> assumptions, others;
  // A record's assumption text tells whether its range is a labelled assumption.
  std::map<std::string, bool> assumed;
  auto note = [&](const std::string& prefix, const Provenance& prov) { assumed[prefix] = !prov.assumption.empty(); };
  for (const auto& s : p.strata) note("stratum." + s.name, s.provenance);
  for (const auto& r : p.routes) note("route." + r.name, r.provenance);
  for (const auto& m : p.mixes) note("mix." + m.name, m.provenance);
  for (const auto& m : p.modifiers) note("modifier." + m.name, m.provenance);
  for (const auto& a : p.age_rules) note("age_rule." + a.name, a.provenance);
  for (const auto& ref : list_parameters(p)) {
    if (!ref.range || ref.range->low == ref.range->high || ref.value == 0.0) continue;  // nothing to vary
    if (ref.is_share && ref.value >= 1.0 - 1e-12) continue;  // the only outcome of its distribution
    if (ref.path.rfind("admission.", 0) == 0 || ref.path.rfind("cost.", 0) == 0 ||
        ref.path.rfind("measurement.", 0) == 0 || ref.path.find(".age") != std::string::npos)
      continue;  // admission ages, prices, definitions and ages change no student's route
    const std::string record = ref.path.substr(0, ref.path.find('.', ref.path.find('.') + 1));
    (assumed[record] ? assumptions : others).push_back(ref.path);
  }
  assumptions.insert(assumptions.end(), others.begin(), others.end());
  return assumptions;
}

Design read_design(std::string_view text, const std::string& file, const ParameterSet& p) {
  const CsvTable table = parse_csv(text, file);
  Design d;
  std::size_t first = 0;
  if (!table.header.empty() && table.header[0] == "point") first = 1;
  d.parameters.assign(table.header.begin() + static_cast<std::ptrdiff_t>(first), table.header.end());
  if (d.parameters.empty()) throw InputError(file + ":1: expected one column per parameter, named by its path");
  check_paths(p, d.parameters, file + ":1");
  for (const auto& row : table.rows) {
    std::vector<double> values;
    for (std::size_t c = first; c < row.fields.size(); ++c) {
      const auto v = table.number(row.fields[c]);
      if (!v || *v < 0.0)
        throw InputError(file + ":" + std::to_string(row.line) + ": " + excerpt(table.header[c]) + ": expected a number >= 0 " +
                         table.number_format() + ", found '" + excerpt(row.fields[c]) + "'");
      values.push_back(*v);
    }
    // Applied to a copy now, as run_sweep will, so that a value its parameter cannot take (a
    // share above 1) is refused with the file and line rather than halfway through the sweep.
    ParameterSet trial = p;
    for (std::size_t j = 0; j < values.size(); ++j) {
      try {
        set_parameter(trial, d.parameters[j], values[j]);
      } catch (const InputError& e) {
        throw InputError(file + ":" + std::to_string(row.line) + ": " + e.what());
      }
    }
    d.points.push_back(values);
  }
  if (d.points.empty()) throw InputError(file + ": the design has no points");
  return d;
}

Design grid_design(const std::vector<std::string>& specs, const ParameterSet& p) {
  Design d;
  std::vector<std::vector<double>> axes;
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos) throw InputError("--grid '" + spec + "': expected path=v1,v2,...");
    d.parameters.push_back(spec.substr(0, eq));
    std::vector<double> values;
    std::stringstream in(spec.substr(eq + 1));
    for (std::string v; std::getline(in, v, ',');) {
      const auto x = parse_number(v);
      if (!x) throw InputError("--grid '" + spec + "': '" + v + "' is not a number");
      values.push_back(*x);
    }
    if (values.empty()) throw InputError("--grid '" + spec + "': no values");
    axes.push_back(values);
  }
  check_paths(p, d.parameters, "--grid");
  std::vector<std::size_t> index(axes.size(), 0);
  while (true) {
    std::vector<double> point;
    for (std::size_t j = 0; j < axes.size(); ++j) point.push_back(axes[j][index[j]]);
    d.points.push_back(point);
    std::size_t j = axes.size();
    while (j > 0 && ++index[j - 1] == axes[j - 1].size()) index[--j] = 0;
    if (j == 0) break;
  }
  return d;
}

Design lhs_design(const std::vector<std::string>& parameters, int n, std::uint32_t seed, const ParameterSet& p) {
  if (n < 2) throw InputError("--lhs: a Latin hypercube needs at least 2 points");
  const auto ranges = unit_ranges(parameters, p, "--lhs");
  std::vector<std::vector<double>> unit(static_cast<std::size_t>(n), std::vector<double>(parameters.size()));
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    // A random permutation of the n strata for this parameter, and a random place in each stratum.
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    engine::CaseStream shuffle(seed, 0, j, engine::stream::design);
    for (int i = n - 1; i > 0; --i)
      std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(shuffle() % static_cast<std::uint32_t>(i + 1))]);
    for (int i = 0; i < n; ++i) {
      engine::CaseStream jitter(seed, 1, j * static_cast<std::size_t>(n) + static_cast<std::size_t>(i), engine::stream::design);
      unit[static_cast<std::size_t>(i)][j] = (order[static_cast<std::size_t>(i)] + jitter.uniform()) / n;
    }
  }
  return map_unit_points(ranges, unit);
}

Design morris_design(const std::vector<std::string>& parameters, const MorrisDesign& morris, std::uint32_t seed,
                     const ParameterSet& p) {
  Design d = map_unit_points(open_shares(unit_ranges(parameters, p, "--morris")), morris_unit_points(parameters.size(), morris, seed));
  d.sampling = "morris " + std::to_string(morris.trajectories) + " levels " + std::to_string(morris.levels) + " seed " +
               std::to_string(seed);
  return d;
}

Design sobol_design(const std::vector<std::string>& parameters, const SobolDesign& sobol, std::uint32_t seed,
                    const ParameterSet& p) {
  Design d = map_unit_points(open_shares(unit_ranges(parameters, p, "--sobol")), saltelli_unit_points(parameters.size(), sobol, seed));
  d.sampling = "sobol " + std::to_string(sobol.base_points) + " sequence " + unit_sequence_name(sobol.sequence) + " seed " +
               std::to_string(seed);
  return d;
}

std::vector<std::vector<double>> unit_points_of(const std::string& sampling, std::size_t k) {
  std::istringstream in(sampling);
  std::string method, key1, value1, key2;
  int size = 0;
  std::uint32_t seed = 0;
  in >> method >> size >> key1 >> value1 >> key2 >> seed;
  if (in && method == "morris" && key1 == "levels" && key2 == "seed")
    return morris_unit_points(k, {size, std::stoi(value1)}, seed);
  if (in && method == "sobol" && key1 == "sequence" && key2 == "seed")
    return saltelli_unit_points(k, {size, parse_unit_sequence(value1)}, seed);
  throw InputError("sweep specification: unknown design '" + sampling + "'");
}

std::string design_csv(const Design& d) {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "," + std::string here.
  std::string out = "point";
  for (const auto& path : d.parameters) out.append(",").append(path);
  out += '\n';
  for (std::size_t i = 0; i < d.points.size(); ++i) {
    out += std::to_string(i);
    for (double v : d.points[i]) out.append(",").append(number(v));
    out += '\n';
  }
  return out;
}

Design sweep_design(const std::string& design_file, const std::vector<std::string>& grid, const SampledDesign& sampled,
                    const ParameterSet& p) {
  const int given = (design_file.empty() ? 0 : 1) + (grid.empty() ? 0 : 1) + (sampled.lhs_points ? 1 : 0) +
                    (sampled.morris.trajectories ? 1 : 0) + (sampled.sobol.base_points ? 1 : 0);
  if (given != 1)
    throw InputError("sweep: give exactly one of --design FILE, --grid path=v1,v2,..., --lhs N, --morris R or --sobol N");
  if (!design_file.empty()) return read_design(read_text_file(design_file, "design file"), design_file, p);
  if (!grid.empty()) return grid_design(grid, p);
  const auto parameters = select_parameters(sampled.parameters, p);
  if (sampled.morris.trajectories) return morris_design(parameters, sampled.morris, sampled.seed, p);
  if (sampled.sobol.base_points) return sobol_design(parameters, sampled.sobol, sampled.seed, p);
  return lhs_design(parameters, sampled.lhs_points, sampled.seed, p);
}

std::vector<SweepMeasure> sweep_measures(const std::vector<std::string>& texts) {
  if (texts.empty()) return default_sweep_measures();
  std::vector<SweepMeasure> measures;
  for (const auto& text : texts) measures.push_back(parse_sweep_measure(text));
  return measures;
}

SweepSummary run_sweep(const SweepRequest& request) {
  const auto t0 = std::chrono::steady_clock::now();
  const Scenario scenario = load(request.scenario_file, "");
  const Design& design = request.design;
  for (const auto& m : request.measures) check_sweep_measure(m, scenario.parameters);
  const auto dir = std::filesystem::path(request.out_dir);
  std::filesystem::create_directories(dir / "points");

  // The sweep's identity: a folder holding another sweep is not resumed into.
  std::ostringstream spec;
  spec << "scenario " << scenario.name << " " << scenario.content_hash << "\nparameters " << fnv1a64(embedded_parameters())
       << " calibrated " << fnv1a64(embedded_calibrated()) << "\nstudents " << request.options.students
       << "\nreplications " << request.options.replications << "\nseed " << request.options.seed << "\nmeasures";
  for (const auto& m : request.measures) spec << " " << m.label();
  spec << "\n";
  if (!design.sampling.empty()) spec << "design " << design.sampling << "\n";  // how sensitivity rebuilds it
  spec << design_csv(design);
  const auto spec_file = dir / "sweep_spec.txt";
  if (std::filesystem::exists(spec_file)) {
    if (read_text_file(spec_file.string(), "sweep specification") != spec.str())
      throw InputError(request.out_dir + " holds another sweep (its design, measures, scenario or options differ); "
                       "use another --out folder or delete this one");
  } else if (request.rank == 0) {
    system::write_file_atomically(spec_file, spec.str());
  }

  SweepSummary summary;
  summary.points = static_cast<int>(design.points.size());
  std::vector<int> todo;
  for (int i = request.rank; i < summary.points; i += request.ranks) {
    if (std::filesystem::exists(point_file(request.out_dir, i))) ++summary.resumed;
    else todo.push_back(i);
  }

  system::ProgressLine progress("sweep points (rank " + std::to_string(request.rank) + ")", request.progress);
  SimulationOptions options = request.options;
  options.progress = false;
  // A point records a few measures: only their cells are tabulated, not the run's 22,000 rows.
  OutcomeSelection cells;
  for (const auto& m : request.measures) cells.add(m.population, m.origin, "all", m.measure);
  for (std::size_t t = 0; t < todo.size(); ++t) {
    const int i = todo[t];
    ParameterSet p = scenario.parameters;
    for (std::size_t j = 0; j < design.parameters.size(); ++j) {
      try {
        set_parameter(p, design.parameters[j], design.points[static_cast<std::size_t>(i)][j]);
      } catch (const InputError& e) {
        throw InputError("design point " + std::to_string(i) + ": " + e.what());
      }
    }
    // Record the values the point ran with: setting one share rescales the others of its
    // distribution, so a later share can move an earlier one away from its design value.
    std::vector<double> applied;
    for (const auto& path : design.parameters) applied.push_back(get_parameter(p, path));
    const ChainModel model = compile(p);
    const SimulationResult result = simulate(model, options);
    const auto table =
        tabulate_outcomes(model, result.replicates, result.simulated, engine::IntervalKind::mean, {}, {}, &cells);
    const OutcomeIndex rows(table);
    std::string out;
    for (const auto& m : request.measures) {
      const OutcomeRow* row = rows.find({m.population, m.origin, "all", m.measure, m.horizon_years});
      if (!row)
        throw InputError("measure " + m.label() + ": the model has no such output (see docs/outputs.md)");
      out += std::to_string(i);
      for (double v : applied) out.append(",").append(number(v));
      const auto& s = row->value;
      for (const std::string& field :
           {m.population, m.origin, m.measure, std::to_string(m.horizon_years), number(s.mean, "%.6f"),
            fixed_or_empty(s.low, 6), fixed_or_empty(s.high, 6),
            std::to_string(options.replications)})
        out.append(",").append(field);
      out += '\n';
    }
    system::write_file_atomically(point_file(request.out_dir, i), out);
    ++summary.computed;
    progress.update(t + 1, todo.size());
  }
  progress.finish();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return summary;
}

bool combine_sweep(const std::string& out_dir, int points) {
  const std::string spec = read_text_file((std::filesystem::path(out_dir) / "sweep_spec.txt").string(), "sweep specification");
  const std::string design_header = spec.substr(spec.find("\npoint") + 1, spec.find('\n', spec.find("\npoint") + 1) - spec.find("\npoint") - 1);
  std::string out = design_header + ",population,origin,measure,horizon_years,mean,ci_low,ci_high,replications\n";
  for (int i = 0; i < points; ++i) {
    const std::string file = point_file(out_dir, i);
    if (!std::filesystem::exists(file)) return false;
    out += read_text_file(file, "sweep point");
  }
  system::write_file_atomically(std::filesystem::path(out_dir) / "sweep.csv", out);
  return true;
}

}  // namespace doorstroom::models
