#include "models/studies/validation.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "models/chain/calendar.h"
#include "models/chain/chain_model.h"
#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/io/number_format.h"
#include "models/measure/outcomes.h"
#include "models/studies/identifiability.h"

namespace doorstroom::models {
namespace {

std::string fixed(double x, int digits = 4) { return fixed_or_empty(x, digits); }

std::string percent(double x) { return std::isnan(x) ? "" : fixed(100.0 * x, 1); }

const char* role_name(TargetRole role) { return role == TargetRole::calibrate ? "calibrate" : "validate"; }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

namespace {

// The simulated rows of every target: without a calendar one tabulation of the stationary blend;
// with one, every stratum per cohort year and each target against the cohorts it names.
std::vector<engine::Summary> simulate_targets(const ParameterSet& parameters, const std::vector<Target>& targets,
                                              const SimulationOptions& options, const std::vector<ParameterDraw>& draws,
                                              const Calendar* calendar) {
  std::map<std::string, CohortYears> years_of;
  CohortYears span{kFirstCohort, kFirstCohort};
  for (const Target& t : targets) {
    const CohortYears y = calendar ? cohort_years(t.cohort, t.population) : CohortYears{};
    years_of[t.id] = y;
    span.last = std::max(span.last, y.last);
  }
  auto expand = [&](const ParameterSet& p) { return calendar ? by_cohort(p, *calendar, span.first, span.last) : p; };
  const ParameterSet expanded = expand(parameters);
  const ChainModel model = compile(expanded);
  const SimulationResult result =
      draws.empty() ? simulate(model, options)
                    : simulate_varying(
                          [&](int r) {
                            ParameterSet p = parameters;
                            for (const auto& [path, value] : draws[static_cast<std::size_t>(r) % draws.size()]) set_parameter(p, path, value);
                            return expand(p);
                          },
                          options);
  const auto kind = draws.empty() ? engine::IntervalKind::mean : engine::IntervalKind::spread;
  std::map<CohortYears, std::vector<Target>> by_years;
  for (const Target& t : targets) by_years[years_of[t.id]].push_back(t);
  std::map<std::string, engine::Summary> matched;
  for (const auto& [years, group] : by_years) {
    const auto rows = tabulate_outcomes(model, result.replicates, result.simulated, kind, result.cohorts, years);
    const auto summaries = match_targets(rows, group);
    for (std::size_t i = 0; i < group.size(); ++i) matched[group[i].id] = summaries[i];
  }
  std::vector<engine::Summary> out;
  for (const Target& t : targets) out.push_back(matched.at(t.id));
  return out;
}

// The largest and smallest four-digit years of a cohort text, a school year counting by its first
// year (2016/17 and 2016_17 are 2016); {0, 0} without a year.
CohortYears years_in(const std::string& cohort) {
  auto digit = [&](std::size_t i) { return i < cohort.size() && std::isdigit(static_cast<unsigned char>(cohort[i])); };
  CohortYears y{0, 0};
  for (std::size_t i = 0; i < cohort.size(); ++i) {
    const char before = i ? cohort[i - 1] : ' ';
    const bool year = digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4);
    if (!year || std::isdigit(static_cast<unsigned char>(before)) || before == '/' || before == '_') continue;
    const int v = std::stoi(cohort.substr(i, 4));
    y.first = y.first ? std::min(y.first, v) : v;
    y.last = std::max(y.last, v);
  }
  return y;
}

}  // namespace

CohortYears cohort_years(const std::string& cohort, const std::string& population) {
  const CohortYears y = years_in(cohort);
  if (y.last < kFirstCohort) return {kFirstCohort, kBlendLast};  // no year, or before the data: the blend
  if (population == "entree_entrants" || population == "mbo_entrants") return {std::max(y.first, kFirstCohort), y.last};
  // Leavers of school year Y entered in Y or before: up to 2016 the blend the calibration used,
  // later the cohorts of Y and the year before.
  if (y.last <= kBlendLast) return {kFirstCohort, kBlendLast};
  return {std::max(y.first - 1, kFirstCohort), y.last};
}

ValidationReport validate(const ParameterSet& parameters, const std::vector<Target>& targets,
                          const SimulationOptions& options, const std::vector<ParameterDraw>& draws, const Calendar* calendar) {
  const auto simulated = simulate_targets(parameters, targets, options, draws, calendar);

  ValidationReport report;
  report.interval = draws.empty() ? "95% Student-t interval for the mean over replicates: Monte Carlo uncertainty only"
                                  : "2.5th to 97.5th percentile of the replicates, each with its own calibrated parameter "
                                    "draw: the spread from parameter uncertainty";
  if (calendar) report.interval += "; every target against the cohorts it names (" + calendar->file + ")";
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    ValidationRow row{t, simulated[i], t.z(simulated[i].mean), t.within(simulated[i].mean)};
    if (t.role == TargetRole::calibrate) {
      ++report.calibrate_total;
      report.calibrate_within += row.within;
    } else {
      ++report.validate_total;
      report.validate_within += row.within;
    }
    report.rows.push_back(std::move(row));
  }
  report.by_horizon = fit_by_horizon(report.rows);
  return report;
}

