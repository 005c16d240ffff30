#pragma once
// The parameter set of the education-chain model, as read from models/data/parameters.toml (or a
// file given on the command line) with a scenario's changes applied. Plain value types; every
// record keeps where it came from and its source, so reports can cite it.
//
// File layout (docs/model.md explains each section with an example):
//   [model]             horizon and calendar
//   [stratum.NAME]      a kind of student entering the simulation (pro, vso, ..., onbekend)
//   [route.NAME]        a competing risk (kind = "hazard") or a yearly decision (kind = "yearly")
//                       from one or more states, for all or some strata, and where it leads
//   [mix.NAME]          a named destination distribution that routes may refer to as "mix:NAME"
//   [modifier.NAME]     a multiplier on the rate of, or the odds of one destination of, routes
//   [age_rule.NAME]     a rate multiplier that applies from an age on (kwalificatieplicht until 18)
//   [admission.NAME]    a minimum age for entering states (entree from 16)
//   [cost]              euro per funded student-year and the funding factors
//   [measurement]       how other publishers' definitions map onto the model's (pro_achtergrond)
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "models/chain/states.h"

namespace doorstroom::models {

using Shares = std::vector<std::pair<std::string, double>>;  // destination -> probability, sorted by name

struct Range {
  double low = 1.0;
  double high = 1.0;
};

// What every record carries besides its numbers.
struct Provenance {
  std::string where;       // file:line of the record
  std::string source;      // seed file, table and lines
  std::string assumption;  // empty when every number comes from a source
  std::optional<Range> range;  // multiplier range for assumptions, used by sweeps
};

struct Stratum {
  std::string name;
  std::string label;
  std::string entree_origin;  // vooropleiding label for the entree_entrants population
  Shares start;               // the state at t = 0
  double age = 0.0;           // age at t = 0 (1 August of the start year)
  double cohort = 0.0;        // students of this kind per year, nationally
  double end = 0.0;           // years followed
  int cohort_year = 0;        // the entree cohort it stands for (calendar.h); 0: the 2014-2016 blend
  // Share of its entree entrants with a pro background by the Inspectie/DUO definition, for the
  // cohort year (set by calendar.h's by_cohort); empty: Measurement::pro_achtergrond.
  std::optional<double> pro_achtergrond;
  Provenance provenance;
};

// hazard: a competing risk in continuous time. yearly: a move that can only happen on a date each
// year (leaving vo on 1 August). exam: the same mechanism for a diploma, awarded at the end of a
// school year's exam period, with `pass` as its probabilities.
enum class RouteKind { hazard, yearly, exam };

struct Route {
  std::string name;
  RouteKind kind = RouteKind::hazard;
  std::vector<State> from;
  std::vector<std::string> strata;  // empty: every stratum
  std::string risk;                 // the risk's name within a state (diploma, uitval, ...)
  std::vector<double> breaks;       // hazard: durations (years) where the rate changes
  std::vector<double> rates;        // hazard: per year, one more than breaks
  std::vector<double> leave;        // yearly, exam: probability at the 1st, 2nd, ... date of a stay
  std::optional<double> date;       // yearly, exam: phase of the date in the year (t = 0 is 1 August)
  double min_stay = 0.0;            // yearly, exam: the first date counted is after entry + min_stay
  Shares to;                        // state name or "mix:NAME" -> probability
  Provenance provenance;
};

// The name of a yearly route's probabilities in the parameter file: `pass` for an exam.
inline const char* probabilities_key(RouteKind k) { return k == RouteKind::exam ? "pass" : "leave"; }

// A named destination distribution. A mix may replace another for the routes out of some states:
// where entree leavers go depends on the leerweg they leave (bbl students mostly keep the job they
// had; 003 Tabel B19), so "mix:uitval_zonder_diploma" out of entree_bbl can mean
// [mix.uitval_zonder_diploma_bbl] with replaces = "uitval_zonder_diploma", when_from = ["entree_bbl"].
struct Mix {
  std::string name;
  Shares to;
  std::string replaces;          // empty: a mix of its own
  std::vector<State> when_from;  // with replaces: the states whose routes use this mix instead
  Provenance provenance;
};

struct Modifier {
  std::string name;
  std::vector<State> from;
  std::vector<std::string> strata;  // empty: every stratum
  std::string risk;
  double rate = 1.0;                // multiplies the hazard, the yearly probability or an exam's odds of passing
  Shares odds;                      // destination state -> odds multiplier
  std::vector<int> cohort_years;    // empty: every cohort; else strata of these cohort years (calendar.h)
  Provenance provenance;
};

struct AgeRule {
  std::string name;
  std::vector<State> from;
  std::string risk;
  double age = 0.0;
  double rate = 1.0;
  Provenance provenance;
};

struct Admission {
  std::string name;
  std::vector<State> to;
  double min_age = 0.0;
  Provenance provenance;
};

// Costs (seed 003 chapter 6): a funded student-year costs euro_per_student_year at the reference
// funding factor; a year of kind k costs euro_per_student_year * factor_k / reference_factor.
struct CostParameters {
  double euro_per_student_year = 10000.0;
  double reference_factor = 1.2;
  double entree_first_year_factor = 1.2;
  double entree_later_year_factor = 0.6;
  double examendeelnemer_factor = 0.0;
  double niveau2_factor = 1.2;
  double mbo3plus_factor = 1.2;
  Provenance provenance;
};

// Definitions of other publishers. The model's entree origin is the vooropleiding of seed 003
// (Tabel B10); Inspectie (004 Tabel 2.3.1) and DUO (000 Tabel 1, text 2.1-2.2) count a "pro
// background" (vo-achtergrond) that also takes in some students whose vooropleiding is another:
// pro_achtergrond is that share of the entrants of every other origin (an assumption with a range
// about how the definitions differ; the overlap years 2014-2016 give its value).
struct Measurement {
  double pro_achtergrond = 0.0;
  Provenance provenance;
};

struct ParameterSet {
  std::string title;
  std::string file;        // where it was read from ("embedded" for the compiled-in default)
  int horizon_years = 8;   // censuses after a population's reference census
  std::vector<Stratum> strata;
  std::vector<Route> routes;
  std::vector<Mix> mixes;
  std::vector<Modifier> modifiers;
  std::vector<AgeRule> age_rules;
  std::vector<Admission> admissions;
  CostParameters cost;
  Measurement measurement;
};

// Reads a parameter table (already merged with any scenario) into typed records; throws
// InputError with file:line, key and what was expected. TOML tables are sorted by key, so strata,
// routes and shares come in name order, which fixes the stratum order in outputs and in the RNG.
ParameterSet read_parameters(const toml::table& root, const std::string& file);

}  // namespace doorstroom::models
