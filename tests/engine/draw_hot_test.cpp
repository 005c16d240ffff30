// draw_hot answers most draws from the hot table's first piece and the rest by the full walk; for
// every kind of risk it must give the due times the full walk gives (draw_due_times), bit for bit,
// whichever path a draw took.
#include <catch2/catch.hpp>

#include <array>
#include <vector>

#include "engine/simulate.h"

using namespace doorstroom::engine;

namespace {

Risk risk_with(PiecewiseHazard hazard, AgeEffect age = {}) {
  Risk r;
  r.hazard = hazard;
  r.age_effect = age;
  r.to.add(1, 1.0);
  return r;
}

}  // namespace

TEST_CASE("draw_hot gives the full walk's due times for every kind of risk", "[engine][simulate][hot]") {
  const std::vector<double> breaks{0.5, 2.0};
  const std::vector<double> rates{0.8, 0.3, 1.1};
  const std::vector<double> late_rates{0.0, 0.4, 0.9};  // nothing in the first piece
  StateRules rules;
  rules.add(risk_with(PiecewiseHazard::constant(0.7)));
  rules.add(risk_with(PiecewiseHazard(breaks, rates)));
  rules.add(risk_with(PiecewiseHazard(breaks, late_rates)));
  rules.add(risk_with(PiecewiseHazard::constant(0.4), {18.0, 2.5}));  // an age effect on a constant hazard
  rules.add(risk_with(PiecewiseHazard(breaks, rates), {17.0, 0.2}));
  rules.add(risk_with(PiecewiseHazard()));                          // never
  const HotRules hot = HotRules::of(rules);
  int first_piece = 0;
  for (double age_at_entry : {12.0, 16.7, 17.0, 17.9, 18.0, 25.0}) {
    for (std::uint64_t c = 0; c < 2000; ++c) {
      std::array<Years, StateRules::kMaxRisks> by_walk{};
      std::array<Years, StateRules::kMaxRisks> by_hot{};
      CaseStream walk_rng(5, 0, c);
      CaseStream hot_rng(5, 0, c);
      draw_due_times(rules, 1.25, age_at_entry, walk_rng, by_walk);
      const Earliest first = draw_hot(hot, rules, 1.25, age_at_entry, hot_rng, by_hot);
      REQUIRE(by_hot == by_walk);
      const Earliest expected = earliest_of(by_walk, rules.n_risks);
      REQUIRE(first.k == expected.k);
      REQUIRE(first.t == expected.t);
      for (int i = 0; i < rules.n_risks; ++i)
        if (by_walk[static_cast<std::size_t>(i)] - 1.25 < hot.risks[static_cast<std::size_t>(i)].end0) ++first_piece;
    }
  }
  CHECK(first_piece > 10000);  // draws landed in the first piece, where the hot path answers
}

TEST_CASE("a hot table that ignores an age effect is caught", "[engine][simulate][hot]") {
  // The comparison above would see a first-piece test that forgets the age effect: the same
  // comparison fails here, where the table is made to forget it.
  StateRules rules;
  rules.add(risk_with(PiecewiseHazard::constant(0.4), {18.0, 2.5}));
  HotRules wrong = HotRules::of(rules);
  wrong.risks[0].aged_end0 = -PiecewiseHazard::kNever;
  int differ = 0;
  for (std::uint64_t c = 0; c < 200; ++c) {
    std::array<Years, StateRules::kMaxRisks> by_walk{};
    std::array<Years, StateRules::kMaxRisks> by_hot{};
    CaseStream walk_rng(5, 0, c);
    CaseStream hot_rng(5, 0, c);
    draw_due_times(rules, 0.0, 16.0, walk_rng, by_walk);
    (void)draw_hot(wrong, rules, 0.0, 16.0, hot_rng, by_hot);
    if (by_hot != by_walk) ++differ;
  }
  CHECK(differ > 50);
}
