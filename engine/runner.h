#pragma once
// Runs many cases over threads, for several replicates, and returns one accumulator per
// replicate. Work is cut into blocks of consecutive cases of one (replicate, group); each thread
// owns one accumulator per replicate, and these are merged by addition at the end. Because a
// case's random numbers depend only on (seed, replicate, case id) and accumulators hold integer
// counts, the result is bit-identical for any number of threads.
//
// Accumulator requirements: default-constructible (or copyable from a prototype), an observer for
// simulate_case (see simulate.h), and `void merge(const Accumulator&)`.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "engine/process.h"
#include "engine/rng.h"
#include "engine/simulate.h"

namespace doorstroom::engine {

struct RunPlan {
  std::uint32_t seed = 1;
  int replications = 1;
  std::uint32_t first_replicate = 0;  // replicate r uses RNG replicate first_replicate + r
  std::vector<std::uint64_t> cases_per_group;  // simulated per replicate
  int threads = 1;
  std::uint64_t block = 2048;
};

// A case's id in the RNG counter: the group in the top bits, its index below.
inline std::uint64_t case_id(int group, std::uint64_t index) {
  return (static_cast<std::uint64_t>(group) << 40) | index;
}

// Called from the calling thread (which also simulates) about every 100 ms with (cases done,
// cases in total), and once at the end.
using ProgressFn = std::function<void(std::uint64_t, std::uint64_t)>;

template <class Accumulator>
std::vector<Accumulator> run_replicates(const Process& process, const RunPlan& plan,
                                        const Accumulator& prototype, const ProgressFn& progress = {}) {
  struct Item {
    int replicate;
    int group;
    std::uint64_t first;
    std::uint64_t count;
  };
  std::vector<Item> items;
  std::uint64_t total = 0;
  for (int r = 0; r < plan.replications; ++r)
    for (int g = 0; g < static_cast<int>(plan.cases_per_group.size()); ++g)
      for (std::uint64_t first = 0; first < plan.cases_per_group[static_cast<std::size_t>(g)];
           first += plan.block) {
        const std::uint64_t count =
            std::min(plan.block, plan.cases_per_group[static_cast<std::size_t>(g)] - first);
        items.push_back({r, g, first, count});
        total += count;
      }

  const int n_threads = std::max(1, plan.threads);
  const auto reps = static_cast<std::size_t>(plan.replications);
  std::vector<std::vector<std::optional<Accumulator>>> per_thread(
      static_cast<std::size_t>(n_threads), std::vector<std::optional<Accumulator>>(reps));
  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;

  // The calling thread works too and reports progress between its blocks, so a short run ends
  // as soon as its last block does (no polling sleep) and a long one reports about every 100 ms.
  auto last_report = std::chrono::steady_clock::now();
  auto work = [&](int thread) {
    try {
      auto& accs = per_thread[static_cast<std::size_t>(thread)];
      for (std::size_t i = next++; i < items.size() && !failed; i = next++) {
        const Item& item = items[i];
        auto& acc = accs[static_cast<std::size_t>(item.replicate)];
        if (!acc) acc.emplace(prototype);
        for (std::uint64_t idx = item.first; idx < item.first + item.count; ++idx) {
          CaseStream rng(plan.seed, plan.first_replicate + static_cast<std::uint32_t>(item.replicate),
                         case_id(item.group, idx));
          simulate_case(process, item.group, idx, rng, *acc);
        }
        done += item.count;
        if (thread == 0 && progress && std::chrono::steady_clock::now() - last_report > std::chrono::milliseconds(100)) {
          last_report = std::chrono::steady_clock::now();
          progress(done.load(), total);
        }
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };

  std::vector<std::thread> workers;
  for (int t = 1; t < n_threads; ++t) workers.emplace_back(work, t);
  work(0);
  for (auto& w : workers) w.join();
  if (error) std::rethrow_exception(error);
  if (progress) progress(total, total);

  std::vector<Accumulator> result(reps, prototype);
  for (auto& accs : per_thread)
    for (std::size_t r = 0; r < reps; ++r)
      if (accs[r]) result[r].merge(*accs[r]);
  return result;
}

}  // namespace doorstroom::engine
