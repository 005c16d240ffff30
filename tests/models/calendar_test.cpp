// The calendar (models/chain/calendar.h): reading models/data/calendar.toml, effect factors and
// inflow beyond the data, and by_cohort, which copies every stratum per cohort year with that
// year's effects, checked on the compiled rules.
//
// Mutation tried: by_cohort() without the inflow index on the cohort fails "by_cohort copies ...".
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "models/chain/calendar.h"
#include "models/chain/chain_model.h"
#include "models/chain/scenario.h"
#include "models/io/input_error.h"
#include "models/measure/outcomes.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

using namespace doorstroom;
using namespace doorstroom::models;

namespace {

const std::string kCalendar = R"([calendar]
blend = [2014, 2016]

[inflow.pro]
counts = { 2014 = 1000, 2015 = 1500, 2016 = 2000 }
trend = 0.1
trend_range = [0.0, 0.2]
source = "test"
assumption = "test"

[effect.pro_diploma]
from = ["entree_bol", "entree_bbl", "entree_examendeelnemer"]
origin = "pro"
risk = "uitval"
factors = { 2014 = 0.5, 2015 = 1.0, 2016 = 2.0 }
trend = 0.1
trend_range = [0.0, 0.2]
source = "test"
assumption = "test"
)";

Calendar calendar() { return read_calendar(parse_toml(kCalendar, "test.toml"), "test.toml"); }

}  // namespace

TEST_CASE("the shipped calendar reads", "[calendar]") {
  const Calendar c = load_calendar("");
  CHECK(c.blend_first == 2014);
  CHECK(c.blend_last == 2016);
  CHECK_FALSE(c.inflow.empty());
  CHECK_FALSE(c.effects.empty());
}

TEST_CASE("factors before, within and after the data", "[calendar]") {
  const Calendar c = calendar();
  const CohortEffect& e = c.effects.at(0);
  CHECK(effect_factor(e, 2012) == 0.5);
  CHECK(effect_factor(e, 2014) == 0.5);
  CHECK(effect_factor(e, 2015) == 1.0);
  CHECK(effect_factor(e, 2016) == 2.0);
  CHECK(effect_factor(e, 2018) == Approx(2.0 * std::exp(0.2)));
  CHECK(effect_factor(e, 2018, Future::constant) == 2.0);
  CHECK(inflow_index(c, "pro", 2014) == Approx(1000.0 / 1500.0));  // relative to the 2014-2016 mean
  CHECK(inflow_index(c, "pro", 2017) == Approx(2200.0 / 1500.0));
  CHECK(inflow_index(c, "pro", 2017, Future::constant) == Approx(2000.0 / 1500.0));
  CHECK(inflow_index(c, "isk", 2030) == 1.0);  // no counts: the parameter file's cohort
}

TEST_CASE("by_cohort copies every stratum per year, and a cohort effect changes only its year", "[calendar]") {
  const ParameterSet base = load("", "").parameters;
  const ParameterSet p = by_cohort(base, calendar(), 2015, 2016);
  REQUIRE(p.strata.size() == 2 * base.strata.size());
  const ChainModel model = compile(p);
  const ChainModel blend = compile(base);
  const int n = static_cast<int>(base.strata.size());
  for (int g = 0; g < n; ++g) {
    const auto& s = base.strata[static_cast<std::size_t>(g)];
    INFO(s.name);
    CHECK(model.strata[static_cast<std::size_t>(g)].cohort_year == 2015);
    CHECK(model.strata[static_cast<std::size_t>(g + n)].cohort_year == 2016);
    // pro 2015 is its 2014-2016 mean; pro 2016 a third above it.
    CHECK(model.strata[static_cast<std::size_t>(g)].cohort == Approx(s.cohort));
    CHECK(model.strata[static_cast<std::size_t>(g + n)].cohort == Approx(s.cohort * (s.entree_origin == "pro" ? 4.0 / 3.0 : 1.0)));
    // uitval out of entree bol: the 2015 copy as the blend (factor 1), the 2016 copy doubled for pro.
    const State bol = *state_named("entree_bol");
    const auto& r15 = model.process.rules(g, static_cast<int>(bol));
    const auto& r16 = model.process.rules(g + n, static_cast<int>(bol));
    const auto& r0 = blend.process.rules(g, static_cast<int>(bol));
    for (int k = 0; k < r0.n_risks; ++k) {
      const auto& risk = r0.risks[static_cast<std::size_t>(k)];
      const double rate0 = risk.hazard.piece_rate(0);
      CHECK(r15.risks[static_cast<std::size_t>(k)].hazard.piece_rate(0) == Approx(rate0));
      const bool doubled = s.entree_origin == "pro" && blend.risk_names[static_cast<std::size_t>(risk.id)] == "uitval";
      CHECK(r16.risks[static_cast<std::size_t>(k)].hazard.piece_rate(0) == Approx(doubled ? 2.0 * rate0 : rate0));
    }
  }
}

