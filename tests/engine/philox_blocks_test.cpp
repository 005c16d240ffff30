// CaseStream makes its Philox blocks several at a time, in AVX-512 where the CPU has it. Every path
// must give Random123's own words in the documented order, or every result would change with the
// machine it ran on.
#include <catch2/catch.hpp>

#include <Random123/philox.h>

#include <cstdint>
#include <vector>

#include "engine/philox_blocks.h"
#include "engine/rng.h"

using namespace doorstroom::engine;

namespace {

// Random123's blocks ctr, ctr + 1, ... one at a time, words in order.
philox_blocks::Words reference(philox_blocks::Counter ctr, philox_blocks::Key key) {
  const r123::Philox4x32 philox;
  philox_blocks::Words w{};
  for (int b = 0; b < philox_blocks::kBlocks; ++b) {
    const auto block = philox(ctr, key);
    ++ctr.v[0];
    for (int j = 0; j < 4; ++j) w[static_cast<std::size_t>(4 * b + j)] = block.v[static_cast<std::size_t>(j)];
  }
  return w;
}

// Counters and keys from all over their range, with the first counter word about to wrap.
std::vector<std::pair<philox_blocks::Counter, philox_blocks::Key>> cases() {
  std::vector<std::pair<philox_blocks::Counter, philox_blocks::Key>> c;
  CaseStream draws(99, 0, 0);
  for (int i = 0; i < 200; ++i) {
    philox_blocks::Counter ctr{{draws(), draws(), draws(), draws()}};
    const philox_blocks::Key key{{draws(), draws()}};
    if (i % 4 == 0) ctr.v[0] = 0xffffffffu - static_cast<std::uint32_t>(i % 3);
    if (i == 1) ctr = {{0u, 0u, 0u, 0u}};
    c.emplace_back(ctr, key);
  }
  return c;
}

}  // namespace

TEST_CASE("Philox blocks made several at a time are Random123's blocks", "[rng][philox]") {
  int portable_mismatches = 0;
  int fill_mismatches = 0;
  for (const auto& [ctr, key] : cases()) {
    philox_blocks::Words portable{}, filled{};
    philox_blocks::portable(ctr, key, portable);
    philox_blocks::fill(ctr, key, filled);
    portable_mismatches += portable != reference(ctr, key);
    fill_mismatches += filled != reference(ctr, key);
  }
  CHECK(portable_mismatches == 0);
  CHECK(fill_mismatches == 0);
}

#if DOORSTROOM_PHILOX_AVX512
TEST_CASE("the AVX-512 blocks are Random123's blocks", "[rng][philox]") {
  if (!philox_blocks::avx512_available()) {
    // The portable path is the one that runs on this CPU, and the test above checked it.
    WARN("this CPU has no AVX-512: its Philox path is not run here");
    return;
  }
  int mismatches = 0;
  for (const auto& [ctr, key] : cases()) {
    philox_blocks::Words w{};
    philox_blocks::avx512(ctr, key, w);
    mismatches += w != reference(ctr, key);
  }
  CHECK(mismatches == 0);
}
#endif

TEST_CASE("a case's words are its blocks in order: block, stream, case low, case high", "[rng][philox]") {
  const std::uint64_t case_index = (std::uint64_t{7} << 32) + 12345;
  CaseStream rng(3, 4, case_index, stream::bootstrap);
  const r123::Philox4x32 philox;
  int mismatches = 0;
  for (std::uint32_t block = 0; block < 40; ++block) {
    const auto expected = philox({{block, stream::bootstrap, 12345u, 7u}}, {{3u, 4u}});
    for (int j = 0; j < 4; ++j) mismatches += rng() != expected.v[static_cast<std::size_t>(j)];
    CHECK(rng.words_drawn() == 4 * (std::uint64_t{block} + 1));
  }
  CHECK(mismatches == 0);
}