double error_points(const Target& target, double simulated) {
  if (target.low && target.high) return 100.0 * std::max({*target.low - simulated, simulated - *target.high, 0.0});
  return 100.0 * std::abs(simulated - target.value);
}

bool cohort_to_2016(const std::string& cohort) { return years_in(cohort).last <= 2016; }

std::string horizon_group(int horizon_years) {
  if (horizon_years <= 1) return "h" + std::to_string(horizon_years);
  if (horizon_years <= 5) return horizon_years <= 3 ? "h2-3" : "h4-5";
  return "h6+";
}

std::vector<HorizonFit> fit_by_horizon(const std::vector<ValidationRow>& rows) {
  std::vector<std::string> groups{"h0", "h1", "h2-3", "h4-5"};
  if (std::any_of(rows.begin(), rows.end(), [](const auto& r) { return r.target.horizon_years >= 6; })) groups.push_back("h6+");
  struct Subset {
    const char* name;
    TargetRole role;
    bool to_2016;
    bool from_2017;
  };
  const Subset subsets[] = {{"all", TargetRole::calibrate, false, false},
                            {"all", TargetRole::validate, false, false},
                            {"cohorts_to_2016", TargetRole::validate, true, false},
                            {"cohorts_from_2017", TargetRole::validate, false, true}};
  std::vector<HorizonFit> fits;
  for (const Subset& s : subsets) {
    for (const std::string& g : groups) {
      HorizonFit f;
      f.subset = s.name;
      f.group = g;
      f.role = s.role;
      double sum = 0.0;
      for (const auto& r : rows) {
        const Target& t = r.target;
        if (t.role != s.role || horizon_group(t.horizon_years) != g || (s.to_2016 && !cohort_to_2016(t.cohort)) ||
            (s.from_2017 && cohort_to_2016(t.cohort)))
          continue;
        const double e = error_points(t, r.simulated.mean);
        ++f.rows;
        f.reproduced += r.within;
        sum += e;
        if (f.rows == 1 || e > f.worst_error_points) {
          f.worst_target = t.id;
          f.worst_error_points = e;
        }
      }
      if (!f.rows) f.worst_error_points = std::nan("");
      f.mean_abs_error_points = f.rows ? sum / f.rows : std::nan("");
      fits.push_back(std::move(f));
    }
  }
  return fits;
}

