// The flow tally counts whole paths of the students of replicate 0: they sum to the students,
// their marginals are the census tally's own counts for the same students, paths respect what a
// biography cannot do (lose a diploma), and flows.csv holds them with national weights.
#include <catch2/catch.hpp>

#include <algorithm>
#include <initializer_list>
#include <map>

#include "models/io/csv.h"
#include "models/measure/census.h"
#include "models/measure/flows.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"
#include "tests/test_support.h"

using namespace doorstroom;
using models::FlowOutcome;
using models::FlowPosition;
using models::FlowRoute;

namespace {

const models::ChainModel& baseline_model() {
  static const models::ChainModel model = models::compile(models::load("", "").parameters);
  return model;
}

models::SimulationOptions small_run(int threads = 1) {
  models::SimulationOptions options;
  options.students = 14000;
  options.replications = 3;  // flows replay replicate 0 only, whatever this says
  options.seed = 3;
  options.threads = threads;
  return options;
}

// Students of stratum g whose path satisfies `keep`.
template <class Keep>
std::uint64_t sum_if(const models::FlowTally& t, int g, Keep keep) {
  std::uint64_t n = 0;
  for (int r = 0; r < models::kFlowRoutes; ++r)
    for (int p = 0; p < models::kFlowPositions; ++p)
      for (int o = 0; o < models::kFlowOutcomes; ++o) {
        const auto route = static_cast<FlowRoute>(r);
        const auto position = static_cast<FlowPosition>(p);
        const auto outcome = static_cast<FlowOutcome>(o);
        if (keep(route, position, outcome)) n += t.students(g, route, position, outcome);
      }
  return n;
}

}  // namespace

TEST_CASE("the position and outcome groups are the census measures", "[flows]") {
  using models::Measure;
  for (int s = 0; s < models::kStates; ++s)
    for (const bool entree : {false, true})
      for (const bool sk : {false, true}) {
        CAPTURE(models::info(s).name, entree, sk);
        const auto m = models::measures_for(s, entree, sk);
        const auto holds = [&](Measure x) { return m[static_cast<std::size_t>(x)]; };
        const FlowPosition p = models::flow_position(s, entree, sk);
        CHECK((p == FlowPosition::entree) == holds(Measure::position_entree));
        CHECK((p == FlowPosition::niveau2plus) == holds(Measure::position_niveau2plus));
        CHECK((p == FlowPosition::not_in_mbo_with_diploma) == holds(Measure::position_not_in_mbo_with_diploma));
        CHECK((p == FlowPosition::not_in_mbo_no_diploma) == holds(Measure::position_not_in_mbo_no_diploma));
        const FlowOutcome o = models::flow_outcome(s, entree, sk);
        CHECK((o == FlowOutcome::startkwalificatie) == holds(Measure::highest_diploma_level2plus));
        CHECK((o == FlowOutcome::entree_diploma) == holds(Measure::highest_diploma_level1));
        CHECK((o == FlowOutcome::no_diploma_in_mbo) == (!holds(Measure::any_mbo_diploma) && holds(Measure::in_mbo)));
      }
  CHECK(models::flow_route(static_cast<int>(models::State::entree_bbl)) == FlowRoute::entree_bbl);
  CHECK(models::flow_route(static_cast<int>(models::State::mbo3plus)) == FlowRoute::niveau2plus);
  CHECK(models::flow_route(static_cast<int>(models::State::thuis_met_entreediploma)) == FlowRoute::no_school_no_work);
  CHECK(models::flow_route(static_cast<int>(models::State::buiten_brp)) == FlowRoute::not_in_brp);
}

