// The engine hands an observer that has repeat_census a run of censuses in one state as one call
// after the first census; the tallies count such a run as a range (models/measure/census.h). They
// must come out as if every census had been its own call, for the census tally (its words and
// every accessor) and for the flows.
#include <catch2/catch.hpp>

#include <cstdint>

#include "engine/runner.h"
#include "engine/simulate.h"
#include "models/measure/census_and_flows.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

using namespace doorstroom;

namespace {

// Passes every call on, but has no repeat_census: the engine calls census for each census.
template <class Tally>
struct EveryCensus {
  Tally& tally;
  void begin(int g, std::uint64_t i, int s) { tally.begin(g, i, s); }
  void census(int k, int s, engine::Years t) { tally.census(k, s, t); }
  void transition(int from, int to, int id, engine::Years t) { tally.transition(from, to, id, t); }
  void end(engine::Years t) { tally.end(t); }
};

template <class Observer>
void simulate(const models::ChainModel& model, std::uint64_t students, Observer& observer) {
  const auto groups = static_cast<std::uint64_t>(model.process.groups());
  for (std::uint64_t i = 0; i < students; ++i) {
    const int g = static_cast<int>(i % groups);
    engine::CaseStream rng(5, 0, engine::case_id(g, i / groups));
    engine::simulate_case(model.process, g, i / groups, rng, observer);
  }
}

}  // namespace

TEST_CASE("a run of censuses counted as a range equals a count per census", "[census][runs]") {
  const models::ChainModel model = models::compile(models::load("", "").parameters);
  models::CensusAndFlows by_runs(models::empty_tally(model), models::empty_flow_tally(model));
  simulate(model, 20000, by_runs);
  models::CensusAndFlows by_census(models::empty_tally(model), models::empty_flow_tally(model));
  EveryCensus<models::CensusAndFlows> every{by_census};
  simulate(model, 20000, every);

  const models::CensusTally& a = by_runs.census_tally;
  const models::CensusTally& b = by_census.census_tally;
  REQUIRE(a.transitions() > 0);
  CHECK(a.words() == b.words());
  int mismatches = 0;
  std::uint64_t counted = 0;
  for (int g = 0; g < a.groups(); ++g) {
    for (int k = 0; k < a.censuses(); ++k)
      for (int s = 0; s < models::kStates; ++s) {
        mismatches += a.occupancy(g, k, s) != b.occupancy(g, k, s);
        counted += a.occupancy(g, k, s);
      }
    for (int p = 0; p < models::kPopulations; ++p)
      for (int v = 0; v < models::kVariants; ++v)
        for (int h = 0; h <= a.horizon(); ++h) {
          mismatches += a.members(p, g, v, h) != b.members(p, g, v, h);
          for (int m = 0; m < models::kMeasures; ++m) mismatches += a.count(p, g, v, h, m) != b.count(p, g, v, h, m);
        }
  }
  CHECK(counted > 0);
  CHECK(mismatches == 0);
  CHECK(models::flows_csv("runs", model, by_runs.flow_tally) == models::flows_csv("runs", model, by_census.flow_tally));
}

TEST_CASE("tallies with runs merge and pass through their words as their counts", "[census][runs]") {
  const models::ChainModel model = models::compile(models::load("", "").parameters);
  models::CensusTally first = models::empty_tally(model);
  models::CensusTally second = models::empty_tally(model);
  simulate(model, 3000, first);
  simulate(model, 5000, second);
  models::CensusTally merged = first;
  merged.merge(second);
  // What MPI does: the words of every rank summed, set on one tally.
  std::vector<std::uint64_t> sum = first.words();
  const std::vector<std::uint64_t> more = second.words();
  for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += more[i];
  models::CensusTally received = models::empty_tally(model);
  received.set_words(sum);
  CHECK(merged.words() == sum);
  CHECK(received.words() == sum);
  int mismatches = 0;
  for (int g = 0; g < merged.groups(); ++g)
    for (int k = 0; k < merged.censuses(); ++k)
      for (int s = 0; s < models::kStates; ++s) mismatches += received.occupancy(g, k, s) != merged.occupancy(g, k, s);
  CHECK(mismatches == 0);
}