std::string fit_by_horizon_markdown(const std::vector<HorizonFit>& fits) {
  std::ostringstream md;
  auto table = [&](const std::string& subset) {
    std::vector<std::string> groups;
    std::vector<TargetRole> roles;
    for (const auto& f : fits) {
      if (f.subset != subset) continue;
      if (std::find(groups.begin(), groups.end(), f.group) == groups.end()) groups.push_back(f.group);
      if (std::find(roles.begin(), roles.end(), f.role) == roles.end()) roles.push_back(f.role);
    }
    md << "| horizon |";
    for (TargetRole role : roles)
      md << (role == TargetRole::calibrate ? " calibration" : " validation")
         << " rows | reproduced (%) | mean abs. error (points) | worst row (points) |";
    md << "\n|---|";
    for (std::size_t i = 0; i < roles.size(); ++i) md << "---|---|---|---|";
    md << "\n";
    for (const auto& g : groups) {
      md << "| " << g << " (" << g.substr(1) << (g == "h1" ? " year" : " years") << ") |";
      for (TargetRole role : roles) {
        const auto f = std::find_if(fits.begin(), fits.end(), [&](const HorizonFit& x) {
          return x.subset == subset && x.group == g && x.role == role;
        });
        md << " " << f->rows << " | " << (f->rows ? percent(f->share()) : "") << " | " << fixed(f->mean_abs_error_points, 1)
           << " | " << (f->rows ? f->worst_target + " (" + fixed(f->worst_error_points, 1) + ")" : "") << " |";
      }
      md << "\n";
    }
    md << "\n";
  };
  md << "## Fit by horizon\n\n"
     << "Every target row (the tables further down), grouped by its horizon: years after the first census\n"
     << "date of its population. The error of a row is |simulated - observed| in percentage points; for a\n"
     << "verbal figure with an interval, the distance to the interval (0 inside it). The worst row is the one\n"
     << "with the largest error. The same numbers are in `fit_by_horizon.csv` beside `calibration.csv`.\n\n";
  table("all");
  md << "### Validation rows of cohorts up to 2016\n\n"
     << "The validation rows of cohorts up to 2016, the period of the calibration rows; rows of later cohorts\n"
     << "measure calendar time and are left for a later issue. A cohort counts as up to 2016 when its last\n"
     << "year is 2016 or before: the largest four-digit year of the `cohort` column, where a school year\n"
     << "counts by its first year (2016/17 is the cohort of 2016, so 2014/15-2016/17 is 2014-2016). So 2011,\n"
     << "2014, 2014/15, 2015, 2016 and 2014-2016 count, and 2017, 2017/18, 2018/19 and 2018/19-2021/22 do\n"
     << "not. A row without a year (empty, `unstated`) counts as up to 2016.\n\n";
  table("cohorts_to_2016");
  md << "### Validation rows of cohorts from 2017\n\n"
     << "The validation rows whose cohort ends in 2017 or later: with the calendar (models/data/calendar.toml)\n"
     << "each is compared with the simulated cohorts it names, whose effects beyond 2016 follow the\n"
     << "calendar's trend assumptions (docs/projections.md).\n\n";
  table("cohorts_from_2017");
  return md.str();
}

std::string fit_by_horizon_csv(const std::vector<HorizonFit>& fits) {
  std::string out =
      "subset,role,horizon_group,rows,reproduced,share_reproduced,mean_abs_error_points,worst_target,worst_error_points\n";
  for (const auto& f : fits)
    out += f.subset + ',' + role_name(f.role) + ',' + f.group + ',' + std::to_string(f.rows) + ',' +
           std::to_string(f.reproduced) + ',' + (f.rows ? fixed(f.share()) : "") + ',' + fixed(f.mean_abs_error_points, 2) +
           ',' + csv_field(f.worst_target) + ',' + fixed(f.worst_error_points, 2) + '\n';
  return out;
}

std::string validation_csv(const ValidationReport& report) {
  std::string out =
      "target,role,source,table,lines,population,origin,variant,cohort,measure,horizon_years,observed,observed_low,"
      "observed_high,n,standard_error,simulated_mean,simulated_ci_low,simulated_ci_high,z,within\n";
  for (const auto& r : report.rows) {
    const Target& t = r.target;
    out += t.id + ',' + role_name(t.role) + ',' + csv_field(t.source) + ',' +
           csv_field(t.table) + ',' + csv_field(t.lines) + ',' + t.population + ',' + t.origin + ',' + t.variant + ',' +
           csv_field(t.cohort) + ',' + t.measure + ',' + std::to_string(t.horizon_years) + ',' + fixed(t.value) + ',' +
           (t.low ? fixed(*t.low) : "") + ',' + (t.high ? fixed(*t.high) : "") + ',' + (t.n ? fixed(*t.n, 0) : "") + ',' +
           fixed(t.standard_error(), 5) + ',' + fixed(r.simulated.mean) + ',' + fixed(r.simulated.low) + ',' +
           fixed(r.simulated.high) + ',' + fixed(r.z, 2) + ',' + (r.within ? "yes" : "no") + '\n';
  }
  return out;
}

