// Group::switch_at / switch_to (engine/process.h): a policy that starts at a date. Under common
// random numbers a case with a switch lives exactly as without it until the date, and stays
// entered from then on follow the other group's rules.
//
// A switch the engine ignored would fail the `differ_after` count; the mutation actually run was
// one level up (tests/models/start_year_test.cpp).
#include <catch2/catch.hpp>

#include <array>
#include <vector>

#include "engine/process.h"
#include "engine/rng.h"
#include "engine/simulate.h"

using namespace doorstroom::engine;

namespace {

// Three states: 0 -> 1 -> 2 -> 0 -> ..., at rate `rate` each step.
Process cycle(double rate_base, double rate_switched, Years switch_at) {
  std::vector<Group> groups(2);
  for (Group& g : groups) {
    g.start.add(0, 1.0);
    g.end = 8.0;
  }
  groups[0].switch_at = switch_at;
  groups[0].switch_to = 1;
  Process p(3, groups, YearlyDate{0.25}, YearlyDate{0.0});
  const std::array<double, 1> rates_base{rate_base}, rates_switched{rate_switched};
  for (int g = 0; g < 2; ++g)
    for (int s = 0; s < 3; ++s) {
      Risk r;
      r.id = 0;
      r.hazard = PiecewiseHazard({}, g == 0 ? std::span<const double>(rates_base) : std::span<const double>(rates_switched));
      r.to.add((s + 1) % 3, 1.0);
      p.rules(g, s).add(r);
    }
  p.prepare();
  return p;
}

struct Record {
  std::vector<int> states;                    // state at each census
  std::vector<std::pair<double, int>> moves;  // (time, to)
  void begin(int, std::uint64_t, int) {}
  void census(int, int state, Years) { states.push_back(state); }
  void transition(int, int to, int, Years t) { moves.emplace_back(t, to); }
  void end(Years) {}
};

Record life(const Process& p, std::uint64_t i) {
  CaseStream rng(3, 0, i);
  Record rec;
  simulate_case(p, 0, i, rng, rec);
  return rec;
}

}  // namespace

TEST_CASE("a switch of rules changes nothing before its date and the stays entered after it", "[engine][switch]") {
  const Process without = cycle(1.5, 1.5, PiecewiseHazard::kNever);
  const Process with = cycle(1.5, 6.0, 3.0);
  int differ_after = 0;
  for (std::uint64_t i = 0; i < 200; ++i) {
    const Record a = life(without, i), b = life(with, i);
    // Censuses at 0.25, 1.25, 2.25: before the date, identical.
    for (std::size_t k = 0; k < 3; ++k) CHECK(a.states[k] == b.states[k]);
    // Every move up to the first one after the date is identical (the stay under way at the date
    // keeps its due time); after that the faster rules take over.
    std::size_t m = 0;
    while (m < a.moves.size() && a.moves[m].first < 3.0) {
      REQUIRE(m < b.moves.size());
      CHECK(a.moves[m] == b.moves[m]);
      ++m;
    }
    if (m < a.moves.size()) CHECK(a.moves[m] == b.moves[m]);
    differ_after += a.moves.size() != b.moves.size();
  }
  CHECK(differ_after > 150);  // four times the rate after the date: nearly every case moves more
}

TEST_CASE("a switch at time 0 is the other group throughout", "[engine][switch]") {
  const Process with = cycle(1.5, 6.0, 0.0);
  const Process other = cycle(6.0, 6.0, PiecewiseHazard::kNever);
  for (std::uint64_t i = 0; i < 50; ++i) CHECK(life(with, i).moves == life(other, i).moves);
}
