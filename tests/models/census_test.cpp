// The census populations and funded time of models::CensusTally, driven by hand: a few students
// with chosen states and times, and the exact counts each should add (seed 003 Bijlage I and III).
//
// Each of these mutations of models/measure/census.cpp was tried and made the tests named in
// brackets fail:
//   - census(): `entree_variant_at_census_ >= 0 && !in_mbo(i)` without `!in_mbo(i)`: a student back
//     in mbo by the next census becomes a leaver ("... one back in mbo by then is none", "merge")
//   - census(): `ref = fits ? k : -2` always k: a horizon past the follow-up joins ("... never joins")
//   - census(): `if (left_vo_)` as `if (chain_)`: chain students join chain_leavers at census 0,
//     before they leave ("a chain student who leaves pro ...", "... never joins")
//   - census(): entree_leavers under no variant instead of the variant at census T ("a chain
//     student ...", "an entree leaver ...", "merge")
//   - add_stay(): without `entree_years_ += years`, every entree stay buys a first year ("funded
//     entree days ...")
//   - merge(): without the line that adds funded_days_ ("merge adds ...")
#include <catch2/catch.hpp>

#include "models/chain/chain_model.h"
#include "models/measure/census.h"

using namespace doorstroom::models;

namespace {

int id(State s) { return static_cast<int>(s); }
int id(Population p) { return static_cast<int>(p); }
int id(Measure m) { return static_cast<int>(m); }
int id(Variant v) { return static_cast<int>(v); }

// One student's life, fed to the tally as engine::simulate_case does: every census before a move
// sees the state before it (census k at kCensusPhase + k, t = 0 being 1 August).
class Student {
 public:
  Student(CensusTally& tally, int group, State start) : tally_(tally), state_(id(start)) {
    tally_.begin(group, 0, state_);
  }
  Student& moves_to(State to, double t) {
    censuses_before(t);
    tally_.transition(state_, id(to), 0, t);
    state_ = id(to);
    return *this;
  }
  void ends(double t) {
    censuses_before(t);
    tally_.end(t);
  }

 private:
  void censuses_before(double t) {
    for (; kCensusPhase + next_census_ < t; ++next_census_) tally_.census(next_census_, state_, kCensusPhase + next_census_);
  }
  CensusTally& tally_;
  int state_;
  int next_census_ = 0;
};

constexpr int kChain = 0;   // a stratum that starts in vo (pro, vso, vmbo_b, isk)
constexpr int kEntree = 1;  // one that starts in entree
constexpr int kHorizon = 2;
constexpr int kCensuses = 6;

CensusTally tally() { return CensusTally({true, false}, kHorizon, kCensuses); }

}  // namespace

TEST_CASE("a chain student who leaves pro for entree joins chain_leavers and entree_entrants at the next census",
          "[census]") {
  CensusTally t = tally();
  // In pro at census 0, entree bol from January, an entree diploma and work from the next January.
  Student(t, kChain, State::pro)
      .moves_to(State::entree_bol, 0.5)
      .moves_to(State::werk_met_entreediploma, 1.5)
      .ends(kCensuses);

  const int none = kNoVariant;
  const int bol = id(Variant::bol);
  const int chain_leavers = id(Population::chain_leavers);
  // Reference census T = 1, the first after leaving: in entree at T, at work with a diploma at T + 1.
  for (int h = 0; h <= kHorizon; ++h) CHECK(t.members(chain_leavers, kChain, none, h) == 1);
  CHECK(t.count(chain_leavers, kChain, none, 0, id(Measure::position_entree)) == 1);
  CHECK(t.count(chain_leavers, kChain, none, 0, id(Measure::entree_diploma)) == 0);
  CHECK(t.count(chain_leavers, kChain, none, 1, id(Measure::work)) == 1);
  CHECK(t.count(chain_leavers, kChain, none, 1, id(Measure::entree_diploma)) == 1);

  // entree_entrants at T = 1 too, under the variant of that first entree census.
  const int entrants = id(Population::entree_entrants);
  CHECK(t.members(entrants, kChain, bol, 0) == 1);
  CHECK(t.count(entrants, kChain, bol, 0, id(Measure::position_entree)) == 1);
  CHECK(t.members(entrants, kChain, id(Variant::bbl), 0) == 0);
  CHECK(t.members(entrants, kChain, id(Variant::examendeelnemer), 0) == 0);
  CHECK(t.members(id(Population::mbo_entrants), kChain, none, 0) == 1);

  // In entree at census 1 and out of mbo at census 2 with a diploma: an entree leaver with T + 1 = 2.
  CHECK(t.members(id(Population::entree_leavers), kChain, bol, 0) == 1);
  CHECK(t.count(id(Population::entree_leavers), kChain, bol, 0, id(Measure::work)) == 1);
  CHECK(t.members(id(Population::entree_leavers_met_diploma), kChain, bol, 0) == 1);
  CHECK(t.members(id(Population::entree_leavers_zonder_diploma), kChain, bol, 0) == 0);

  // Where the student was at each census, from census 0.
  CHECK(t.occupancy(kChain, 0, id(State::pro)) == 1);
  CHECK(t.occupancy(kChain, 1, id(State::entree_bol)) == 1);
  CHECK(t.occupancy(kChain, 2, id(State::werk_met_entreediploma)) == 1);
  CHECK(t.transitions() == 2);
}