std::string calibration_markdown(const ValidationReport& report, const ParameterSet& parameters,
                                 const std::vector<std::string>& free, const ReportContext& context,
                                 const std::string& identifiability) {
  std::ostringstream md;
  md << "# Calibration and validation\n\n"
     << "This page is written by `doorstroom validate`; do not edit it by hand. The method and the choice of\n"
     << "targets are explained in [calibration-method.md](calibration-method.md) and\n"
     << "[targets-notes.md](targets-notes.md).\n\n"
     << "Made with `" << context.command_line << "` at commit `" << context.git_commit << "`.\n"
     << "Simulated values: " << report.interval << ".\n\n"
     << "A target counts as reproduced when the simulated mean lies within 2 standard errors of the observed\n"
     << "share (binomial, from n), or within 1.5 percentage points where n makes the standard error tiny; for a\n"
     << "verbal figure (\"ruim\", \"bijna\", \"ongeveer\") within 1.5 points of its interval.\n\n";
  int early_total = 0, early_within = 0, late_total = 0, late_within = 0;  // validation rows up to 2016, from 2017
  for (const auto& f : report.by_horizon) {
    if (f.subset == "cohorts_to_2016") {
      early_total += f.rows;
      early_within += f.reproduced;
    }
    if (f.subset == "cohorts_from_2017") {
      late_total += f.rows;
      late_within += f.reproduced;
    }
  }
  auto share = [](int within, int total) { return percent(total ? static_cast<double>(within) / total : std::nan("")); };
  md << "**Summary: " << report.calibrate_within << " of " << report.calibrate_total << " calibration targets ("
     << percent(report.calibrate_share()) << "%) and " << report.validate_within << " of " << report.validate_total
     << " validation targets (" << share(report.validate_within, report.validate_total) << "%; of cohorts up to 2016: "
     << early_within << " of " << early_total << ", " << share(early_within, early_total) << "%; from 2017: " << late_within
     << " of " << late_total << ", " << share(late_within, late_total) << "%) are reproduced.** The threshold for calibration targets is " << percent(context.threshold) << "%.\n\n"
     << fit_by_horizon_markdown(report.by_horizon);

  auto table = [&](TargetRole role, const char* title) {
    md << "## " << title << "\n\n"
       << "| target | source | population | origin | variant | measure | h | observed (%) | simulated (%) | 95% interval | z | ok |\n"
       << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& r : report.rows) {
      if (r.target.role != role) continue;
      const Target& t = r.target;
      std::string observed = percent(t.value);
      if (t.low) observed += " (" + percent(*t.low) + "-" + percent(*t.high) + ")";
      md << "| " << t.id << " | " << t.source.substr(0, 3) << " " << t.table << " l. " << t.lines << " | " << t.population
         << " | " << t.origin << " | " << t.variant << " | " << t.measure << " | " << t.horizon_years << " | " << observed
         << " | " << percent(r.simulated.mean) << " | " << percent(r.simulated.low) << " to " << percent(r.simulated.high)
         << " | " << fixed(r.z, 1) << " | " << (r.within ? "yes" : "**no**") << " |\n";
    }
    md << "\n";
  };
  table(TargetRole::calibrate, "Calibration targets");
  table(TargetRole::validate, "Validation targets (not used in the fit)");

  md << "## Worst-fitting targets\n\n| target | observed (%) | simulated (%) | z |\n|---|---|---|---|\n";
  std::vector<const ValidationRow*> sorted;
  for (const auto& r : report.rows) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return std::abs(a->z) > std::abs(b->z); });
  for (std::size_t i = 0; i < std::min<std::size_t>(10, sorted.size()); ++i)
    md << "| " << sorted[i]->target.id << " | " << percent(sorted[i]->target.value) << " | "
       << percent(sorted[i]->simulated.mean) << " | " << fixed(sorted[i]->z, 1) << " |\n";

  md << "\n## Fitted parameters\n\n| parameter | value |\n|---|---|\n";
  for (const auto& path : free) {
    std::ostringstream v;
    v << get_parameter(parameters, path);
    md << "| `" << path << "` | " << v.str() << " |\n";
  }
  if (!identifiability.empty())
    md << "\n## Which fitted parameters the targets pin down\n\n"
          "Per free parameter: its standard error on the calibration's scale (log for rates, logit for shares) from the "
          "Jacobian of the targets' z-scores at the fit (J^T J inverted, without the prior), the spread of its bootstrap "
          "draws, the three targets that move most with it, and the parameters it is most correlated with. A parameter "
          "*not informed* or informed *only jointly* is set by its start value and the weak prior: an assumption, not "
          "data. Method and thresholds: [identifiability.md](identifiability.md) (`doorstroom identify --out docs`; "
          "`models/studies/identifiability.h`).\n\n"
       << identifiability;

  md << "\n## Assumptions (not fitted, not from a table)\n\n"
     << "Every record of the parameter file that holds an assumption, with the multiplier range a sweep explores.\n\n"
     << "| record | assumption | range | where |\n|---|---|---|---|\n";
  auto row = [&](const std::string& kind, const std::string& name, const Provenance& p) {
    if (p.assumption.empty()) return;
    md << "| " << kind << (name.empty() ? "" : "." + name) << " | " << p.assumption << " | ";
    if (p.range) md << fixed(p.range->low, 2) << "-" << fixed(p.range->high, 2);
    md << " | " << p.where.substr(p.where.rfind('/') == std::string::npos ? 0 : p.where.rfind('/') + 1) << " |\n";
  };
  for (const auto& s : parameters.strata) row("stratum", s.name, s.provenance);
  for (const auto& r : parameters.routes) row("route", r.name, r.provenance);
  for (const auto& m : parameters.mixes) row("mix", m.name, m.provenance);
  for (const auto& m : parameters.modifiers) row("modifier", m.name, m.provenance);
  for (const auto& a : parameters.age_rules) row("age_rule", a.name, a.provenance);
  for (const auto& a : parameters.admissions) row("admission", a.name, a.provenance);
  row("cost", "", parameters.cost.provenance);
  row("measurement", "pro_achtergrond", parameters.measurement.provenance);
  return md.str();
}

}  // namespace doorstroom::models

