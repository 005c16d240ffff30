#include "models/census.h"

#include <algorithm>
#include <cmath>

namespace doorstroom::models {

std::array<bool, kMeasures> measures_for(int state, bool entree_diploma, bool startkwalificatie) {
  const StateInfo& i = info(state);
  const bool mbo = in_mbo(i);
  const bool any_diploma = entree_diploma || startkwalificatie;
  std::array<bool, kMeasures> m{};
  auto set = [&](Measure x, bool v) { m[static_cast<std::size_t>(x)] = v; };
  set(Measure::position_not_in_mbo_no_diploma, !mbo && !any_diploma);
  set(Measure::position_not_in_mbo_with_diploma, !mbo && any_diploma);
  set(Measure::position_entree, i.place == Place::entree);
  set(Measure::position_niveau2plus, i.place == Place::niveau2plus);
  set(Measure::entree_diploma, entree_diploma);
  set(Measure::mbo2_diploma, startkwalificatie);
  set(Measure::any_mbo_diploma, any_diploma);
  set(Measure::highest_diploma_level1, entree_diploma && !startkwalificatie);
  set(Measure::highest_diploma_level2plus, startkwalificatie);
  set(Measure::work, i.activity == Activity::work);
  set(Measure::uitkering, i.activity == Activity::uitkering);
  set(Measure::no_school_no_work, i.activity == Activity::no_school_no_work);
  set(Measure::in_education, i.activity == Activity::in_education);
  set(Measure::beschut_werk_dagbesteding, i.activity == Activity::beschut);
  set(Measure::not_in_brp, i.activity == Activity::not_in_brp);
  set(Measure::in_mbo, mbo);
  return m;
}

CensusTally::CensusTally(std::vector<bool> chain_strata, int horizon_years, int censuses, std::vector<int> followed)
    : chain_strata_(std::move(chain_strata)),
      followed_(followed.empty() ? std::vector<int>(chain_strata_.size(), censuses) : std::move(followed)),
      horizon_(horizon_years),
      censuses_(censuses),
      counts_(static_cast<std::size_t>(kPopulations) * chain_strata_.size() * kVariants *
              static_cast<std::size_t>(horizon_years + 1) * (kMeasures + 1)),
      occupancy_(chain_strata_.size() * static_cast<std::size_t>(censuses) * kStates),
      funded_days_(chain_strata_.size() * kFundedTimes),
      startkwalificatie_at_end_(chain_strata_.size()) {}

void CensusTally::add_stay(int state, engine::Years years) {
  const StateInfo& i = info(state);
  auto add = [&](FundedTime f, engine::Years y) {
    if (y > 0.0)
      funded_days_[static_cast<std::size_t>(group_) * kFundedTimes + static_cast<std::size_t>(f)] +=
          static_cast<std::uint64_t>(std::llround(y * 365.25));
  };
  if (i.place == Place::entree && i.variant == Variant::examendeelnemer) {
    add(FundedTime::examendeelnemer, years);
  } else if (i.place == Place::entree) {
    // The first funded year is the student's first year in entree over all stays: a switch or a
    // return does not buy another first year (seed 003 lines 4761-4771).
    const engine::Years first = std::clamp(1.0 - entree_years_, 0.0, years);
    add(FundedTime::entree_first_year, first);
    add(FundedTime::entree_later_years, years - first);
    entree_years_ += years;
  } else if (i.state == State::mbo3plus) {
    add(FundedTime::mbo3plus, years);
  } else if (i.place == Place::niveau2plus) {
    add(FundedTime::niveau2, years);
  }
}

void CensusTally::end(engine::Years t) {
  add_stay(stay_state_, t - stay_start_);
  if (startkwalificatie_) ++startkwalificatie_at_end_[static_cast<std::size_t>(group_)];
}

void CensusTally::begin(int group, std::uint64_t, int state) {
  group_ = group;
  stay_state_ = state;
  stay_start_ = 0.0;
  entree_years_ = 0.0;
  reference_.fill(-1);
  variant_.fill(kVariants - 1);
  left_vo_ = false;
  left_entree_variant_ = -1;
  left_entree_with_diploma_ = false;
  const Credential c = info(state).credential;
  entree_diploma_ = c == Credential::entree;
  startkwalificatie_ = c == Credential::startkwalificatie;
}

void CensusTally::transition(int from, int to, int, engine::Years t) {
  ++transitions_;
  add_stay(from, t - stay_start_);
  stay_state_ = to;
  stay_start_ = t;
  const StateInfo& dest = info(to);
  if (dest.credential == Credential::entree) entree_diploma_ = true;
  if (dest.credential == Credential::startkwalificatie) startkwalificatie_ = true;
  if (chain_strata_[static_cast<std::size_t>(group_)] && info(from).place == Place::vo && dest.place != Place::vo)
    left_vo_ = true;
  const StateInfo& origin = info(from);
  if (origin.place == Place::entree && !in_mbo(dest) && left_entree_variant_ < 0 &&
      reference_[static_cast<std::size_t>(Population::entree_leavers)] < 0) {
    left_entree_variant_ = static_cast<int>(origin.variant);
    left_entree_with_diploma_ = dest.credential != Credential::none;
  }
}

void CensusTally::census(int k, int state, engine::Years) {
  if (k < censuses_) ++occupancy_[(static_cast<std::size_t>(group_) * static_cast<std::size_t>(censuses_) + static_cast<std::size_t>(k)) * kStates + static_cast<std::size_t>(state)];

  const StateInfo& i = info(state);
  // A student whose horizon would run past the follow-up never joins (reference -2), so that the
  // members at T + h are the members at T for every h.
  const bool fits = k + horizon_ < followed_[static_cast<std::size_t>(group_)];
  auto join = [&](Population p, int variant) {
    auto& ref = reference_[static_cast<std::size_t>(p)];
    if (ref != -1) return;
    ref = fits ? k : -2;
    variant_[static_cast<std::size_t>(p)] = variant;
  };
  if (left_vo_) join(Population::chain_leavers, kVariants - 1);
  if (i.place == Place::entree) join(Population::entree_entrants, static_cast<int>(i.variant));
  if (in_mbo(i)) join(Population::mbo_entrants, kVariants - 1);
  if (left_entree_variant_ >= 0) {
    // First census after leaving mbo from entree: the student joins the leaver populations.
    const auto split = left_entree_with_diploma_ ? Population::entree_leavers_met_diploma
                                                 : Population::entree_leavers_zonder_diploma;
    join(Population::entree_leavers, left_entree_variant_);
    join(split, left_entree_variant_);
    left_entree_variant_ = -1;
  }

  const auto holds = measures_for(state, entree_diploma_, startkwalificatie_);
  for (int p = 0; p < kPopulations; ++p) {
    const int ref = reference_[static_cast<std::size_t>(p)];
    if (ref < 0 || k - ref > horizon_) continue;
    const std::size_t base = index(p, group_, variant_[static_cast<std::size_t>(p)], k - ref, 0);
    ++counts_[base + kMeasures];
    for (int m = 0; m < kMeasures; ++m) counts_[base + static_cast<std::size_t>(m)] += holds[static_cast<std::size_t>(m)];
  }
}

std::vector<std::uint64_t> CensusTally::words() const {
  std::vector<std::uint64_t> w;
  w.reserve(counts_.size() + occupancy_.size() + funded_days_.size() + startkwalificatie_at_end_.size() + 1);
  for (const auto* v : {&counts_, &occupancy_, &funded_days_, &startkwalificatie_at_end_}) w.insert(w.end(), v->begin(), v->end());
  w.push_back(transitions_);
  return w;
}

void CensusTally::set_words(const std::vector<std::uint64_t>& w) {
  std::size_t at = 0;
  for (auto* v : {&counts_, &occupancy_, &funded_days_, &startkwalificatie_at_end_})
    for (auto& x : *v) x = w.at(at++);
  transitions_ = w.at(at);
}

void CensusTally::merge(const CensusTally& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  for (std::size_t i = 0; i < occupancy_.size(); ++i) occupancy_[i] += other.occupancy_[i];
  for (std::size_t i = 0; i < funded_days_.size(); ++i) funded_days_[i] += other.funded_days_[i];
  for (std::size_t i = 0; i < startkwalificatie_at_end_.size(); ++i)
    startkwalificatie_at_end_[i] += other.startkwalificatie_at_end_[i];
  transitions_ += other.transitions_;
}

}  // namespace doorstroom::models
