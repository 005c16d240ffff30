// simulate_case draws a stay's due times from Process::hot (the first piece of each hazard) when the
// rules are prepared, and by the full walk through StateRules when they changed since. Both must
// give the same doubles, so that a run's outputs do not depend on which path a state took.
#include <catch2/catch.hpp>

#include "engine/runner.h"
#include "engine/simulate.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

using namespace doorstroom;

namespace {

std::vector<std::uint64_t> tally_words(const models::ChainModel& model, std::uint64_t students) {
  models::CensusTally tally = models::empty_tally(model);
  const auto groups = static_cast<std::uint64_t>(model.process.groups());
  for (std::uint64_t i = 0; i < students; ++i) {
    const int g = static_cast<int>(i % groups);
    engine::CaseStream rng(11, 0, engine::case_id(g, i / groups));
    engine::simulate_case(model.process, g, i / groups, rng, tally);
  }
  return tally.words();
}

}  // namespace

TEST_CASE("the hot tables and the full walk give the same run", "[engine][simulate][hot]") {
  const models::ChainModel model = models::compile(models::load("", "").parameters);
  models::ChainModel stale = model;
  for (int g = 0; g < stale.process.groups(); ++g)
    for (int s = 0; s < stale.process.states(); ++s) {
      REQUIRE(model.process.hot(g, s) != nullptr);
      REQUIRE(model.process.hot(g, s)->current);
      (void)stale.process.rules(g, s);  // a mutable reference: the hot table no longer counts
      REQUIRE_FALSE(stale.process.hot(g, s)->current);
    }
  const auto hot = tally_words(model, 30000);
  CHECK(hot == tally_words(stale, 30000));
  stale.process.prepare();
  CHECK(stale.process.hot(0, 0)->current);
}

TEST_CASE("a rule changed after prepare is simulated as changed", "[engine][simulate][hot]") {
  models::ChainModel model = models::compile(models::load("", "").parameters);
  const auto before = tally_words(model, 5000);
  // Every hazard 20% faster: the hot table must not keep the old first pieces.
  for (int g = 0; g < model.process.groups(); ++g)
    for (int s = 0; s < model.process.states(); ++s) {
      engine::StateRules& rules = model.process.rules(g, s);
      for (int i = 0; i < rules.n_risks; ++i)
        rules.risks[static_cast<std::size_t>(i)].hazard = rules.risks[static_cast<std::size_t>(i)].hazard.scaled(1.2);
    }
  const auto changed = tally_words(model, 5000);
  CHECK(changed != before);
  model.process.prepare();
  CHECK(tally_words(model, 5000) == changed);
}