#include <filesystem>
#include <optional>

#include "system/atomic_file.h"
#include "git_commit.h"
#include "models/studies/calibration.h"
#include "models/studies/run.h"

namespace doorstroom::models {

ValidationReport validate_to_files(const ValidateRequest& request) {
  const auto targets = load_targets(request.targets_file).targets;
  const Scenario scenario = load("", "");
  std::vector<ParameterDraw> draws;
  if (request.parameter_uncertainty) draws = read_draws(embedded_draws(), "embedded:models/data/parameter_draws.csv");
  std::optional<Calendar> calendar;
  if (request.calendar_file != "none")
    calendar = load_calendar(std::filesystem::exists(request.calendar_file) ? request.calendar_file : "");
  const ValidationReport report = validate(scenario.parameters, targets, request.options, draws, calendar ? &*calendar : nullptr);

  const std::filesystem::path out = request.out_dir;
  std::filesystem::create_directories(out);
  system::write_file_atomically(out / "calibration.csv", validation_csv(report));
  system::write_file_atomically(out / "fit_by_horizon.csv", fit_by_horizon_csv(report.by_horizon));
  // The default page path is relative to the repository; elsewhere there is no docs/ to update.
  const bool doc_wanted = !request.doc_path.empty() &&
                          std::filesystem::is_directory(std::filesystem::path(request.doc_path).parent_path().empty()
                                                            ? std::filesystem::path(".")
                                                            : std::filesystem::path(request.doc_path).parent_path());
  if (doc_wanted) {
    const auto settings = read_calibration_settings(embedded_calibration_settings(), "embedded:models/data/calibration.toml");
    IdentifyOptions identify_options;
    identify_options.threads = request.options.threads;
    identify_options.progress = request.options.progress;
    const std::string identifiability = identifiability_table_markdown(identify(identify_options));
    system::write_file_atomically(request.doc_path,
                                  calibration_markdown(report, scenario.parameters, settings.free,
                                                       {request.command_line, DOORSTROOM_GIT, request.threshold},
                                                       identifiability));
  }
  return report;
}

}  // namespace doorstroom::models
