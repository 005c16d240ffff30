#pragma once
// Calendar time by cohort (issue 15): the entree inflow per school year and the cohort effects
// read from models/data/calendar.toml. A cohort is the school year of first entree inflow (the
// `cohort` of the seed tables); a stratum copied for cohort year Y stands for the students of that
// kind whose entree cohort is Y, with the cohort effects of Y as modifiers on its routes.
//
// The parameters in parameters.toml describe the pooled cohorts 2014-2016; the effects are
// relative to that blend, so a run without the calendar is the blend and calibrate needs no
// cohorts. Beyond the last year with data an effect follows its trend (an assumption with range).
//
// File layout:
//   [calendar]      blend = [first, last]: the cohort years parameters.toml stands for; a stratum's
//                   cohort there is its mean cohort over these years
//   [inflow.ORIGIN] counts = { 2014 = ..., ... } of entree entrants with that entree origin,
//                   trend (growth per year beyond the data) and range
//   [effect.NAME]   a modifier (from, origin, risk, and `odds` = destination or none for the
//                   rate) with factors = { YEAR = multiplier }, trend (log-multiplier per year
//                   beyond the data) and range, and fit = { measure, origin, variant }: the
//                   single-cohort target rows scripts/fit_cohort_effects.py fits it to
//   [isk_future]    low, central, high: growth per year of the isk inflow after its last count,
//                   an assumption with its source (the newcomers in vo); `project --isk` picks one
//   [measurement]   pro_achtergrond = { YEAR = share }: parameters.h's Measurement per cohort
//                   year; after the last year as in that year
//   [observed_trend] damping (and damping_range): how fast the observed trend of the inflow dies
//                   out beyond the data (--future observed), an assumption with its range
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "models/chain/parameters.h"

namespace doorstroom::models {

struct Inflow {
  std::string origin;             // an entree origin (stratum.entree_origin)
  std::map<int, double> counts;   // school year -> entree entrants
  double trend = 0.0;             // relative growth per year after the last count
  Range trend_range{0.0, 0.0};
  Provenance provenance;
};

struct CohortEffect {
  std::string name;
  std::vector<State> from;
  std::string origin;               // the strata of this entree origin; empty: every stratum
  std::string risk;
  std::string odds;                 // destination whose odds it multiplies; empty: the rate
  std::map<int, double> factors;    // cohort year -> multiplier
  double trend = 0.0;               // change of log(multiplier) per year after the last factor
  Range trend_range{0.0, 0.0};
  Provenance provenance;
};

// The isk inflow after the last observed year: three assumed growth rates a year.
struct IskFuture {
  double low = 0.0, central = 0.0, high = 0.0;
  Provenance provenance;
};

// The share of other origins' entrants with a pro background (parameters.h, Measurement) by year.
struct ProAchtergrond {
  std::map<int, double> shares;  // cohort year -> share
  Provenance provenance;
};

// --future observed: each origin's inflow continues the trend of its own counts (the least-squares
// slope of log(count) per year), damped: the k-th year after the last count grows by slope *
// damping^k, so the total change is bounded by slope * damping / (1 - damping).
struct ObservedTrend {
  double damping = 0.8;
  Range damping_range{0.6, 0.95};
  Provenance provenance;
};

struct Calendar {
  std::string file;
  std::string hash;
  int blend_first = 2014, blend_last = 2016;
  std::vector<Inflow> inflow;
  std::vector<CohortEffect> effects;
  std::optional<IskFuture> isk_future;
  std::optional<ProAchtergrond> pro_achtergrond;
  std::optional<ObservedTrend> observed_trend;
};

// The trend assumptions: constant (every effect and inflow as in its last observed year), the
// central trend of the file, or for the inflow the observed trend of its counts, damped
// (ObservedTrend; the effects then follow the file's trend).
enum class Future { constant, trend, observed };

// The least-squares slope of log(count) per year over an inflow's counts (0 with fewer than two
// years or a count of 0).
double observed_slope(const Inflow& inflow);

Calendar read_calendar(const toml::table& root, const std::string& file);
// The file at `path`; the compiled-in models/data/calendar.toml when `path` is empty.
Calendar load_calendar(const std::string& path);

// The calendar as it was known after school year `last_year` (the backtest): inflow counts and
// effect factors of later years are dropped, so those years follow the trend assumptions. Throws
// InputError when an inflow or effect would be left without any year, or before the blend ends.
Calendar calendar_through(Calendar calendar, int last_year);

// The multiplier of an effect for a cohort year: the factor of that year, of the first year
// before the data, or the last year's continued by the trend after them.
double effect_factor(const CohortEffect& effect, int year, Future future = Future::trend);
// Entree entrants of an origin in a year relative to their mean over the blend years (1 without
// counts), so that the blend keeps the mix of origins the calibration fitted.
double inflow_index(const Calendar& calendar, const std::string& origin, int year, Future future = Future::trend);

// Every stratum copied once per cohort year in [first, last], its cohort scaled by the inflow
// index of its entree origin, its pro_achtergrond share that of the year (when the calendar has
// one), and the effects of that year added as modifiers.
ParameterSet by_cohort(const ParameterSet& parameters, const Calendar& calendar, int first, int last,
                       Future future = Future::trend);

}  // namespace doorstroom::models
