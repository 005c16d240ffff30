// parallel_map returns fn(i) at index i for any thread count, and passes an exception on.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/parallel_map.h"

using doorstroom::engine::parallel_map;

TEST_CASE("parallel_map gives the same results in index order for any thread count", "[parallel_map]") {
  // Items of very different cost, so that threads finish them out of order.
  auto fn = [](std::size_t i) {
    double s = 0.0;
    for (std::size_t k = 0; k < (i % 7) * 20000; ++k) s += 1.0 / static_cast<double>(k + 1);
    return std::to_string(i) + ":" + std::to_string(s);
  };
  const auto one = parallel_map(200, 1, fn);
  REQUIRE(one.size() == 200);
  for (std::size_t i = 0; i < one.size(); ++i) CHECK(one[i] == fn(i));
  for (int threads : {2, 3, 8}) CHECK(parallel_map(200, threads, fn) == one);
}

TEST_CASE("parallel_map uses more than one thread when asked", "[parallel_map]") {
  const auto ids = parallel_map(64, 4, [](std::size_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return std::this_thread::get_id();
  });
  std::vector<std::thread::id> distinct(ids.begin(), ids.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  CHECK(distinct.size() > 1);
}

TEST_CASE("parallel_map handles no items and rethrows the first error", "[parallel_map]") {
  CHECK(parallel_map(0, 4, [](std::size_t i) { return i; }).empty());
  auto bad = [](std::size_t i) -> int {
    if (i == 13) throw std::runtime_error("item 13 failed");
    return static_cast<int>(i);
  };
  CHECK_THROWS_WITH(parallel_map(50, 3, bad), "item 13 failed");
}
