#include "models/studies/comparison.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <tuple>

#include "engine/rng.h"
#include "system/atomic_file.h"
#include "git_commit.h"
#include "models/chain/chain_model.h"
#include "models/chain/parameter_path.h"
#include "models/io/input_error.h"
#include "models/measure/cost.h"
#include "models/io/json.h"
#include "models/studies/calibration.h"
#include "models/studies/replicate_parameters.h"
#include "models/studies/run.h"
#include "models/io/number_format.h"

namespace doorstroom::models {
namespace {

std::string causal_share_line(const CausalShare& c) {
  std::ostringstream line;
  // The scenario's own argument: the share may be selection between variants, the size of the
  // move, or both (every scenario that moves routing shares draws its size through it).
  line << causal_share_record() << ": drawn per replicate between " << c.range.low << " and " << c.range.high
       << " (central " << c.value << "): the fraction of the scenario's move of routing shares that counts";
  if (c.size.low != c.size.high) line << ", times the size of the move drawn between " << c.size.low << " and " << c.size.high;
  line << "; "
       << c.assumption;
  return line.str();
}

}  // namespace

const std::vector<KeyOutcome>& key_outcomes() {
  static const std::vector<KeyOutcome> lines{
      {"chain_leavers", "pro", "entree_diploma", 2, "pro-leerlingen met een entreediploma (2 jaar na vertrek)"},
      {"chain_leavers", "pro", "mbo2_diploma", 5, "pro-leerlingen met een startkwalificatie (5 jaar)"},
      {"chain_leavers", "pro", "no_school_no_work", 5, "pro-leerlingen zonder school, werk of uitkering (5 jaar)"},
      {"chain_leavers", "vso", "mbo2_diploma", 5, "vso-leerlingen met een startkwalificatie (5 jaar)"},
      {"chain_leavers", "vmbo_b", "mbo2_diploma", 5, "vmbo-b-leerlingen met een startkwalificatie (5 jaar)"},
      {"chain_leavers", "isk", "mbo2_diploma", 5, "isk-leerlingen met een startkwalificatie (5 jaar)"},
      {"chain_leavers", "all", "work", 5, "schoolverlaters uit de keten met werk (5 jaar)"},
      {"entree_entrants", "all", "position_not_in_mbo_no_diploma", 1, "entreestudenten uitgevallen zonder diploma (1 jaar)"},
      {"entree_entrants", "all", "entree_diploma", 1, "entreestudenten met diploma binnen 1 jaar"},
      {"entree_entrants", "all", "mbo2_diploma", 5, "entreestudenten met een startkwalificatie (5 jaar)"},
  };
  return lines;
}

namespace {


struct Costs {
  std::vector<std::vector<double>> per_student;  // [replicate][stratum] euro over the follow-up
  std::vector<std::vector<double>> sk;           // [replicate][stratum] share with a startkwalificatie at the end
};

Costs costs_of(const SimulationResult& result, const CostParameters& c, int strata) {
  Costs out;
  for (const auto& tally : result.replicates) {
    std::vector<double> cost(static_cast<std::size_t>(strata)), sk(static_cast<std::size_t>(strata));
    for (int g = 0; g < strata; ++g) {
      const double n = static_cast<double>(result.simulated[static_cast<std::size_t>(g)]);
      double euro = 0.0;
      for (int f = 0; f < kFundedTimes; ++f)
        euro += static_cast<double>(tally.funded_days(g, static_cast<FundedTime>(f))) / 365.25 *
                euro_per_funded_year(c, static_cast<FundedTime>(f));
      cost[static_cast<std::size_t>(g)] = n > 0 ? euro / n : 0.0;
      sk[static_cast<std::size_t>(g)] = n > 0 ? static_cast<double>(tally.startkwalificatie_at_end(g)) / n : 0.0;
    }
    out.per_student.push_back(cost);
    out.sk.push_back(sk);
  }
  return out;
}

// Dutch number notation for the plain-language tables: 12.345 and 1,5.
std::string dutch(double x, int digits = 0) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, std::abs(x));
  std::string s = buffer, integer = s.substr(0, s.find('.')), fraction = s.find('.') == std::string::npos ? "" : s.substr(s.find('.') + 1);
  std::string grouped;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) grouped += '.';
    grouped += integer[i];
  }
  std::string out = (x < 0 && std::round(std::abs(x) * std::pow(10, digits)) > 0 ? "-" : "") + grouped;
  if (!fraction.empty()) out += "," + fraction;
  return out;
}