TEST_CASE("flows sum to the students and their marginals are the census tally's counts", "[flows]") {
  const auto& model = baseline_model();
  const auto options = small_run();
  const models::FlowTally flows = models::tally_flows(model, options);

  // Replicate 0 of the run, tallied by the census.
  auto one = options;
  one.replications = 1;
  const auto run = models::simulate(model, one);
  const models::CensusTally& census = run.replicates.front();

  const int chain_leavers = static_cast<int>(models::Population::chain_leavers);
  const int all = models::kVariants - 1;
  int chain_strata = 0;
  for (int g = 0; g < flows.groups(); ++g) {
    CAPTURE(model.strata[static_cast<std::size_t>(g)].name);
    CHECK(flows.students(g) == run.simulated[static_cast<std::size_t>(g)]);
    // not_followed comes in all three columns or none.
    CHECK(sum_if(flows, g, [](FlowRoute r, FlowPosition p, FlowOutcome o) {
            return (r == FlowRoute::not_followed) != (p == FlowPosition::not_followed) ||
                   (r == FlowRoute::not_followed) != (o == FlowOutcome::not_followed);
          }) == 0);
    const std::uint64_t followed =
        sum_if(flows, g, [](FlowRoute r, FlowPosition, FlowOutcome) { return r != FlowRoute::not_followed; });
    CHECK(followed > 0);
    if (!model.strata[static_cast<std::size_t>(g)].starts_in_vo) continue;
    ++chain_strata;

    auto count = [&](int h, models::Measure m) { return census.count(chain_leavers, g, all, h, static_cast<int>(m)); };
    auto route_is = [&](std::initializer_list<FlowRoute> rs) {
      return sum_if(flows, g, [&](FlowRoute r, FlowPosition, FlowOutcome) { return std::find(rs.begin(), rs.end(), r) != rs.end(); });
    };
    auto position_is = [&](FlowPosition want) {
      return sum_if(flows, g, [&](FlowRoute, FlowPosition p, FlowOutcome) { return p == want; });
    };
    auto outcome_is = [&](std::initializer_list<FlowOutcome> os) {
      return sum_if(flows, g, [&](FlowRoute, FlowPosition, FlowOutcome o) { return std::find(os.begin(), os.end(), o) != os.end(); });
    };
    using models::Measure;
    for (const int h : {0, 1, 5}) CHECK(census.members(chain_leavers, g, all, h) == followed);
    // At T: the route.
    CHECK(count(0, Measure::position_entree) ==
          route_is({FlowRoute::entree_bol, FlowRoute::entree_bbl, FlowRoute::entree_examendeelnemer}));
    CHECK(count(0, Measure::position_niveau2plus) == route_is({FlowRoute::niveau2plus}));
    CHECK(count(0, Measure::work) == route_is({FlowRoute::work}));
    CHECK(count(0, Measure::uitkering) == route_is({FlowRoute::uitkering}));
    CHECK(count(0, Measure::no_school_no_work) == route_is({FlowRoute::no_school_no_work}));
    CHECK(count(0, Measure::beschut_werk_dagbesteding) == route_is({FlowRoute::beschut_werk_dagbesteding}));
    CHECK(count(0, Measure::not_in_brp) == route_is({FlowRoute::not_in_brp}));
    // One year later: the four B16 positions.
    CHECK(count(1, Measure::position_entree) == position_is(FlowPosition::entree));
    CHECK(count(1, Measure::position_niveau2plus) == position_is(FlowPosition::niveau2plus));
    CHECK(count(1, Measure::position_not_in_mbo_with_diploma) == position_is(FlowPosition::not_in_mbo_with_diploma));
    CHECK(count(1, Measure::position_not_in_mbo_no_diploma) == position_is(FlowPosition::not_in_mbo_no_diploma));
    // Five years later: the highest diploma.
    CHECK(count(5, Measure::mbo2_diploma) == outcome_is({FlowOutcome::startkwalificatie}));
    CHECK(count(5, Measure::highest_diploma_level1) == outcome_is({FlowOutcome::entree_diploma}));
    CHECK(followed - count(5, Measure::any_mbo_diploma) ==
          outcome_is({FlowOutcome::no_diploma_in_mbo, FlowOutcome::no_diploma_not_in_mbo}));
    // The route mix is not degenerate: several routes carry students.
    int routes = 0;
    for (int r = 0; r < models::kFlowRoutes - 1; ++r) routes += route_is({static_cast<FlowRoute>(r)}) > 0;
    CHECK(routes >= 3);
  }
  CHECK(chain_strata == 4);
}