TEST_CASE("calendar errors name the file, the key and what was expected", "[calendar]") {
  auto error = [](const std::string& text) {
    try {
      read_calendar(parse_toml(text, "bad.toml"), "bad.toml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error("[inflow.pro]\ncounts = { 2014 = 1 }\ntrend = 0.0\ntrend_range = [0.0, 0.0]\nsource = \"s\"\nassumption = \"a\"\n")
            .find("blend years 2014-2016") != std::string::npos);
  CHECK(error("[inflow.pro]\ncounts = { 14 = 1 }\n").find("school years") != std::string::npos);
  CHECK(error("[inflow.pro]\ncounts = { 2014 = 1, 2016 = 1 }\n").find("consecutive") != std::string::npos);
  CHECK(error("[effects.x]\n").find("unknown section 'effects'") != std::string::npos);
  CHECK(error(std::string(kCalendar) + "\n[effect.y]\nfrom = [\"entree_bol\"]\nrisk = \"uitval\"\nfactors = { 2014 = 1.0 }\n"
                                        "trend = 0.5\ntrend_range = [0.0, 0.2]\nsource = \"s\"\nassumption = \"a\"\n")
            .find("trend_range") != std::string::npos);
}

// pro_achtergrond (parameters.h, Measurement): the pro background of Inspectie and DUO counts every
// pro entrant and a share of every other origin's. Mutations caught: membership weights ignored in
// outcomes.cpp (the share becomes the vooropleiding share, or 1), the per-year share of the
// calendar not set by by_cohort, or calendar_through not cutting it.
TEST_CASE("pro_achtergrond: every pro entrant and the year's share of the others, niet_pro_achtergrond the rest without overig", "[calendar][measurement]") {
  const std::string text = std::string(kCalendar) +
                           "\n[measurement]\npro_achtergrond = { 2014 = 0.09, 2015 = 0.05, 2016 = 0.04, 2017 = 0.02 }\n"
                           "source = \"test\"\nassumption = \"test\"\n";
  const Calendar c = read_calendar(parse_toml(text, "test.toml"), "test.toml");
  const ParameterSet base = load("", "").parameters;
  const ChainModel blend = compile(base);
  for (const StratumInfo& s : blend.strata)
    CHECK(s.pro_achtergrond == (s.entree_origin == "pro" ? 1.0 : base.measurement.pro_achtergrond));
  CHECK(base.measurement.pro_achtergrond > 0.0);

  const ChainModel model = compile(by_cohort(base, c, 2015, 2018));
  for (const StratumInfo& s : model.strata) {
    const double share = s.cohort_year == 2015 ? 0.05 : s.cohort_year == 2016 ? 0.04 : 0.02;  // after 2017 as in 2017
    CHECK(s.pro_achtergrond == (s.entree_origin == "pro" ? 1.0 : share));
  }
  // As known in 2016 (the backtest): 2017 takes 2016's share.
  for (const StratumInfo& s : compile(by_cohort(base, calendar_through(c, 2016), 2017, 2017)).strata)
    CHECK(s.pro_achtergrond == (s.entree_origin == "pro" ? 1.0 : 0.04));

  // The share of entree entrants: vooropleiding pro s becomes s + b (1 - s), in every variant.
  SimulationOptions options;
  options.students = 14000;
  options.replications = 2;
  const SimulationResult run = simulate(blend, options);
  const std::vector<OutcomeRow> rows = tabulate_outcomes(blend, run.replicates, run.simulated);
  const OutcomeIndex table(rows);
  const double b = base.measurement.pro_achtergrond;
  for (const char* variant : {"all", "bol", "examendeelnemer"}) {
    INFO(variant);
    const OutcomeRow* pro = table.find({"entree_entrants", "pro", variant, "share_of_population", 0});
    const OutcomeRow* wide = table.find({"entree_entrants", "pro_achtergrond", variant, "share_of_population", 0});
    REQUIRE(pro != nullptr);
    REQUIRE(wide != nullptr);
    CHECK(pro->value.mean > 0.05);
    CHECK(wide->value.mean == Approx(pro->value.mean + b * (1.0 - pro->value.mean)).epsilon(1e-9));
  }
  // Not a vooropleiding of chain leavers: no such row there.
  CHECK(table.find({"chain_leavers", "pro_achtergrond", "all", "in_mbo", 0}) == nullptr);

  // niet_pro_achtergrond: DUO's vmbo zonder diploma and onbekend together (seed 000 text 2.2 gives
  // one diploma rate for both), i.e. every entrant without a pro background except DUO's overig
  // (the model's vbo). Mutations caught: pro strata counted, vbo counted, weight 1 instead of 1 - b,
  // or the set missing; each moves the share by more than 1e-9. In bbl vbo has entrants, so that
  // leaving it in is seen.
  for (const char* variant : {"all", "bbl"}) {
    INFO(variant);
    auto share = [&](const char* origin) {
      const OutcomeRow* row = table.find({"entree_entrants", origin, variant, "share_of_population", 0});
      REQUIRE(row != nullptr);
      return row->value.mean;
    };
    const double pro = share("pro"), vbo = share("vbo");
    CHECK(vbo > 0.0);
    CHECK(share("niet_pro_achtergrond") == Approx((1.0 - pro - vbo) * (1.0 - b)).epsilon(1e-9));
  }
}

TEST_CASE("a pro_achtergrond share outside [0, 1] is refused at its key", "[calendar][measurement][input]") {
  try {
    read_calendar(parse_toml("[measurement]\npro_achtergrond = { 2014 = 1.5 }\nsource = \"s\"\nassumption = \"a\"\n", "bad.toml"),
                  "bad.toml");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("pro_achtergrond") != std::string::npos);
    CHECK(std::string(e.what()).find("bad.toml") != std::string::npos);
  }
}

