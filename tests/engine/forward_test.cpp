// The forward computation against closed forms, and the Monte Carlo against the forward
// computation. The closed forms check forward.h; forward.h then checks simulate_case on a process
// that uses every feature the driver loop has.
#include "engine/forward.h"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unsupported/Eigen/MatrixFunctions>
#include <vector>

#include "engine/rng.h"
#include "engine/simulate.h"

namespace {

using namespace doorstroom::engine;

constexpr double kCensusPhase = 2.0 / 12.0;

Branch to(int state, double min_age = 0.0) {
  Branch b;
  b.add(state, 1.0, min_age);
  return b;
}

Risk risk(int id, PiecewiseHazard hazard, Branch where, AgeEffect age = {}) {
  Risk r;
  r.id = id;
  r.hazard = hazard;
  r.age_effect = age;
  r.to = where;
  return r;
}

// Built in one expression: assigning the name after construction makes g++ 12 report a false
// -Wrestrict here.
Group group_starting_in(int state, double end, double age_at_start = 0.0) {
  return Group{std::string("g"), to(state), age_at_start, end};
}

// Constant-rate moves only, as the generator of a continuous-time Markov chain.
Eigen::MatrixXd generator(const Process& p, int g) {
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(p.states(), p.states());
  for (int s = 0; s < p.states(); ++s) {
    const StateRules& rules = p.rules(g, s);
    for (int i = 0; i < rules.n_risks; ++i) {
      const Risk& r = rules.risks[static_cast<std::size_t>(i)];
      for (int o = 0; o < r.to.size(); ++o) {
        const double rate = r.hazard.piece_rate(0) * r.to.outcome(o).probability;
        q(s, r.to.outcome(o).to) += rate;
        q(s, s) -= rate;
      }
    }
  }
  return q;
}

// Every feature at once: piecewise hazards, an age effect, outcomes gated by a minimum age, a
// yearly decision whose probability depends on whole years in the state, and self-transitions
// (which restart both the hazard pieces and the count of years).
// States: 0 and 1 start, 2 is entered from both, 3 and 4 absorb.
Process rich_process(double scale_one_rate = 1.0) {
  Group g;
  g.name = "rich";
  g.start.add(0, 0.6);
  g.start.add(1, 0.4);
  g.age_at_start = 13.3;
  g.end = 6.0;
  Process p(5, {g}, YearlyDate{kCensusPhase}, YearlyDate{8.0 / 12.0});

  const std::array<double, 2> breaks0{0.5, 2.0};
  const std::array<double, 3> rates0{0.3, 0.9 * scale_one_rate, 0.4};
  Branch from0;
  from0.add(1, 0.5);
  from0.add(2, 0.5, 14.5);  // gated until t = 1.2
  p.rules(0, 0).add(risk(1, PiecewiseHazard(breaks0, rates0), from0, AgeEffect{15.0, 1.8}));
  p.rules(0, 0).add(risk(2, PiecewiseHazard::constant(0.15), to(0)));

  StateRules& s1 = p.rules(0, 1);
  s1.add(risk(3, PiecewiseHazard::constant(0.25), to(3)));
  const std::array<double, 1> breaks1{1.0};
  const std::array<double, 2> rates1{0.0, 0.5};
  s1.add(risk(4, PiecewiseHazard(breaks1, rates1), to(1)));
  s1.has_yearly = true;
  s1.yearly.id = 5;
  s1.yearly.years = 3;
  s1.yearly.probability = {0.3, 0.6, 0.9};
  s1.yearly.to.add(2, 0.7);
  s1.yearly.to.add(4, 0.3, 15.5);  // gated until t = 2.2

  const std::array<double, 1> breaks2{0.25};
  const std::array<double, 2> rates2{1.0, 0.2};
  Branch from2;
  from2.add(3, 0.6);
  from2.add(0, 0.4);
  p.rules(0, 2).add(risk(6, PiecewiseHazard(breaks2, rates2), from2));
  return p;
}

// Throws on a census reported twice or out of order, so that a driver loop stuck on a date
// fails the test instead of hanging it.
struct CensusCounter {
  std::vector<std::vector<double>>& counts;
  int last = -1;
  void begin(int, std::uint64_t, int) { last = -1; }
  void census(int k, int state, Years t) {
    if (k <= last || k >= static_cast<int>(counts.size()))
      throw std::runtime_error("census " + std::to_string(k) + " at t = " + std::to_string(t) +
                               " reported after census " + std::to_string(last));
    last = k;
    counts[static_cast<std::size_t>(k)][static_cast<std::size_t>(state)] += 1.0;
  }
  void transition(int, int, int, Years) {}
  void end(Years) {}
};

// Students of group 0 per (census, state) over n cases of the process.
std::vector<std::vector<double>> census_counts(const Process& p, std::size_t censuses, std::uint64_t n,
                                               std::uint32_t seed) {
  std::vector<std::vector<double>> counts(censuses, std::vector<double>(static_cast<std::size_t>(p.states()), 0.0));
  CensusCounter observer{counts};
  for (std::uint64_t i = 0; i < n; ++i) {
    CaseStream rng(seed, 0u, i);
    simulate_case(p, 0, i, rng, observer);
  }
  return counts;
}

// The largest |forward - Monte Carlo| over all census shares, in standard errors of the latter.
double largest_z(const std::vector<std::vector<double>>& forward,
                 const std::vector<std::vector<double>>& counts, double n) {
  double worst = 0.0;
  for (std::size_t k = 0; k < forward.size(); ++k)
    for (std::size_t s = 0; s < forward[k].size(); ++s) {
      const double p = forward[k][s];
      const double se = std::max(std::sqrt(p * (1.0 - p) / n), 1e-4);
      worst = std::max(worst, std::abs(counts[k][s] / n - p) / se);
    }
  return worst;
}

}  // namespace

