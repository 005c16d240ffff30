#include "models/studies/projection.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>

#include "engine/runner.h"
#include "models/chain/start_year.h"
#include "models/studies/replicate_parameters.h"
#include "models/io/input_error.h"
#include "models/io/json.h"
#include "models/io/number_format.h"
#include "models/measure/cost.h"
#include "models/measure/outcomes.h"
#include "models/measure/school_years.h"
#include "models/studies/calibration.h"
#include "models/studies/run.h"
#include "system/progress.h"

namespace doorstroom::models {
namespace {

constexpr int kLastCalendarYear = 2100;
constexpr std::uint64_t kLeadPilotStudents = 4000;

// The school years a stratum is followed for (its censuses), the most over all strata.
int followed_years(const ChainModel& model) {
  int years = 0;
  for (int g = 0; g < model.process.groups(); ++g) years = std::max(years, censuses_within(model.process.group(g).end));
  return years;
}

Inflow& inflow_of(Calendar& calendar, const std::string& origin) {
  for (Inflow& in : calendar.inflow)
    if (in.origin == origin) return in;
  throw InputError(calendar.file + ": no [inflow." + origin + "] table");
}

// The isk counts after the last one, grown by the chosen assumption up to the last calendar year,
// so that they hold under --future constant too.
void extend_isk(Calendar& calendar, IskVariant isk) {
  if (!calendar.isk_future) return;
  const IskFuture& f = *calendar.isk_future;
  const double growth = isk == IskVariant::low ? f.low : isk == IskVariant::high ? f.high : f.central;
  Inflow& in = inflow_of(calendar, "isk");
  for (int y = in.counts.rbegin()->first + 1; y <= kLastCalendarYear; ++y) in.counts[y] = in.counts.at(y - 1) * (1.0 + growth);
}

}  // namespace

Calendar request_calendar(const std::string& file, int through) {
  Calendar calendar = load_calendar(!file.empty() && std::filesystem::exists(file) ? file : "");
  return through ? calendar_through(std::move(calendar), through) : calendar;
}

Calendar projection_calendar(Calendar calendar, IskVariant isk, const std::vector<InflowRow>& inflow,
                             const std::vector<std::string>& origins, const std::string& inflow_file) {
  for (const InflowRow& row : inflow) {
    const std::string at = inflow_file + ":" + std::to_string(row.line) + ": ";
    if (std::find(origins.begin(), origins.end(), row.origin) == origins.end()) {
      std::string list;
      for (const auto& o : origins) list += (list.empty() ? "" : ", ") + o;
      throw InputError(at + "column origin: unknown entree origin '" + row.origin + "' (expected one of " + list + ")");
    }
    if (row.school_year <= calendar.blend_last)
      throw InputError(at + "column school_year: " + std::to_string(row.school_year) + " is in or before the calibrated years " +
                       std::to_string(calendar.blend_first) + "-" + std::to_string(calendar.blend_last) +
                       "; give inflow from " + std::to_string(calendar.blend_last + 1) + " on");
    inflow_of(calendar, row.origin).counts[row.school_year] = row.count;
  }
  for (const Inflow& in : calendar.inflow) {
    int previous = in.counts.begin()->first;
    for (const auto& [year, count] : in.counts) {
      if (year > previous + 1)
        throw InputError(inflow_file + ": origin " + in.origin + ": no count for " + std::to_string(previous + 1) + "-" +
                         std::to_string(year - 1) + " (the years must follow on from the calendar's last year without a gap)");
      previous = year;
    }
  }
  extend_isk(calendar, isk);
  return calendar;
}

std::map<std::string, int> stratum_leads(const ParameterSet& parameters) {
  const ChainModel model = compile(parameters);
  const int groups = static_cast<int>(model.strata.size());
  engine::RunPlan plan;
  plan.seed = 1;
  plan.cases_per_group.assign(static_cast<std::size_t>(groups), kLeadPilotStudents);
  const auto tally = engine::run_replicates(model.process, plan, SchoolYearTally(groups, followed_years(model))).front();
  std::map<std::string, int> leads;
  for (int g = 0; g < groups; ++g) {
    double n = 0.0, sum = 0.0;
    for (int k = 0; k < tally.years(); ++k)
      for (int v = 0; v < 3; ++v) {
        const auto c = static_cast<double>(tally.count(g, k, slot(YearCount::entree_entrants, v)));
        n += c;
        sum += c * k;
      }
    const auto& s = model.strata[static_cast<std::size_t>(g)];
    leads[s.name] = s.starts_in_vo && n > 0 ? static_cast<int>(std::lround(sum / n)) : 0;
  }
  return leads;
}

namespace {

// One scenario's simulated school years: per replicate the tally and each stratum's weight
// (national students per simulated student).
struct ScenarioRun {
  std::vector<SchoolYearTally> replicates;
  std::vector<std::vector<double>> weights;
  std::vector<int> origin_year, origin;  // per stratum: the school year of its t = 0; index in the origin list
  std::uint64_t students = 0, transitions = 0;
};

struct Setup {
  const ProjectionRequest& request;
  Calendar calendar;
  std::map<std::string, int> leads;
  std::vector<std::string> origins;
  int years = 0, first_cohort = 0, last_cohort = 0;
  const ParameterSet& base;
  ParameterDraws draws;
  std::vector<AssumedEffect> effects;  // the scenario's, drawn per replicate (as in compare)
  // One kind for every row, so that baseline and scenario bands compare like with like (and agree
  // exactly before a start year): the spread over replicates when anything is drawn per replicate
  // (parameter draws, a scenario's assumptions), else the interval of the mean.
  engine::IntervalKind interval = engine::IntervalKind::mean;
};

// A scenario whose causal share or assumed effects are drawn per replicate, as in `compare`.
bool draws_assumptions(const Setup& s, const Scenario& scenario) { return scenario.causal_share || !s.effects.empty(); }

ChainModel cohort_model(const Setup& s, const ParameterSet& p) {
  return compile(by_cohort(p, s.calendar, s.first_cohort, s.last_cohort, s.request.future));
}

int origin_year(const Setup& s, const StratumInfo& st) { return st.cohort_year - s.leads.at(st.name); }

// The model of replicate r: the baseline, the scenario, or the baseline switching to the scenario
// on 1 August of its start year.
ChainModel model_for(const Setup& s, const Scenario* scenario, int r) {
  const ChainModel base = cohort_model(s, s.draws.under(s.base, r));
  if (!scenario) return base;
  const CausalShare* causal = scenario->causal_share ? &*scenario->causal_share : nullptr;
  const ChainModel scen = cohort_model(
      s, replicate_parameters(scenario->parameters, causal, s.effects, s.draws, s.request.options.seed, r));
  if (!scenario->start_year) return scen;
  std::vector<double> at;
  for (const auto& st : base.strata) at.push_back(switch_time(*scenario->start_year, origin_year(s, st)));
  return with_switch(base, scen, at);
}

ScenarioRun simulate_scenario(const Setup& s, const Scenario* scenario, system::ProgressLine& progress, int& done) {
  const SimulationOptions& o = s.request.options;
  const int total = 2 * o.replications;
  ScenarioRun run;
  const bool drawn = !s.draws.empty() || (scenario && draws_assumptions(s, *scenario));
  std::optional<ChainModel> fixed;
  if (!drawn) fixed.emplace(model_for(s, scenario, 0));
  // Replicates with the same model run together; with draws each compiles its own.
  const int batches = fixed ? 1 : o.replications;
  for (int b = 0; b < batches; ++b) {
    const ChainModel model = fixed ? *fixed : model_for(s, scenario, b);
    const int strata = static_cast<int>(model.strata.size());
    engine::RunPlan plan;
    plan.seed = o.seed;
    plan.replications = fixed ? o.replications : 1;
    plan.first_replicate = static_cast<std::uint32_t>(b);
    plan.threads = o.threads;
    run.origin_year.clear();
    run.origin.clear();
    std::vector<double> weight;
    run.students = 0;
    for (const auto& st : model.strata) {
      const int first = origin_year(s, st);
      // Only the cohorts in school in a projected year are simulated.
      const bool needed = first <= s.request.to && first + s.years - 1 >= s.request.from;
      plan.cases_per_group.push_back(needed ? o.students : 0);
      run.students += plan.cases_per_group.back();
      weight.push_back(needed ? st.cohort / static_cast<double>(o.students) : 0.0);
      run.origin_year.push_back(first);
      run.origin.push_back(static_cast<int>(std::find(s.origins.begin(), s.origins.end(), st.entree_origin) - s.origins.begin()));
    }
    engine::ProgressFn report;
    // Without draws each scenario's replicates run in one go: the line shows that scenario's share.
    if (fixed) report = [&](std::uint64_t d, std::uint64_t n) { progress.update(d, n); };
    auto tallies = engine::run_replicates(model.process, plan, SchoolYearTally(strata, s.years), report);
    for (auto& t : tallies) {
      run.transitions += t.transitions();
      run.replicates.push_back(std::move(t));
      run.weights.push_back(weight);
    }
    if (!fixed) progress.update(static_cast<std::uint64_t>(++done), static_cast<std::uint64_t>(total));
  }
  if (fixed) done += o.replications;
  return run;
}

// The national count of every slot per replicate, school year and origin (0: all).
struct Totals {
  int origins = 0, years = 0;
  std::vector<double> values;  // [replicate][year][origin + 1][slot]
  // Where the slots of one replicate, year and origin (0: all) start in `values`.
  [[nodiscard]] std::size_t cell(std::size_t r, int y, int o) const {
    return ((r * static_cast<std::size_t>(years) + static_cast<std::size_t>(y)) * static_cast<std::size_t>(origins + 1) +
            static_cast<std::size_t>(o)) * kYearCounts;
  }
  [[nodiscard]] double at(int r, int y, int o, int slot_index) const {
    return values[cell(static_cast<std::size_t>(r), y, o) + static_cast<std::size_t>(slot_index)];
  }
};

Totals totals(const Setup& s, const ScenarioRun& run) {
  const int n_years = s.request.to - s.request.from + 1;
  const int n_origins = static_cast<int>(s.origins.size());
  Totals t{n_origins, n_years, std::vector<double>(run.replicates.size() * static_cast<std::size_t>(n_years) *
                                                   static_cast<std::size_t>(n_origins + 1) * kYearCounts)};
  for (std::size_t r = 0; r < run.replicates.size(); ++r)
    for (std::size_t g = 0; g < run.origin_year.size(); ++g) {
      const double w = run.weights[r][g];
      if (w == 0.0) continue;
      for (int k = 0; k < s.years; ++k) {
        const int y = run.origin_year[g] + k - s.request.from;
        if (y < 0 || y >= n_years) continue;
        for (int c = 0; c < kYearCounts; ++c) {
          const double v = w * static_cast<double>(run.replicates[r].count(static_cast<int>(g), k, c));
          t.values[t.cell(r, y, 0) + static_cast<std::size_t>(c)] += v;
          t.values[t.cell(r, y, run.origin[g] + 1) + static_cast<std::size_t>(c)] += v;
        }
      }
    }
  return t;
}

// A measure's value from the slots of one cell; variant -1 is all variants.
double measure_value(const std::string& measure, int variant, const Totals& t, int r, int y, int o, const CostParameters& cost) {
  auto by_variant = [&](YearCount c) {
    if (variant >= 0) return t.at(r, y, o, slot(c, variant));
    return t.at(r, y, o, slot(c, 0)) + t.at(r, y, o, slot(c, 1)) + t.at(r, y, o, slot(c, 2));
  };
  if (measure == "entree_students") return by_variant(YearCount::entree_students);
  if (measure == "entree_entrants") return by_variant(YearCount::entree_entrants);
  if (measure == "entree_diplomas") return by_variant(YearCount::entree_diplomas);
  if (measure == "entree_dropouts_without_diploma") return by_variant(YearCount::entree_dropouts_without_diploma);
  if (measure == "niveau2_students") return t.at(r, y, o, slot(YearCount::niveau2_students));
  if (measure == "startkwalificaties") return t.at(r, y, o, slot(YearCount::startkwalificaties));
  double years = 0.0, euro = 0.0;
  for (int f = 0; f < kFundedTimes; ++f) {
    const double funded = t.at(r, y, o, slot(YearCount::funded_days, f)) / 365.25;
    years += funded;
    euro += funded * euro_per_funded_year(cost, static_cast<FundedTime>(f));
  }
  return measure == "cost_eur" ? euro : years;
}

bool split_by_variant(const std::string& measure) { return measure.rfind("entree_", 0) == 0; }

void add_rows(const Setup& s, const std::string& name, const ScenarioRun& run, const CostParameters& cost,
              std::vector<ProjectionRow>& rows) {
  const Totals t = totals(s, run);
  const auto kind = s.interval;
  const int reps = static_cast<int>(run.replicates.size());
  for (int y = 0; y < t.years; ++y)
    for (const auto& measure : projection_measures())
      for (int o = 0; o <= t.origins; ++o)
        for (int v = -1; v < (split_by_variant(measure) ? 3 : 0); ++v) {
          std::vector<double> values;
          for (int r = 0; r < reps; ++r) values.push_back(measure_value(measure, v, t, r, y, o, cost));
          rows.push_back({name, s.request.from + y, measure, o == 0 ? "all" : s.origins[static_cast<std::size_t>(o - 1)],
                          v < 0 ? "all" : std::string(kVariantNames[static_cast<std::size_t>(v)]), engine::summarize(values, kind),
                          reps});
        }
}

}  // namespace

namespace {

// Appends the entree origins of the strata that `origins` lacks, in the strata's order.
void add_stratum_origins(std::vector<std::string>& origins, const ParameterSet& parameters) {
  for (const auto& st : parameters.strata)
    if (std::find(origins.begin(), origins.end(), st.entree_origin) == origins.end()) origins.push_back(st.entree_origin);
}

// The baseline or a scenario over the request's calibrated patch (run.h: load, load_calibrated).
Scenario load_for(const ProjectionRequest& request, const std::string& scenario_file) {
  if (request.calibrated_file.empty()) return load(scenario_file, "");
  return load_calibrated(scenario_file, request.calibrated_text, request.calibrated_file);
}

}  // namespace

ProjectionResult project(const ProjectionRequest& request) {
  if (request.from < 2000 || request.to > kLastCalendarYear || request.from > request.to)
    throw InputError("--from " + std::to_string(request.from) + " --to " + std::to_string(request.to) +
                     ": expected school years from 2000 to 2100 with --from <= --to");
  const Scenario base = load_for(request, "");
  std::optional<Scenario> scenario;
  if (!request.scenario_file.empty()) scenario = load_for(request, request.scenario_file);
  if (request.start_year) {
    if (!scenario) throw InputError("--start-year: expected a scenario file to start in that year");
    if (*request.start_year < 2000 || *request.start_year > kLastCalendarYear)
      throw InputError("--start-year " + std::to_string(*request.start_year) + ": expected a school year from 2000 to 2100");
    scenario->start_year = request.start_year;
  }
  const Calendar calendar = request_calendar(request.calendar_file, request.calendar_through);
  std::vector<std::string> origins;
  for (const auto& in : calendar.inflow) origins.push_back(in.origin);
  add_stratum_origins(origins, base.parameters);
  const std::string inflow_text = request.inflow_file.empty() ? std::string{} : read_text_file(request.inflow_file, "inflow file");
  const auto inflow = request.inflow_file.empty() ? std::vector<InflowRow>{} : parse_inflow_csv(inflow_text, request.inflow_file);

  Setup s{request, projection_calendar(calendar, request.isk, inflow, origins, request.inflow_file),
          stratum_leads(base.parameters), {}, 0, 0, 0, base.parameters,
          ParameterDraws(request.parameter_uncertainty, base.parameters),
          scenario ? assumed_effects(*scenario) : std::vector<AssumedEffect>{}};
  // The origins of the strata, in their order, name the rows.
  add_stratum_origins(s.origins, base.parameters);
  s.years = followed_years(compile(base.parameters));
  int min_lead = 0, max_lead = 0;
  for (const auto& [name, lead] : s.leads) {
    min_lead = std::min(min_lead, lead);
    max_lead = std::max(max_lead, lead);
  }
  // Every cohort whose follow-up (origin year .. origin year + years - 1) meets [from, to].
  s.first_cohort = request.from - (s.years - 1) + min_lead;
  s.last_cohort = request.to + max_lead;

  if (!s.draws.empty() || (scenario && draws_assumptions(s, *scenario))) s.interval = engine::IntervalKind::spread;

  ProjectionResult result;
  result.spread = s.interval == engine::IntervalKind::spread;
  if (scenario) result.start_year = scenario->start_year;
  if (!request.inflow_file.empty()) result.inflow_fnv1a64 = fnv1a64(inflow_text);
  result.leads = s.leads;
  result.first_cohort = s.first_cohort;
  result.last_cohort = s.last_cohort;
  system::ProgressLine progress("projecting replicates", request.options.progress);
  int done = 0;
  const ScenarioRun base_run = simulate_scenario(s, nullptr, progress, done);
  result.scenarios.push_back("baseline");
  add_rows(s, "baseline", base_run, base.parameters.cost, result.rows);
  result.students_per_replicate = base_run.students;
  result.transitions = base_run.transitions;
  if (scenario) {
    const ScenarioRun run = simulate_scenario(s, &*scenario, progress, done);
    result.scenarios.push_back(scenario->name);
    add_rows(s, scenario->name, run, scenario->parameters.cost, result.rows);
    result.transitions += run.transitions;
  }
  progress.finish();
  result.simulate_seconds = progress.seconds();
  return result;
}

std::string projection_csv(const ProjectionResult& result) {
  std::string out = "scenario,school_year,measure,origin,variant,mean,ci_low,ci_high,replications\n";
  for (const auto& r : result.rows)
    out += r.scenario + ',' + std::to_string(r.school_year) + ',' + r.measure + ',' + r.origin + ',' + r.variant + ',' +
           fixed_or_empty(r.value.mean, 2) + ',' + fixed_or_empty(r.value.low, 2) + ',' + fixed_or_empty(r.value.high, 2) + ',' +
           std::to_string(r.replications) + '\n';
  return out;
}

std::string projection_manifest(const ProjectionRequest& request, const ProjectionResult& result,
                                const std::vector<system::FolderFile>& files, double total_seconds, const std::string& extra) {
  const Scenario shown = load_for(request, request.scenario_file);
  const ChainModel model = compile(shown.parameters);
  ManifestInfo info;
  info.command_line = request.command_line;
  info.options = request.options;
  info.students_per_replicate = result.students_per_replicate;
  info.parameter_uncertainty = request.parameter_uncertainty;
  info.calibrated_file = request.calibrated_file;
  info.calibrated_text = request.calibrated_text;
  // A scenario with assumed effects draws them per replicate, and then every row's interval is the
  // spread of the replicates: the manifest must say so (the report words its bands from it).
  if (result.spread && !request.parameter_uncertainty)
    info.interval = "2.5th to 97.5th percentile of the replicates, each drawing the scenario's assumed effects anew: the spread "
                    "from those assumptions (with Monte Carlo noise), for the baseline's rows too";
  info.scenario = &shown;
  info.model = &model;
  info.simulated.assign(model.strata.size(), request.options.students);
  info.simulate_seconds = result.simulate_seconds;
  info.total_seconds = total_seconds;
  info.transitions = result.transitions;
  // The start year the scenario ran with, so that the report can mark it (absent for the baseline
  // alone or a scenario that acts from the start); an own inflow file with the hash of what was
  // read, so that the projection can be traced back to it.
  const std::string start_year = result.start_year ? ", \"start_year\": " + std::to_string(*result.start_year) : std::string{};
  const std::string inflow = request.inflow_file.empty() ? std::string{}
                                                         : ", \"inflow\": {\"file\": " + json_string(request.inflow_file) +
                                                               ", \"fnv1a64\": " + json_string(result.inflow_fnv1a64) + "}";
  std::string leads;
  for (const auto& [name, lead] : result.leads) leads += (leads.empty() ? "" : ", ") + ("\"" + name + "\": " + std::to_string(lead));
  info.extra = "  \"projection\": {\"from\": " + std::to_string(request.from) + ", \"to\": " + std::to_string(request.to) +
               ", \"future\": \"" + (request.future == Future::trend ? "trend" : request.future == Future::observed ? "observed" : "constant") + "\", \"isk\": \"" +
               (request.isk == IskVariant::low ? "low" : request.isk == IskVariant::high ? "high" : "central") +
               "\", \"calendar_through\": " + std::to_string(request.calendar_through) + ", \"first_cohort\": " +
               std::to_string(result.first_cohort) + ", \"last_cohort\": " + std::to_string(result.last_cohort) +
               start_year + inflow + ", \"leads\": {" + leads +
               "}},\n" + extra;
  return manifest_json(info, files);
}

ProjectionResult project_to_folder(const ProjectionRequest& request) {
  const auto t0 = std::chrono::steady_clock::now();
  const ProjectionResult result = project(request);
  std::vector<system::FolderFile> files = {{"projection.csv", projection_csv(result)}};
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  files.push_back({"manifest.json", projection_manifest(request, result, files, seconds, "")});
  write_result_folder(request.out_dir, files);
  return result;
}

}  // namespace doorstroom::models