std::string dutch_signed(double x, int digits = 0) {
  const std::string s = dutch(x, digits);
  if (s.find_first_not_of("0,.-") == std::string::npos) return "0";
  return (x > 0 ? "+" : "") + s;
}

// What every scenario is compared with.
struct BaseOutcomes {
  std::vector<OutcomeRow> rows;
  Costs costs;
  int strata = 0;
};

// The lines comparison.md lists under "Assumed effects".
std::vector<std::string> assumption_lines(const std::vector<AssumedEffect>& effects, const CausalShare* causal) {
  std::vector<std::string> lines;
  if (causal) lines.push_back(causal_share_line(*causal));
  for (const auto& e : effects) {
    std::ostringstream line;
    line << e.record << ": drawn per replicate between " << e.range.low << " and " << e.range.high << " times its value";
    lines.push_back(line.str());
  }
  return lines;
}

}  // namespace

namespace {

// Scenario minus base, replicate by replicate, for every outcome over all variants.
std::vector<Difference> differences(const std::string& scenario, const std::vector<OutcomeRow>& base_rows,
                                    const std::vector<OutcomeRow>& rows, engine::IntervalKind kind) {
  const OutcomeIndex base_index(base_rows);
  std::vector<Difference> out;
  for (const auto& row : rows) {
    if (row.variant != "all") continue;
    const OutcomeRow* base = base_index.find_like(row);
    if (!base) continue;
    std::vector<double> delta, change;
    for (std::size_t r = 0; r < row.values.size(); ++r) delta.push_back(row.values[r] - base->values[r]);
    // Students gained per member of the base group: a student's path changes only where the
    // policy touches them, so these add up over policies that touch different students.
    const bool counted = row.numerators.size() == row.values.size() && base->numerators.size() == row.values.size();
    for (std::size_t r = 0; counted && r < row.values.size(); ++r)
      change.push_back((row.numerators[r] - base->numerators[r]) / base->denominators[r]);
    out.push_back({scenario, row.population, row.origin, row.measure, row.horizon_years, base->value.mean,
                   row.value.mean, engine::summarize(delta, kind), base->national, change, std::nullopt});
  }
  return out;
}

// The costs of a group of strata, weighted by their national cohorts, in the base and the scenario.
CostDifference cost_difference(const std::string& scenario, const std::string& origin, const std::vector<int>& groups,
                               const ChainModel& model, const Costs& base_costs, const Costs& costs, engine::IntervalKind kind) {
  double cohort = 0.0;
  for (int g : groups) cohort += model.strata[static_cast<std::size_t>(g)].cohort;
  std::vector<double> b, s, d, dsk;
  for (std::size_t r = 0; r < costs.per_student.size(); ++r) {
    double bc = 0.0, sc_cost = 0.0, bsk = 0.0, ssk = 0.0;
    for (int g : groups) {
      const double w = model.strata[static_cast<std::size_t>(g)].cohort / cohort;
      bc += w * base_costs.per_student[r][static_cast<std::size_t>(g)];
      sc_cost += w * costs.per_student[r][static_cast<std::size_t>(g)];
      bsk += w * base_costs.sk[r][static_cast<std::size_t>(g)];
      ssk += w * costs.sk[r][static_cast<std::size_t>(g)];
    }
    b.push_back(bc);
    s.push_back(sc_cost);
    d.push_back(sc_cost - bc);
    dsk.push_back(ssk - bsk);
  }
  return {scenario, origin, engine::summarize(b, kind), engine::summarize(s, kind), engine::summarize(d, kind),
          engine::summarize(dsk, kind), cohort};
}

// One row per stratum, then one for all strata together.
std::vector<CostDifference> cost_differences(const std::string& scenario, const ChainModel& model, const Costs& base_costs,
                                             const Costs& costs, engine::IntervalKind kind) {
  std::vector<CostDifference> out;
  std::vector<int> all;
  for (int g = 0; g < static_cast<int>(model.strata.size()); ++g) {
    out.push_back(cost_difference(scenario, model.strata[static_cast<std::size_t>(g)].name, {g}, model, base_costs, costs, kind));
    all.push_back(g);
  }
  out.push_back(cost_difference(scenario, "all", all, model, base_costs, costs, kind));
  return out;
}

// One scenario against the base: the same students (replicate r uses RNG replicate r), its own
// parameters and drawn assumptions.
ScenarioComparison compare_one(const Scenario& scenario, const BaseOutcomes& base, const ParameterDraws& draws,
                               const ComparisonOptions& options) {
  const SimulationOptions& simulation = options.simulation;
  ScenarioComparison sc;
  sc.scenario = scenario;
  const ChainModel model = compile(sc.scenario.parameters);
  if (static_cast<int>(model.strata.size()) != base.strata)
    throw InputError(scenario.file + ": a scenario cannot add or remove strata (common random numbers need the same students)");
  const auto effects = options.draw_assumptions ? assumed_effects(sc.scenario) : std::vector<AssumedEffect>{};
  // Without drawing, the parameters hold the causal share's central value already.
  const CausalShare* causal = options.draw_assumptions && sc.scenario.causal_share ? &*sc.scenario.causal_share : nullptr;
  // Per-replicate draws (of parameters or assumptions) call for the spread of the replicates,
  // not the interval of their mean (engine/stats.h).
  const bool drawn_per_replicate = options.parameter_uncertainty || !effects.empty() || causal;
  const auto kind = drawn_per_replicate ? engine::IntervalKind::spread : engine::IntervalKind::mean;
  sc.interval = kind;
  sc.assumptions = assumption_lines(effects, causal);
  const SimulationResult run = simulate_varying(
      [&](int r) { return replicate_parameters(sc.scenario.parameters, causal, effects, draws, simulation.seed, r); }, simulation,
      drawn_per_replicate ? nullptr : &model);
  const auto rows = tabulate_outcomes(model, run.replicates, run.simulated, engine::IntervalKind::mean, run.cohorts);
  sc.differences = differences(sc.scenario.name, base.rows, rows, kind);
  const Costs costs = costs_of(run, sc.scenario.parameters.cost, base.strata);
  sc.costs = cost_differences(sc.scenario.name, model, base.costs, costs, kind);
  return sc;
}

using DifferenceKey = std::tuple<std::string, std::string, std::string, int>;
DifferenceKey key_of(const Difference& d) { return {d.population, d.origin, d.measure, d.horizon_years}; }

const ScenarioComparison& part_named(const std::vector<ScenarioComparison>& all, const std::string& part,
                                     const std::string& stack) {
  for (const auto& sc : all)
    if (sc.scenario.name == part && sc.scenario.part_names.empty()) return sc;
  throw InputError("stack " + stack + ": its part '" + part + "' is not among the compared scenarios");
}

// A stack's delta minus the sum of its parts' deltas, replicate by replicate (comparison.h).
void add_interactions(ScenarioComparison& stack, const std::vector<ScenarioComparison>& all) {
  std::vector<std::map<DifferenceKey, const Difference*>> parts;
  for (const auto& name : stack.scenario.part_names) {
    parts.emplace_back();
    for (const auto& d : part_named(all, name, stack.scenario.name).differences) parts.back()[key_of(d)] = &d;
  }
  for (auto& d : stack.differences) {
    std::vector<double> interaction = d.replicate_deltas;
    bool complete = true;
    for (const auto& part : parts) {
      const auto it = part.find(key_of(d));
      if (it == part.end() || it->second->replicate_deltas.size() != interaction.size()) {
        complete = false;
        break;
      }
      for (std::size_t r = 0; r < interaction.size(); ++r) interaction[r] -= it->second->replicate_deltas[r];
    }
    if (!complete) continue;
    for (double& x : interaction)
      if (std::abs(x) < 1e-12) x = 0.0;
    d.interaction = engine::summarize(interaction, stack.interval);
  }
}

// Every part of a stack is compared too; a part not listed is added before its stack.
std::vector<std::string> with_stack_parts(const std::vector<std::string>& files) {
  std::vector<std::string> out;
  auto listed = [&](const std::string& f) { return std::find(out.begin(), out.end(), f) != out.end() ||
                                                   std::find(files.begin(), files.end(), f) != files.end(); };
  for (const auto& file : files) {
    const auto parts = stack_parts(file);
    if (parts.size() > 1)
      for (const auto& part : parts)
        if (!listed(part)) out.push_back(part);
    out.push_back(file);
  }
  return out;
}

}  // namespace