TEST_CASE("forward: one constant risk leaves the start state at exp(-rate t)", "[engine][forward]") {
  Process p(2, {group_starting_in(0, 18.0)}, YearlyDate{kCensusPhase}, YearlyDate{0.0});
  p.rules(0, 0).add(risk(0, PiecewiseHazard::constant(0.7), to(1)));

  const auto shares = forward_census_shares(p, 0);
  REQUIRE(shares.size() == 18);  // 1/6, 1 + 1/6, ..., 17 + 1/6
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const double t = kCensusPhase + static_cast<double>(k);
    CAPTURE(k);
    CHECK(std::abs(shares[k][0] - std::exp(-0.7 * t)) < 1e-6);
    CHECK(std::abs(shares[k][1] - (1.0 - std::exp(-0.7 * t))) < 1e-6);
  }
}

TEST_CASE("forward: a chain of two constant risks matches the Kolmogorov solution", "[engine][forward]") {
  const double a = 1.3;
  const double b = 0.4;
  Process p(3, {group_starting_in(0, 10.0)}, YearlyDate{kCensusPhase}, YearlyDate{0.0});
  p.rules(0, 0).add(risk(0, PiecewiseHazard::constant(a), to(1)));
  p.rules(0, 1).add(risk(1, PiecewiseHazard::constant(b), to(2)));

  const auto shares = forward_census_shares(p, 0);
  REQUIRE(shares.size() == 10);
  double worst = 0.0;
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const double t = kCensusPhase + static_cast<double>(k);
    const double pa = std::exp(-a * t);
    const double pb = a / (a - b) * (std::exp(-b * t) - std::exp(-a * t));
    const std::array<double, 3> exact{pa, pb, 1.0 - pa - pb};
    for (std::size_t s = 0; s < 3; ++s) worst = std::max(worst, std::abs(shares[k][s] - exact[s]));
  }
  CAPTURE(worst);
  CHECK(worst < 2e-4);

  // The first-order answer alone is visibly worse: Richardson is doing the work it claims to.
  const auto first_order = forward_census_shares(p, 0, {10, false});
  const double t1 = kCensusPhase + 1.0;
  const double pb1 = a / (a - b) * (std::exp(-b * t1) - std::exp(-a * t1));
  CHECK(std::abs(first_order[1][1] - pb1) > 10.0 * std::abs(shares[1][1] - pb1));
}

TEST_CASE("forward: a cycle with a self-transition matches the matrix exponential", "[engine][forward]") {
  // Re-entry into a state many times over, and a self-transition that must change nothing for
  // constant rates.
  Process p(3, {group_starting_in(0, 8.0)}, YearlyDate{kCensusPhase}, YearlyDate{0.0});
  p.rules(0, 0).add(risk(0, PiecewiseHazard::constant(2.0), to(1)));
  p.rules(0, 0).add(risk(1, PiecewiseHazard::constant(3.0), to(0)));
  Branch from1;
  from1.add(0, 0.75);
  from1.add(2, 0.25);
  p.rules(0, 1).add(risk(2, PiecewiseHazard::constant(1.6), from1));

  const Eigen::MatrixXd q = generator(p, 0);  // the self-transition adds and removes 3.0: no move
  const auto shares = forward_census_shares(p, 0);
  REQUIRE(shares.size() == 8);
  double worst = 0.0;
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const double t = kCensusPhase + static_cast<double>(k);
    const Eigen::MatrixXd m = (q * t).exp();
    for (int s = 0; s < 3; ++s)
      worst = std::max(worst, std::abs(shares[k][static_cast<std::size_t>(s)] - m(0, s)));
  }
  CAPTURE(worst);
  CHECK(worst < 2e-4);
}