TEST_CASE("an entree leaver is out of mbo at the next census, and one back in mbo by then is none", "[census]") {
  CensusTally t = tally();
  // bbl at census 0, at home without a diploma at census 1: a leaver under bbl, T + 1 = 1.
  Student(t, kEntree, State::entree_bbl).moves_to(State::thuis_zonder_diploma, 0.6).ends(kCensuses);
  // bol at census 0, home for the winter, back in bol before census 1, niveau 2 at census 2.
  Student(t, kEntree, State::entree_bol)
      .moves_to(State::thuis_zonder_diploma, 0.4)
      .moves_to(State::entree_bol, 0.9)
      .moves_to(State::niveau2, 1.5)
      .ends(kCensuses);

  const int bbl = id(Variant::bbl);
  const int bol = id(Variant::bol);
  const int leavers = id(Population::entree_leavers);
  const int zonder = id(Population::entree_leavers_zonder_diploma);
  for (int h = 0; h <= kHorizon; ++h) {
    CHECK(t.members(leavers, kEntree, bbl, h) == 1);
    CHECK(t.members(zonder, kEntree, bbl, h) == 1);
    CHECK(t.members(leavers, kEntree, bol, h) == 0);
    CHECK(t.members(zonder, kEntree, bol, h) == 0);
  }
  CHECK(t.count(leavers, kEntree, bbl, 0, id(Measure::no_school_no_work)) == 1);
  CHECK(t.count(leavers, kEntree, bbl, 0, id(Measure::position_not_in_mbo_no_diploma)) == 1);
  CHECK(t.members(id(Population::entree_leavers_met_diploma), kEntree, bbl, 0) == 0);
  // Both entered entree at census 0, and neither stratum is a chain one.
  CHECK(t.members(id(Population::entree_entrants), kEntree, bbl, 0) == 1);
  CHECK(t.members(id(Population::entree_entrants), kEntree, bol, 0) == 1);
  CHECK(t.count(id(Population::entree_entrants), kEntree, bol, 2, id(Measure::position_niveau2plus)) == 1);
  CHECK(t.members(id(Population::chain_leavers), kEntree, kNoVariant, 0) == 0);
}

TEST_CASE("a student whose horizon runs past the follow-up never joins", "[census]") {
  // The chain stratum is followed for 4 censuses: with a horizon of 2 the last reference census is 1.
  CensusTally t({true, false}, kHorizon, kCensuses, {4, kCensuses});
  Student(t, kChain, State::pro).moves_to(State::entree_bol, 0.5).ends(4);  // T = 1: joins
  Student(t, kChain, State::pro).moves_to(State::entree_bol, 1.5).ends(4);  // T = 2: never
  const int chain_leavers = id(Population::chain_leavers);
  for (int h = 0; h <= kHorizon; ++h) {
    CHECK(t.members(chain_leavers, kChain, kNoVariant, h) == 1);
    CHECK(t.members(id(Population::entree_entrants), kChain, id(Variant::bol), h) == 1);
  }
  CHECK(t.count(chain_leavers, kChain, kNoVariant, 0, id(Measure::position_entree)) == 1);
}

