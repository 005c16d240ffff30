#pragma once
// The answers to the most recent distinct settings, so that a room of participants who open the
// same link, or move back to a slider position someone tried a minute ago, get the answer at once
// instead of waiting for a simulation. A result depends only on the settings (scenario, students,
// seed, slider factors: common random numbers make it deterministic), so it never goes stale
// while the server runs. Thread-safe; least recently used answers go first.
#include <cstddef>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include "serve/workshop.h"

namespace doorstroom::serve {

// One text per distinct query: the multipliers are a sorted map, so their order in the URL does
// not matter; 17 significant digits keep distinct factors distinct.
inline std::string cache_key(const WorkshopQuery& q) {
  std::ostringstream key;
  key.precision(17);
  key << q.scenario << '|' << q.students << '|' << q.seed;
  for (const auto& [id, factor] : q.multipliers) key << '|' << id << '=' << factor;
  return key.str();
}

class ResultCache {
 public:
  explicit ResultCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<std::string> find(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);  // now the most recent
    return it->second->second;
  }

  void put(const std::string& key, std::string value) {
    const std::lock_guard lock(mutex_);
    if (capacity_ == 0) return;
    if (const auto it = index_.find(key); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
    order_.emplace_front(key, std::move(value));
    index_[key] = order_.begin();
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

  std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return order_.size();
  }

 private:
  using Entry = std::pair<std::string, std::string>;
  std::size_t capacity_;
  std::list<Entry> order_;  // most recent first
  std::map<std::string, std::list<Entry>::iterator> index_;
  mutable std::mutex mutex_;
};

}  // namespace doorstroom::serve