TEST_CASE("forward: a phase off the grid is refused", "[engine][forward]") {
  Process p(2, {group_starting_in(0, 5.0)}, YearlyDate{1.0 / 7.0}, YearlyDate{0.0});
  p.rules(0, 0).add(risk(0, PiecewiseHazard::constant(0.7), to(1)));
  CHECK_THROWS_AS(forward_census_shares(p, 0), std::invalid_argument);
}

TEST_CASE("forward: simulate_case agrees with the forward computation", "[engine][forward][simulate]") {
  const Process p = rich_process();
  const auto forward = forward_census_shares(p, 0);
  REQUIRE(forward.size() == 6);  // 1/6 + k <= 6

  // Refining the grid changes nothing at the accuracy claimed.
  const auto finer = forward_census_shares(p, 0, {20, true});
  double refinement = 0.0;
  for (std::size_t k = 0; k < forward.size(); ++k)
    for (std::size_t s = 0; s < forward[k].size(); ++s)
      refinement = std::max(refinement, std::abs(forward[k][s] - finer[k][s]));
  CAPTURE(refinement);
  CHECK(refinement < 1e-4);

  const std::uint64_t n = 200000;
  const auto counts = census_counts(p, forward.size(), n, 20240611u);
  for (const auto& row : counts) {
    double total = 0.0;
    for (double c : row) total += c;
    REQUIRE(total == static_cast<double>(n));  // every case is seen at every census
  }

  const double z = largest_z(forward, counts, static_cast<double>(n));
  CAPTURE(z);
  CHECK(z < 4.0);

  // Power: one rate 10% off is seen by the same comparison.
  const auto wrong = forward_census_shares(rich_process(1.1), 0);
  const double z_wrong = largest_z(wrong, counts, static_cast<double>(n));
  CAPTURE(z_wrong);
  CHECK(z_wrong > 4.0);
}

namespace {

// An exam on its own date (1 July, phase 11/12) with a minimum stay, beside the process's decision
// date (1 August): a student enters state 1 at any time of year through a hazard, sits the first
// exam that falls at least half a year after entry, and otherwise drops out in between.
Process exam_process(double first_pass) {
  Process p(4, {group_starting_in(0, 6.0)}, YearlyDate{kCensusPhase}, YearlyDate{0.0});
  p.rules(0, 0).add(risk(0, PiecewiseHazard::constant(0.9), to(1)));
  StateRules& s1 = p.rules(0, 1);
  s1.add(risk(1, PiecewiseHazard::constant(0.25), to(3)));
  s1.has_yearly = true;
  s1.yearly.id = 2;
  s1.yearly.years = 2;
  s1.yearly.probability = {first_pass, 0.4};
  s1.yearly.date = YearlyDate{11.0 / 12.0};
  s1.yearly.min_stay = 0.5;
  s1.yearly.to.add(2, 1.0);
  return p;
}

}  // namespace

TEST_CASE("forward: an exam date with a minimum stay agrees with simulate_case", "[engine][forward][simulate]") {
  const Process p = exam_process(0.7);
  const auto forward = forward_census_shares(p, 0);
  const std::uint64_t n = 200000;
  const auto counts = census_counts(p, forward.size(), n, 20261206u);
  const double z = largest_z(forward, counts, static_cast<double>(n));
  CAPTURE(z);
  CHECK(z < 4.0);
  // Power: a first exam that passes 0.65 instead of 0.7 is seen.
  const double z_wrong = largest_z(forward_census_shares(exam_process(0.65), 0), counts, static_cast<double>(n));
  CAPTURE(z_wrong);
  CHECK(z_wrong > 4.0);
}

TEST_CASE("an exam is sat at the first date after the minimum stay", "[engine][simulate]") {
  // Entered on 1 August (t = 0): the first exam is 1 July (t = 11/12). Entered on 1 March
  // (t = 7/12): half a year later is September, so the first exam is the next 1 July (t = 1 + 11/12).
  const Process p = exam_process(1.0);
  const YearlyDecision& exam = p.rules(0, 1).yearly;
  CHECK(p.first_decision(exam, 0.0) == Approx(11.0 / 12.0));
  CHECK(p.first_decision(exam, 7.0 / 12.0) == Approx(1.0 + 11.0 / 12.0));
  CHECK(p.first_decision(exam, 11.0 / 12.0) == Approx(1.0 + 11.0 / 12.0));
  CHECK(exam.probability_at(1) == 1.0);
  CHECK(exam.probability_at(5) == 0.4);  // the last probability repeats
}