ComparisonResult compare(const CompareRequest& request) {
  const Scenario base = load(request.base_file, "");
  // Read every scenario before simulating anything, so a mistake in the last file stops at once.
  std::vector<Scenario> scenarios;
  for (const auto& file : with_stack_parts(request.scenario_files)) scenarios.push_back(load(file, ""));
  return compare_scenarios(base, scenarios, {request.options, request.parameter_uncertainty, true});
}

ComparisonResult compare_scenarios(const Scenario& base, const std::vector<Scenario>& scenarios,
                                   const ComparisonOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const SimulationOptions& simulation = options.simulation;
  ComparisonResult result;
  result.base = base;
  const ParameterDraws draws(options.parameter_uncertainty, result.base.parameters);
  const ChainModel base_model = compile(result.base.parameters);
  // Without per-replicate draws every replicate runs one compiled model (compiling costs about as
  // much as simulating a few thousand students, which matters to the workshop server).
  const SimulationResult base_run = simulate_varying([&](int r) { return draws.under(result.base.parameters, r); }, simulation,
                                                     draws.empty() ? &base_model : nullptr);
  const int strata = static_cast<int>(base_model.strata.size());
  const BaseOutcomes base_outcomes{
      tabulate_outcomes(base_model, base_run.replicates, base_run.simulated, engine::IntervalKind::mean, base_run.cohorts),
      costs_of(base_run, result.base.parameters.cost, strata), strata};
  for (const Scenario& scenario : scenarios)
    result.scenarios.push_back(compare_one(scenario, base_outcomes, draws, options));
  for (auto& sc : result.scenarios)
    if (!sc.scenario.part_names.empty()) add_interactions(sc, result.scenarios);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

std::string comparison_csv(const ComparisonResult& result) {
  // The issue named the value column "scenario" too; a second column of the same name breaks
  // readers that look columns up by name, so it is scenario_value.
  // interaction*: a stack's delta minus the sum of its parts' deltas; empty for other scenarios.
  std::string out = "scenario,population,origin,measure,horizon_years,base,scenario_value,delta,delta_ci_low,delta_ci_high,"
                    "interaction,interaction_ci_low,interaction_ci_high\n";
  char buffer[256];
  for (const auto& sc : result.scenarios)
    for (const auto& d : sc.differences) {
      auto f = [](double x) { return fixed_or_empty(x, 6); };
      std::snprintf(buffer, sizeof buffer, "%s,%s,%s,%s,%d,", d.scenario.c_str(), d.population.c_str(), d.origin.c_str(),
                    d.measure.c_str(), d.horizon_years);
      out += buffer + f(d.base) + ',' + f(d.value) + ',' + f(d.delta.mean) + ',' + f(d.delta.low) + ',' + f(d.delta.high);
      out += d.interaction ? ',' + f(d.interaction->mean) + ',' + f(d.interaction->low) + ',' + f(d.interaction->high) : ",,,";
      out += '\n';
    }
  return out;
}

std::string costs_csv(const ComparisonResult& result) {
  std::string out =
      "scenario,origin,cohort_per_year,base_cost_per_student,scenario_cost_per_student,delta_cost_per_student,"
      "delta_cost_ci_low,delta_cost_ci_high,delta_startkwalificatie_per_student,delta_sk_ci_low,delta_sk_ci_high,"
      "delta_cost_national_per_year,delta_startkwalificaties_national_per_year,cost_per_extra_startkwalificatie\n";
  char buffer[512];
  for (const auto& sc : result.scenarios)
    for (const auto& c : sc.costs) {
      const double dcost = c.delta_cost_per_student.mean * c.cohort;
      const double dsk = c.delta_startkwalificatie_per_student.mean * c.cohort;
      // Only a meaningful ratio when the gain in startkwalificaties is clearly positive.
      const bool ratio = c.delta_startkwalificatie_per_student.low > 0.0;
      std::snprintf(buffer, sizeof buffer, "%s,%s,%.0f,%.2f,%.2f,%.2f,%.2f,%.2f,%.6f,%.6f,%.6f,%.0f,%.1f,%s\n",
                    sc.scenario.name.c_str(), c.origin.c_str(), c.cohort, c.base_cost_per_student.mean,
                    c.cost_per_student.mean, c.delta_cost_per_student.mean, c.delta_cost_per_student.low,
                    c.delta_cost_per_student.high, c.delta_startkwalificatie_per_student.mean,
                    c.delta_startkwalificatie_per_student.low, c.delta_startkwalificatie_per_student.high, dcost, dsk,
                    ratio ? std::to_string(static_cast<long long>(std::llround(dcost / dsk))).c_str() : "");
      out += buffer;
    }
  return out;
}

namespace {

// For a stack: a Dutch sentence for each key outcome where the combination clearly differs from
// the sum of its parts (the interval of the interaction excludes 0 by at least 0,05 per 1.000,
// so that neither printed bound reads 0), or one saying there is none.
std::string interaction_sentences(const ScenarioComparison& stack) {
  std::vector<std::string> sentences;
  for (const auto& l : key_outcomes())
    for (const auto& d : stack.differences) {
      if (d.population != l.population || d.origin != l.origin || d.measure != l.measure ||
          d.horizon_years != l.horizon_years || !d.interaction ||
          !(1000 * d.interaction->low >= 0.05 || 1000 * d.interaction->high <= -0.05))
        continue;
      std::ostringstream s;
      s << "bij " << l.words << " geeft de combinatie " << dutch(std::abs(1000 * d.interaction->mean), 1) << " per 1.000 "
        << (d.interaction->mean > 0 ? "meer" : "minder") << " dan de losse maatregelen samen ("
        << dutch_signed(1000 * d.interaction->low, 1) << " tot " << dutch_signed(1000 * d.interaction->high, 1) << ")";
      sentences.push_back(s.str());
    }
  std::string md = "\n**Samenspel** (de combinatie min de som van de losse maatregelen, per 1.000, 95%): ";
  if (sentences.empty()) return md + "bij geen van deze uitkomsten wijkt de combinatie duidelijk af van de optelsom van de losse maatregelen.\n";
  for (std::size_t i = 0; i < sentences.size(); ++i) md += sentences[i] + (i + 1 < sentences.size() ? "; " : ".\n");
  return md;
}

}  // namespace

std::string comparison_markdown(const ComparisonResult& result, const CompareRequest& request) {
  std::ostringstream md;
  md << "# Scenario comparison\n\n"
     << "Each scenario against `" << result.base.name << "` (" << result.base.title << "), with common random numbers: the "
     << "same simulated students in every scenario, so differences show the policy and not chance. "
     << request.options.students << " students per replicate, " << request.options.replications << " replicates, seed "
     << request.options.seed << ". Intervals (95%): where a scenario has assumed effects"
     << (request.parameter_uncertainty ? ", or with calibrated parameter draws (as here)," : "")
     << " each replicate draws them anew and the interval runs from the 2.5th to the 97.5th percentile of the "
     << "replicates: the spread those uncertainties cause. Otherwise it is the Monte Carlo interval of the mean.\n\n"
     << "Read \"per 1.000\" as: out of 1.000 students of that group, how many more (+) or fewer (-) have the outcome. "
     << "\"Per jaar landelijk\" scales that to one year's national group. Numbers in Dutch notation.\n\n";

  const auto& lines = key_outcomes();
  for (const auto& sc : result.scenarios) {
    md << "## " << sc.scenario.title << " (`" << sc.scenario.name << "`)\n\n" << (sc.scenario.beschrijving.empty() ? sc.scenario.description : sc.scenario.beschrijving) << "\n\n";
    if (!sc.scenario.sources.empty()) {
      md << "Sources:";
      for (const auto& s : sc.scenario.sources) md << " " << s << ";";
      md << "\n\n";
    }
    if (!sc.assumptions.empty()) {
      md << "Assumed effects (not measured in the reports):\n";
      for (const auto& a : sc.assumptions) md << "- " << a << "\n";
      md << "\n";
    }
    md << "| uitkomst | basis | scenario | verschil per 1.000 (95%) | per jaar landelijk |\n|---|---|---|---|---|\n";
    for (const auto& l : lines) {
      for (const auto& d : sc.differences) {
        if (d.population != l.population || d.origin != l.origin || d.measure != l.measure || d.horizon_years != l.horizon_years) continue;
        md << "| " << l.words << " | " << dutch(1000 * d.base) << " | " << dutch(1000 * d.value) << " | "
           << dutch_signed(1000 * d.delta.mean) << " (" << dutch_signed(1000 * d.delta.low) << " tot "
           << dutch_signed(1000 * d.delta.high) << ") | " << dutch_signed(d.delta.mean * d.national) << " |\n";
      }
    }
    if (!sc.scenario.part_names.empty()) md << interaction_sentences(sc);
    for (const auto& c : sc.costs) {
      if (c.origin != "all") continue;
      const double dcost = c.delta_cost_per_student.mean * c.cohort;
      const double dsk = c.delta_startkwalificatie_per_student.mean * c.cohort;
      md << "\n**Kosten** (bekostigde studiejaren entree, niveau 2 en hoger, over de hele volgperiode; EUR "
         << dutch(result.base.parameters.cost.euro_per_student_year) << " per studiejaar bij factor "
         << dutch(result.base.parameters.cost.reference_factor, 1) << ", tweede entreejaar factor "
         << dutch(result.base.parameters.cost.entree_later_year_factor, 1) << "): "
         << dutch_signed(c.delta_cost_per_student.mean * 1000) << " euro per 1.000 leerlingen (95%: "
         << dutch_signed(c.delta_cost_per_student.low * 1000) << " tot " << dutch_signed(c.delta_cost_per_student.high * 1000)
         << "); landelijk per jaargroep " << dutch_signed(dcost) << " euro voor " << dutch_signed(dsk)
         << " startkwalificaties";
      if (c.delta_startkwalificatie_per_student.low > 0.0)
        md << ", dus " << dutch(dcost / dsk) << " euro per extra startkwalificatie";
      else
        md << " (de winst in startkwalificaties is niet duidelijk positief, dus geen kosten per extra startkwalificatie)";
      md << ".\n\n";
    }
  }
  md << "Made with `" << request.command_line << "` at commit `" << DOORSTROOM_GIT << "`.\n";
  return md.str();
}

ComparisonResult compare_to_folder(const CompareRequest& request) {
  const ComparisonResult result = compare(request);
  // Swapped in as a whole, like a run folder (write_result_folder in models/studies/run.h).
  std::vector<system::FolderFile> files = {{"comparison.csv", comparison_csv(result)},
                                           {"costs.csv", costs_csv(result)},
                                           {"comparison.md", comparison_markdown(result, request)}};
  std::ostringstream m;
  m << "{\n  \"tool\": \"doorstroom compare\",\n  \"git_commit\": " << json_string(DOORSTROOM_GIT)
    << ",\n  \"command_line\": " << json_string(request.command_line) << ",\n  \"seed\": " << request.options.seed
    << ",\n  \"students_per_replicate\": " << request.options.students << ",\n  \"replications\": " << request.options.replications
    << ",\n  \"interval\": " << json_string(request.parameter_uncertainty
        ? "95% interval over replicates: Monte Carlo, calibrated parameter and assumed-effect uncertainty"
        : "95% interval over replicates: Monte Carlo and assumed-effect uncertainty")
    << ",\n  \"base\": {\"name\": " << json_string(result.base.name) << ", \"file\": " << json_string(result.base.file)
    << ", \"fnv1a64\": " << json_string(result.base.content_hash) << "},\n  \"scenarios\": [";
  for (std::size_t i = 0; i < result.scenarios.size(); ++i)
    m << (i ? ", " : "") << "{\"name\": " << json_string(result.scenarios[i].scenario.name)
      << ", \"file\": " << json_string(result.scenarios[i].scenario.file)
      << ", \"fnv1a64\": " << json_string(result.scenarios[i].scenario.content_hash) << "}";
  m << "],\n  \"seconds\": " << result.seconds << ",\n  \"files\": [\"comparison.csv\", \"costs.csv\", \"comparison.md\"]\n}\n";
  files.push_back({"manifest.json", m.str()});
  write_result_folder(request.out_dir, files);
  return result;
}

}  // namespace doorstroom::models