TEST_CASE("flows are whole paths: a diploma held after one year is still held after five", "[flows]") {
  const auto& model = baseline_model();
  const models::FlowTally flows = models::tally_flows(model, small_run());
  std::uint64_t with_diploma = 0;
  for (int g = 0; g < flows.groups(); ++g) {
    // An estimate from the marginals would put some of these students in every outcome column.
    CHECK(sum_if(flows, g, [](FlowRoute, FlowPosition p, FlowOutcome o) {
            return p == FlowPosition::not_in_mbo_with_diploma &&
                   (o == FlowOutcome::no_diploma_in_mbo || o == FlowOutcome::no_diploma_not_in_mbo);
          }) == 0);
    with_diploma += sum_if(flows, g, [](FlowRoute, FlowPosition p, FlowOutcome) {
      return p == FlowPosition::not_in_mbo_with_diploma;
    });
  }
  CHECK(with_diploma > 0);  // so that the check above had students to look at
}

TEST_CASE("flows do not depend on the thread count and change with the seed", "[flows][threads]") {
  const auto& model = baseline_model();
  const std::string one = models::flows_csv("b", model, models::tally_flows(model, small_run(1)));
  CHECK(one == models::flows_csv("b", model, models::tally_flows(model, small_run(2))));
  auto other = small_run(1);
  other.seed = 4;
  CHECK(one != models::flows_csv("b", model, models::tally_flows(model, other)));
}

// `run` tallies the flows while it simulates replicate 0 instead of replaying it. The table must be
// the replay's, and the census tallies those of a run without flows: catches a pass that tallies
// another replicate's students (first_replicate off by one), drops or doubles replicates, or lets
// the flows' pass change what the census tally sees.
TEST_CASE("flows tallied in the run's own pass are the replay's, and the census tallies are unchanged", "[flows][threads]") {
  const auto& model = baseline_model();
  for (const int threads : {1, 2})
    for (const int replications : {1, 3}) {
      CAPTURE(threads, replications);
      auto options = small_run(threads);
      options.replications = replications;
      const auto plain = models::simulate(model, options);
      CHECK_FALSE(plain.flows.has_value());
      options.flows = true;
      const auto fused = models::simulate(model, options);
      REQUIRE(fused.flows.has_value());
      CHECK(models::flows_csv("b", model, *fused.flows) == models::flows_csv("b", model, models::tally_flows(model, options)));
      REQUIRE(fused.replicates.size() == static_cast<std::size_t>(replications));
      for (std::size_t r = 0; r < fused.replicates.size(); ++r) {
        CAPTURE(r);
        CHECK(fused.replicates[r].words() == plain.replicates[r].words());
      }
      CHECK(fused.simulated == plain.simulated);
    }
}

TEST_CASE("run writes flows.csv: students per stratum and their national cohort", "[flows][outputs]") {
  testing::TempDir dir;
  models::RunRequest request;
  request.options.students = 7000;
  request.options.replications = 2;
  request.out_dir = dir.file("run");
  models::run_to_folder(request);
  const std::string text = testing::read_file(dir.file("run/flows.csv"));
  const auto table = models::parse_csv(text, "flows.csv");
  REQUIRE(table.header == std::vector<std::string>{"scenario", "origin", "route", "position_1y", "outcome_5y", "students",
                                                   "per_year"});
  std::map<std::string, double> students, per_year;
  for (const auto& row : table.rows) {
    CHECK(row.fields[0] == "baseline");
    const double n = models::parse_number(row.fields[5]).value();
    CHECK(n > 0);  // empty paths are left out
    students[row.fields[1]] += n;
    per_year[row.fields[1]] += models::parse_number(row.fields[6]).value();
  }
  const auto& model = baseline_model();
  REQUIRE(students.size() == model.strata.size());
  for (const auto& st : model.strata) {
    CAPTURE(st.name);
    CHECK(students[st.name] == 1000.0);  // 7,000 students over seven strata, replicate 0 only
    CHECK(per_year[st.name] == Approx(st.cohort).epsilon(1e-4));
  }
}
