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
      occupancy_runs_(occupancy_.size()),
      funded_days_(chain_strata_.size() * kFundedTimes),
      startkwalificatie_at_end_(chain_strata_.size()),
      class_at_(static_cast<std::size_t>(
          (followed_.empty() ? 0 : std::max(0, *std::max_element(followed_.begin(), followed_.end()))) + kClassFill)) {}

// Members of (p, g, v) at horizon h: the sum over the classes.
std::uint64_t CensusTally::members(int p, int g, int v, int h) const {
  std::uint64_t n = 0;
  for (int c = 0; c < kMeasureClassCount; ++c) n += counts_[index(p, g, v, h) + static_cast<std::size_t>(c)];
  return n;
}

std::uint64_t CensusTally::count(int p, int g, int v, int h, int m) const {
  std::uint64_t n = 0;
  for (int c = 0; c < kMeasureClassCount; ++c) {
    if ((kMeasureClasses.holds[static_cast<std::size_t>(c)] >> m & 1u) != 0) n += counts_[index(p, g, v, h) + static_cast<std::size_t>(c)];
  }
  return n;
}

std::uint64_t CensusTally::occupancy(int g, int k, int s) const {
  std::uint64_t n = occupancy_[occupancy_index(g, k, s)];
  for (int j = 0; j <= k; ++j) n += occupancy_runs_[occupancy_index(g, j, s)];
  return n;
}

std::vector<std::uint64_t> CensusTally::summed_occupancy() const {
  std::vector<std::uint64_t> w = occupancy_;
  for (int g = 0; g < groups(); ++g)
    for (int s = 0; s < kStates; ++s) {
      std::uint64_t run = 0;
      for (int k = 0; k < censuses_; ++k) w[occupancy_index(g, k, s)] += run += occupancy_runs_[occupancy_index(g, k, s)];
    }
  return w;
}

std::vector<std::uint64_t> CensusTally::words() const {
  std::vector<std::uint64_t> w;
  w.reserve(word_count());
  w.insert(w.end(), counts_.begin(), counts_.end());
  const std::vector<std::uint64_t> occupancy = summed_occupancy();
  w.insert(w.end(), occupancy.begin(), occupancy.end());
  for (const auto* v : {&funded_days_, &startkwalificatie_at_end_}) w.insert(w.end(), v->begin(), v->end());
  w.push_back(transitions_);
  return w;
}

void CensusTally::set_words(const std::vector<std::uint64_t>& w) {
  std::size_t at = 0;
  for (auto* v : {&counts_, &occupancy_, &funded_days_, &startkwalificatie_at_end_})
    for (auto& x : *v) x = w.at(at++);
  transitions_ = w.at(at);
  std::fill(occupancy_runs_.begin(), occupancy_runs_.end(), 0);
}

void CensusTally::merge(const CensusTally& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  for (std::size_t i = 0; i < occupancy_.size(); ++i) occupancy_[i] += other.occupancy_[i];
  for (std::size_t i = 0; i < occupancy_.size(); ++i) occupancy_runs_[i] += other.occupancy_runs_[i];
  for (std::size_t i = 0; i < funded_days_.size(); ++i) funded_days_[i] += other.funded_days_[i];
  for (std::size_t i = 0; i < startkwalificatie_at_end_.size(); ++i)
    startkwalificatie_at_end_[i] += other.startkwalificatie_at_end_[i];
  transitions_ += other.transitions_;
}

}  // namespace doorstroom::models
