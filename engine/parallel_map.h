#pragma once
// A deterministic parallel map over indices: result[i] = fn(i) for i in [0, count), computed by up
// to `threads` threads (the calling thread is one of them). Threads take the next index from a
// shared counter, so the work is balanced when items differ in cost, and each result is stored at
// its own index, so the output is the same for any thread count as long as fn(i) depends on i
// only. fn must be safe to call from several threads at once. The first exception thrown by fn
// stops the remaining items and is rethrown in the calling thread.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace doorstroom::engine {

template <class Fn>
auto parallel_map(std::size_t count, int threads, const Fn& fn) {
  using Result = std::invoke_result_t<const Fn&, std::size_t>;
  // optional: Result need not be default-constructible (an Eigen vector is, a model need not be).
  std::vector<std::optional<Result>> slots(count);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    try {
      for (std::size_t i = next++; i < count && !failed; i = next++) slots[i].emplace(fn(i));
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  const auto n_threads = static_cast<std::size_t>(std::max(1, threads));
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < std::min(n_threads, count); ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  if (error) std::rethrow_exception(error);
  std::vector<Result> results;
  results.reserve(count);
  for (auto& slot : slots) results.push_back(std::move(*slot));
  return results;
}

}  // namespace doorstroom::engine
