// engine/philox.h computes Random123's Philox4x32-10 for several counters at once; every word must
// be the word r123::Philox4x32 gives for the same counter and key, or every result would move.
#include <catch2/catch.hpp>

#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <random>

#include "engine/philox.h"

namespace philox = doorstroom::engine::philox;

namespace {

// Block j of the run starting at counter c, from Random123 itself.
std::array<std::uint32_t, 4> reference_block(philox::Counter c, philox::Key k, std::uint32_t j) {
  const r123::Philox4x32::ctr_type ctr = {{c.first + j, c.c1, c.c2, c.c3}};
  const r123::Philox4x32::key_type key = {{k.k0, k.k1}};
  const auto out = r123::Philox4x32{}(ctr, key);
  return {out.v[0], out.v[1], out.v[2], out.v[3]};
}

// Counts the words of `Blocks` that differ from Random123 over many random keys and counters;
// the first words of the run sit near 2^32 now and then, so the wrap of the block counter is met.
template <int N, class Blocks>
int mismatches(Blocks blocks) {
  std::mt19937 gen(20261207u);
  std::uniform_int_distribution<std::uint32_t> word;
  int wrong = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    philox::Counter c{word(gen), word(gen), word(gen), word(gen)};
    if (trial % 10 == 0) c.first = 0xffffffffu - static_cast<std::uint32_t>(trial % N);
    const philox::Key k{word(gen), word(gen)};
    std::array<std::uint32_t, 4 * N> out{};
    blocks(c, k, out.data());
    for (int j = 0; j < N; ++j) {
      const auto want = reference_block(c, k, static_cast<std::uint32_t>(j));
      for (int w = 0; w < 4; ++w) wrong += out[static_cast<std::size_t>(4 * j + w)] != want[static_cast<std::size_t>(w)];
    }
  }
  return wrong;
}

}  // namespace

TEST_CASE("philox blocks equal r123::Philox4x32 word for word", "[rng][philox]") {
  // Catches a wrong constant, round count, key schedule, word order within a block, or block order.
  CHECK(mismatches<1>(philox::blocks<1>) == 0);
  CHECK(mismatches<3>(philox::blocks<3>) == 0);
  CHECK(mismatches<4>(philox::blocks<4>) == 0);
}

TEST_CASE("philox blocks match a known answer", "[rng][philox]") {
  // Two of Random123's own known-answer vectors for philox4x32 10 (its tests/kat_vectors), so that
  // a change to the r123 header and to engine/philox.h together cannot pass.
  const philox::Counter c{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
  const philox::Key k{0xffffffffu, 0xffffffffu};
  std::array<std::uint32_t, 16> out{};
  philox::blocks<4>(c, k, out.data());
  CHECK(out[0] == 0x408f276du);
  CHECK(out[1] == 0x41c83b0eu);
  CHECK(out[2] == 0xa20bc7c6u);
  CHECK(out[3] == 0x6d5451fdu);
  std::array<std::uint32_t, 4> pi{};
  philox::blocks<1>({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, {0xa4093822u, 0x299f31d0u}, pi.data());
  CHECK(pi == std::array<std::uint32_t, 4>{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}
