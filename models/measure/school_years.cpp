#include "models/measure/school_years.h"

#include <algorithm>
#include <cmath>

namespace doorstroom::models {

SchoolYearTally::SchoolYearTally(int groups, int years)
    : groups_(groups),
      years_(years),
      counts_(static_cast<std::size_t>(groups) * static_cast<std::size_t>(years) * kYearCounts) {}

void SchoolYearTally::add(int k, int s, std::uint64_t n) {
  if (k < 0 || k >= years_ || n == 0) return;
  counts_[(static_cast<std::size_t>(group_) * static_cast<std::size_t>(years_) + static_cast<std::size_t>(k)) * kYearCounts +
          static_cast<std::size_t>(s)] += n;
}

// A stay's funded time, cut at the school years' boundaries (1 August: whole engine years), each
// piece in whole days. The split into first and later entree years runs over the pieces in order.
void SchoolYearTally::add_stay(int state, engine::Years from, engine::Years to) {
  for (engine::Years a = from; a < to;) {
    const int k = static_cast<int>(std::floor(a));
    const engine::Years b = std::min(to, static_cast<engine::Years>(k + 1));
    add_funded_stay(state, b - a, entree_years_, [&](FundedTime f, engine::Years y) {
      if (y > 0.0) add(k, slot(YearCount::funded_days, static_cast<int>(f)), static_cast<std::uint64_t>(std::llround(y * 365.25)));
    });
    a = b;
  }
}

void SchoolYearTally::begin(int group, std::uint64_t, int state) {
  group_ = group;
  stay_state_ = state;
  stay_start_ = 0.0;
  entree_years_ = 0.0;
  entered_entree_ = false;
  const Credential c = info(state).credential;
  entree_diploma_ = c == Credential::entree;
  startkwalificatie_ = c == Credential::startkwalificatie;
}

void SchoolYearTally::census(int k, int state, engine::Years) {
  const StateInfo& i = info(state);
  if (i.place == Place::entree) {
    const int v = static_cast<int>(i.variant);
    add(k, slot(YearCount::entree_students, v));
    if (!entered_entree_) add(k, slot(YearCount::entree_entrants, v));
    entered_entree_ = true;
  }
  if (i.state == State::niveau2 || i.state == State::niveau2_met_entreediploma) add(k, slot(YearCount::niveau2_students));
}

void SchoolYearTally::transition(int from, int to, int, engine::Years t) {
  ++transitions_;
  add_stay(from, stay_start_, t);
  stay_state_ = to;
  stay_start_ = t;
  const int k = static_cast<int>(std::floor(t));
  const StateInfo& origin = info(from);
  const StateInfo& dest = info(to);
  const bool had_diploma = entree_diploma_ || startkwalificatie_;
  if (origin.place == Place::entree) {
    const int v = static_cast<int>(origin.variant);
    if (dest.credential == Credential::entree && !entree_diploma_) add(k, slot(YearCount::entree_diplomas, v));
    if (!in_mbo(dest) && !had_diploma && dest.credential == Credential::none)
      add(k, slot(YearCount::entree_dropouts_without_diploma, v));
  }
  if (dest.credential == Credential::startkwalificatie && !startkwalificatie_) add(k, slot(YearCount::startkwalificaties));
  if (dest.credential == Credential::entree) entree_diploma_ = true;
  if (dest.credential == Credential::startkwalificatie) startkwalificatie_ = true;
}

void SchoolYearTally::end(engine::Years t) { add_stay(stay_state_, stay_start_, t); }

void SchoolYearTally::merge(const SchoolYearTally& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  transitions_ += other.transitions_;
}

}  // namespace doorstroom::models
