#include "models/measure/census.h"

#include <algorithm>
#include <cmath>

namespace doorstroom::models {

CensusTally::CensusTally(std::vector<bool> chain_strata, int horizon_years, int censuses, std::vector<int> followed)
    : chain_strata_(std::move(chain_strata)),
      followed_(followed.empty() ? std::vector<int>(chain_strata_.size(), censuses) : std::move(followed)),
      horizon_(horizon_years),
      censuses_(censuses),
      counts_(static_cast<std::size_t>(kPopulations) * chain_strata_.size() * kVariants *
              static_cast<std::size_t>(horizon_years + 1) * kMeasureClassCount),
      occupancy_(chain_strata_.size() * static_cast<std::size_t>(censuses) * kStates),
      funded_days_(chain_strata_.size() * kFundedTimes),
      startkwalificatie_at_end_(chain_strata_.size()) {}

namespace {
// std::llround for x >= 0 (halves away from zero), without the library call: x - whole is exact.
std::uint64_t round_nonnegative(double x) {
  const auto whole = static_cast<std::uint64_t>(x);
  return whole + (x - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}
}  // namespace

void CensusTally::add_stay(int state, engine::Years years) {
  add_funded_stay(state, years, entree_years_, [&](FundedTime f, engine::Years y) {
    if (y > 0.0)
      funded_days_[static_cast<std::size_t>(group_) * kFundedTimes + static_cast<std::size_t>(f)] +=
          round_nonnegative(y * 365.25);
  });
}

void CensusTally::end(engine::Years t) {
  add_stay(stay_state_, t - stay_start_);
  if (startkwalificatie_) ++startkwalificatie_at_end_[static_cast<std::size_t>(group_)];
}

void CensusTally::begin(int group, std::uint64_t, int state) {
  group_ = group;
  chain_ = chain_strata_[static_cast<std::size_t>(group)];
  last_reference_ = last_reference_census(followed_[static_cast<std::size_t>(group)], horizon_);
  occupancy_base_ = static_cast<std::size_t>(group) * static_cast<std::size_t>(censuses_) * kStates;
  stay_state_ = state;
  stay_start_ = 0.0;
  entree_years_ = 0.0;
  reference_.fill(-1);
  left_vo_ = false;
  entree_variant_at_census_ = -1;
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
  const StateInfo& origin = info(from);
  if (chain_ && origin.place == Place::vo && dest.place != Place::vo) left_vo_ = true;
}

void CensusTally::census(int k, int state, engine::Years) {
  if (k < censuses_)
    ++occupancy_[occupancy_base_ + static_cast<std::size_t>(k) * kStates + static_cast<std::size_t>(state)];

  const StateInfo& i = info(state);
  // A student whose horizon would run past the follow-up never joins (reference -2), so that the
  // members at T + h are the members at T for every h.
  const bool fits = k <= last_reference_;
  auto join = [&](Population p, int variant) {
    auto& ref = reference_[static_cast<std::size_t>(p)];
    if (ref != -1) return;
    ref = fits ? k : -2;
    base_[static_cast<std::size_t>(p)] = index(static_cast<int>(p), group_, variant, 0);
  };
  if (left_vo_) join(Population::chain_leavers, kNoVariant);
  if (i.place == Place::entree) join(Population::entree_entrants, static_cast<int>(i.variant));
  if (in_mbo(i)) join(Population::mbo_entrants, kNoVariant);
  if (entree_variant_at_census_ >= 0 && !in_mbo(i)) {
    const auto split = entree_diploma_ || startkwalificatie_ ? Population::entree_leavers_met_diploma
                                                             : Population::entree_leavers_zonder_diploma;
    join(Population::entree_leavers, entree_variant_at_census_);
    join(split, entree_variant_at_census_);
  }
  entree_variant_at_census_ = i.place == Place::entree ? static_cast<int>(i.variant) : -1;

  const std::size_t cls =
      kMeasureClasses.of[static_cast<std::size_t>(MeasureClasses::combination(state, entree_diploma_, startkwalificatie_))];
  for (int p = 0; p < kPopulations; ++p) {
    const int ref = reference_[static_cast<std::size_t>(p)];
    if (ref < 0 || k - ref > horizon_) continue;
    ++counts_[base_[static_cast<std::size_t>(p)] + static_cast<std::size_t>(k - ref) * kMeasureClassCount + cls];
  }
}

std::uint64_t CensusTally::members(int p, int g, int v, int h) const {
  const std::size_t base = index(p, g, v, h);
  std::uint64_t n = 0;
  for (int c = 0; c < kMeasureClassCount; ++c) n += counts_[base + static_cast<std::size_t>(c)];
  return n;
}

std::uint64_t CensusTally::count(int p, int g, int v, int h, int m) const {
  const std::size_t base = index(p, g, v, h);
  std::uint64_t n = 0;
  for (int c = 0; c < kMeasureClassCount; ++c)
    if (kMeasureClasses.holds[static_cast<std::size_t>(c)] >> m & 1u) n += counts_[base + static_cast<std::size_t>(c)];
  return n;
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