// --future observed: each inflow's own log-linear trend, damped. Mutations caught: an undamped
// trend (2018 would be 2000 * 2), the damping applied from the second year only, a slope fitted
// on counts instead of their logarithm (500 a year, not ln 2 / 2 for 1000, 1500, 2000).
TEST_CASE("the observed inflow trend is the slope of log(count), damped a year at a time", "[calendar][future]") {
  const std::string text = std::string(kCalendar) +
                           "\n[observed_trend]\ndamping = 0.5\ndamping_range = [0.4, 0.6]\nsource = \"test\"\nassumption = \"test\"\n";
  const Calendar c = read_calendar(parse_toml(text, "test.toml"), "test.toml");
  const double slope = std::log(2.0) / 2.0;  // ln(2000 / 1000) over two years, three points in line
  CHECK(observed_slope(c.inflow.at(0)) == Approx(slope));
  const double blend = 1500.0;
  CHECK(inflow_index(c, "pro", 2016, Future::observed) == Approx(2000.0 / blend));  // within the data: the count
  CHECK(inflow_index(c, "pro", 2017, Future::observed) == Approx(2000.0 * std::exp(slope * 0.5) / blend));
  CHECK(inflow_index(c, "pro", 2018, Future::observed) == Approx(2000.0 * std::exp(slope * 0.75) / blend));
  // Bounded: never more than slope * d / (1 - d) = slope above the last count.
  CHECK(inflow_index(c, "pro", 2090, Future::observed) == Approx(2000.0 * std::exp(slope) / blend).epsilon(1e-6));
  CHECK(inflow_index(c, "pro", 2018, Future::constant) == Approx(2000.0 / blend));

  // Without its table the choice is refused, naming the file.
  try {
    (void)inflow_index(calendar(), "pro", 2020, Future::observed);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("test.toml: --future observed needs an [observed_trend] table") != std::string::npos);
  }
  CHECK_THROWS_AS(read_calendar(parse_toml(std::string(kCalendar) + "\n[observed_trend]\ndamping = 0.5\ndamping_range = [0.6, 0.9]\n"
                                                                    "source = \"s\"\nassumption = \"a\"\n",
                                           "bad.toml"),
                                "bad.toml"),
                  InputError);
}
