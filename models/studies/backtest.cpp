#include "models/studies/backtest.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <tuple>

#include "models/io/input_error.h"
#include "models/io/json.h"
#include "models/io/number_format.h"
#include "models/studies/run.h"
#include "models/studies/validation.h"

namespace doorstroom::embedded {
extern const std::string_view backtest_calibrated;
}  // namespace doorstroom::embedded

namespace doorstroom::models {
namespace {

// The patch of the request: the file when it exists, else the compiled-in copy of the default.
std::pair<std::string, std::string> calibrated_patch(const BacktestRequest& request) {
  if (std::filesystem::exists(request.calibrated_file))
    return {request.calibrated_file, read_text_file(request.calibrated_file, "backtest parameter file")};
  if (request.calibrated_file != kBacktestCalibrated)
    throw InputError(request.calibrated_file + ": backtest parameter file not found");
  return {"embedded:" + request.calibrated_file, std::string(embedded::backtest_calibrated)};
}

// Rows the projection's school-year counts measure: shares of entree entrants on 1 October by
// vooropleiding. pro_achtergrond is not an origin of the projection (a share of every stratum):
// validate's machinery measures it.
bool by_projection(const Target& t) {
  return t.population == "entree_entrants" && t.measure == "share_of_population" && t.horizon_years == 0 &&
         t.origin != "pro_achtergrond";
}

using EntrantKey = std::tuple<int, std::string, std::string>;  // school year, origin, variant

std::map<EntrantKey, double> entrants(const ProjectionResult& projection) {
  std::map<EntrantKey, double> out;
  for (const auto& r : projection.rows)
    if (r.measure == "entree_entrants") out[{r.school_year, r.origin, r.variant}] = r.value.mean;
  return out;
}

// Entrants of the row's origin over entrants of all origins, of its variant, pooled over its years.
double projected_share(const Target& t, CohortYears years, const std::map<EntrantKey, double>& counts) {
  double part = 0.0, whole = 0.0;
  for (int y = years.first; y <= years.last; ++y) {
    const auto p = counts.find({y, t.origin, t.variant});
    if (p == counts.end())
      throw InputError("target " + t.id + " (line " + std::to_string(t.line) + "): the projection has no entree_entrants of origin '" +
                       t.origin + "', variant '" + t.variant + "'");
    part += p->second;
    whole += counts.at({y, "all", t.variant});
  }
  return whole > 0.0 ? part / whole : std::nan("");
}

BacktestRow make_row(const Target& t, BacktestMethod method, int school_year, double projected) {
  BacktestRow row;
  row.target = t;
  row.method = method;
  row.school_year = school_year;
  row.lead_years = school_year - kBacktestFittedThrough;
  row.observed = t.value;
  row.projected = projected;
  row.error = projected - t.value;
  row.within = t.within(projected);
  return row;
}

std::string skipped_json(const std::vector<SkippedRow>& skipped) {
  std::string out;
  for (const auto& s : skipped)
    out += (out.empty() ? "" : ", ") + ("{\"id\": " + json_string(s.id) + ", \"reason\": " + json_string(s.reason) + "}");
  return "[" + out + "]";
}

}  // namespace

std::vector<Target> later_targets(const std::vector<Target>& targets) {
  std::vector<Target> later;
  for (const Target& t : targets)
    if (!cohort_to_2016(t.cohort)) later.push_back(t);
  return later;
}

BacktestResult backtest(const BacktestRequest& request) {
  static_assert(kBacktestFittedThrough == kBlendLast, "cohort_to_2016 and the calendar cut name the same last year");
  const auto [patch_name, patch_text] = calibrated_patch(request);
  const TargetFile file = load_targets(request.targets_file);
  BacktestResult result;
  result.targets_name = file.name;
  result.targets_hash = file.hash;

  ProjectionRequest& p = result.projection_request;
  p.from = request.from;
  p.to = request.to;
  p.calendar_file = request.calendar_file;
  p.calendar_through = kBacktestFittedThrough;
  p.future = request.future;
  p.calibrated_file = patch_name;
  p.calibrated_text = patch_text;
  p.options = request.options;
  p.out_dir = request.out_dir;
  p.command_line = request.command_line;
  result.projection = project(p);
  const auto counts = entrants(result.projection);

  // The rows for the cohort machinery, and every later row for the stationary comparison.
  std::vector<Target> cohort_rows, compared;
  for (const Target& t : later_targets(file.targets)) {
    const CohortYears years = cohort_years(t.cohort, t.population);
    // The projection counts only its own school years; the cohort machinery simulates earlier
    // cohorts too (leavers of 2017 entered in 2016 or 2017), so there only the last year must fall
    // within the backtest's years.
    const int first_needed = by_projection(t) ? years.first : years.last;
    if (first_needed < request.from || years.last > request.to) {
      result.skipped.push_back({t.id, "its school years " + std::to_string(years.first) + "-" + std::to_string(years.last) +
                                          " are not within the backtest's " + std::to_string(request.from) + "-" +
                                          std::to_string(request.to)});
      continue;
    }
    compared.push_back(t);
    if (by_projection(t))
      result.rows.push_back(make_row(t, BacktestMethod::projection, years.last, projected_share(t, years, counts)));
    else
      cohort_rows.push_back(t);
  }
  const ParameterSet parameters = load_calibrated("", patch_text, patch_name).parameters;
  const Calendar calendar = request_calendar(request.calendar_file, kBacktestFittedThrough);
  SimulationOptions cohort_options = request.options;
  cohort_options.students = request.cohort_students;
  if (!cohort_rows.empty()) {
    const ValidationReport by_cohorts = validate(parameters, cohort_rows, cohort_options, {}, &calendar);
    for (const auto& v : by_cohorts.rows)
      result.rows.push_back(make_row(v.target, BacktestMethod::cohorts, cohort_years(v.target.cohort, v.target.population).last,
                                     v.simulated.mean));
  }
  if (!compared.empty()) {
    const ValidationReport stationary = validate(parameters, compared, cohort_options, {}, nullptr);
    std::map<std::string, const ValidationRow*> by_id;
    for (const auto& v : stationary.rows) by_id[v.target.id] = &v;
    for (BacktestRow& row : result.rows) {
      row.stationary = by_id.at(row.target.id)->simulated.mean;
      row.within_stationary = by_id.at(row.target.id)->within;
    }
  }
  return result;
}

std::vector<LeadError> error_by_lead(const std::vector<BacktestRow>& rows) {
  std::map<int, LeadError> by_lead;
  for (const auto& r : rows) {
    if (std::isnan(r.error)) continue;
    LeadError& e = by_lead[r.lead_years];
    e.lead_years = r.lead_years;
    ++e.rows;
    e.mean_abs_error += std::abs(r.error);
  }
  std::vector<LeadError> out;
  for (auto& [lead, e] : by_lead) {
    e.mean_abs_error /= e.rows;
    out.push_back(e);
  }
  return out;
}

std::string backtest_csv(const BacktestResult& result) {
  std::string out = "measure,origin,variant,school_year,lead_years,observed,projected,error\n";
  for (const auto& r : result.rows)
    out += r.target.measure + ',' + r.target.origin + ',' + r.target.variant + ',' + std::to_string(r.school_year) + ',' +
           std::to_string(r.lead_years) + ',' + fixed_or_empty(r.observed, 4) + ',' + fixed_or_empty(r.projected, 4) + ',' +
           fixed_or_empty(r.error, 4) + '\n';
  return out;
}

BacktestResult backtest_to_folder(const BacktestRequest& request) {
  const auto t0 = std::chrono::steady_clock::now();
  const BacktestResult result = backtest(request);
  std::vector<system::FolderFile> files = {{"backtest.csv", backtest_csv(result)},
                                           {"projection.csv", projection_csv(result.projection)}};
  int validation = 0, calendar_within = 0, stationary_within = 0;
  std::string ids, leads;
  for (const auto& r : result.rows) {
    ids += (ids.empty() ? "" : ", ") + ("{\"id\": " + json_string(r.target.id) + ", \"method\": \"" +
                                        (r.method == BacktestMethod::projection ? "projection" : "cohorts") + "\", \"within\": " +
                                        (r.within ? "true" : "false") + ", \"stationary\": " + fixed_or_empty(r.stationary, 4) +
                                        ", \"within_stationary\": " + (r.within_stationary ? "true" : "false") + "}");
    if (r.target.role != TargetRole::validate) continue;
    ++validation;
    calendar_within += r.within;
    stationary_within += r.within_stationary;
  }
  for (const auto& e : error_by_lead(result.rows)) {
    if (!leads.empty()) leads += ", ";
    leads += json_string(std::to_string(e.lead_years));
    leads += ": {\"rows\": " + std::to_string(e.rows) + ", \"mean_abs_error\": " + fixed_or_empty(e.mean_abs_error, 4) + "}";
  }
  const std::string extra =
      "  \"backtest\": {\"fitted_through\": " + std::to_string(kBacktestFittedThrough) +
      ", \"calibrated_file\": " + json_string(result.projection_request.calibrated_file) +
      ", \"targets\": " + json_string(result.targets_name) + ", \"targets_fnv1a64\": " + json_string(result.targets_hash) +
      ", \"cohort_students\": " + std::to_string(request.cohort_students) +
      ", \"validation_rows\": " + std::to_string(validation) + ", \"reproduced_calendar\": " + std::to_string(calendar_within) +
      ", \"reproduced_stationary\": " + std::to_string(stationary_within) + ", \"mean_abs_error_by_lead\": {" + leads +
      "}, \"rows\": [" + ids + "], \"skipped\": " + skipped_json(result.skipped) + "},\n";
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  files.push_back({"manifest.json", projection_manifest(result.projection_request, result.projection, files, seconds, extra)});
  write_result_folder(request.out_dir, files);
  return result;
}

}  // namespace doorstroom::models