TEST_CASE("a case that ends before its follow-up counts the horizons it was seen at", "[census]") {
  // Followed for 6 censuses, so a reference at census 1 fits; the case ends before census 3, so of
  // T .. T + 2 it is seen at T and T + 1 only (the counts are made at end(), from the censuses seen).
  CensusTally t = tally();
  Student(t, kChain, State::pro).moves_to(State::entree_bol, 0.5).ends(2.5);
  const int chain_leavers = id(Population::chain_leavers);
  CHECK(t.members(chain_leavers, kChain, kNoVariant, 0) == 1);
  CHECK(t.members(chain_leavers, kChain, kNoVariant, 1) == 1);
  CHECK(t.members(chain_leavers, kChain, kNoVariant, 2) == 0);
  CHECK(t.count(chain_leavers, kChain, kNoVariant, 1, id(Measure::position_entree)) == 1);
}

TEST_CASE("funded entree days split into the first year over all stays and later years", "[census]") {
  CensusTally t = tally();
  // Half a year of bol, a switch to bbl for 1.25 years (another half first year, 0.75 later),
  // then niveau 2 with an entree diploma until the end.
  Student(t, kEntree, State::entree_bol)
      .moves_to(State::entree_bbl, 0.5)
      .moves_to(State::niveau2_met_entreediploma, 1.75)
      .ends(3.0);
  // Whole days per stay, rounded half away from zero: 0.5 y = 182.625 d -> 183.
  CHECK(t.funded_days(kEntree, FundedTime::entree_first_year) == 183 + 183);
  CHECK(t.funded_days(kEntree, FundedTime::entree_later_years) == 274);  // 0.75 y = 273.9375 d
  CHECK(t.funded_days(kEntree, FundedTime::niveau2) == 457);             // 1.25 y = 456.5625 d
  CHECK(t.funded_days(kEntree, FundedTime::examendeelnemer) == 0);
  CHECK(t.funded_days(kEntree, FundedTime::mbo3plus) == 0);
  CHECK(t.funded_days(kChain, FundedTime::entree_first_year) == 0);
  CHECK(t.startkwalificatie_at_end(kEntree) == 0);

  Student(t, kEntree, State::entree_examendeelnemer).moves_to(State::mbo3plus, 1.0).ends(2.0);
  CHECK(t.funded_days(kEntree, FundedTime::examendeelnemer) == 365);  // 365.25 d -> 365
  CHECK(t.funded_days(kEntree, FundedTime::mbo3plus) == 365);
  CHECK(t.funded_days(kEntree, FundedTime::entree_first_year) == 366);  // examendeelnemers are funded in vo
  CHECK(t.startkwalificatie_at_end(kEntree) == 1);
}

TEST_CASE("merge adds counts, occupancy, funded days and transitions", "[census]") {
  CensusTally a = tally();
  CensusTally b = tally();
  Student(a, kEntree, State::entree_bbl).moves_to(State::thuis_zonder_diploma, 0.6).ends(kCensuses);
  Student(b, kEntree, State::entree_bbl).moves_to(State::mbo3plus, 0.6).moves_to(State::werk_met_startkwalificatie, 2.5).ends(kCensuses);
  a.merge(b);
  const int bbl = id(Variant::bbl);
  CHECK(a.members(id(Population::entree_entrants), kEntree, bbl, 0) == 2);
  CHECK(a.count(id(Population::entree_entrants), kEntree, bbl, 1, id(Measure::mbo2_diploma)) == 1);
  CHECK(a.members(id(Population::entree_leavers), kEntree, bbl, 0) == 1);
  CHECK(a.occupancy(kEntree, 0, id(State::entree_bbl)) == 2);
  CHECK(a.occupancy(kEntree, 1, id(State::mbo3plus)) == 1);
  CHECK(a.funded_days(kEntree, FundedTime::entree_first_year) == 219 + 219);  // 0.6 y = 219.15 d each
  CHECK(a.funded_days(kEntree, FundedTime::mbo3plus) == 694);                 // 1.9 y = 693.975 d
  CHECK(a.startkwalificatie_at_end(kEntree) == 1);
  CHECK(a.transitions() == 3);
}
