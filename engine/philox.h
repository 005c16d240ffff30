#pragma once
// Philox4x32-10 for several consecutive counters at once.
//
// The same bijection as Random123's r123::Philox4x32 (Salmon et al., "Parallel random numbers: as
// easy as 1, 2, 3", SC 2011): ten rounds, each two 32x32->64-bit products, with the constants of
// Random123's philox.h. Computing N blocks together lets the CPU overlap N independent chains of
// multiplies, where one block alone waits on each product before its next round.
// tests/engine/philox_test.cpp checks every word against r123::Philox4x32.
#include <cstdint>

namespace doorstroom::engine::philox {

inline constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
inline constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
inline constexpr std::uint32_t kKeyStep0 = 0x9E3779B9u;  // golden ratio
inline constexpr std::uint32_t kKeyStep1 = 0xBB67AE85u;  // sqrt(3) - 1
inline constexpr int kRounds = 10;

// The counter of the first block; block j has counter {first + j, c1, c2, c3} (the first word
// wraps modulo 2^32, as r123's counter increment does).
struct Counter {
  std::uint32_t first, c1, c2, c3;
};
struct Key {
  std::uint32_t k0, k1;
};

// N blocks, word w of block j at out[4 * j + w]. Plain integer code, unrolled, so that the N
// products of a round issue back to back (SSE2 lanes were slower: docs/performance.md).
template <int N>
inline void blocks(Counter c, Key key, std::uint32_t* out) {
  std::uint32_t x0[N], x1[N], x2[N], x3[N];
  for (int j = 0; j < N; ++j) {
    x0[j] = c.first + static_cast<std::uint32_t>(j);
    x1[j] = c.c1;
    x2[j] = c.c2;
    x3[j] = c.c3;
  }
#pragma GCC unroll 10
  for (int r = 0; r < kRounds; ++r) {
#pragma GCC unroll 4
    for (int j = 0; j < N; ++j) {
      const std::uint64_t p0 = std::uint64_t{kMultiplier0} * x0[j];
      const std::uint64_t p1 = std::uint64_t{kMultiplier1} * x2[j];
      x0[j] = static_cast<std::uint32_t>(p1 >> 32) ^ x1[j] ^ key.k0;
      x1[j] = static_cast<std::uint32_t>(p1);
      x2[j] = static_cast<std::uint32_t>(p0 >> 32) ^ x3[j] ^ key.k1;
      x3[j] = static_cast<std::uint32_t>(p0);
    }
    key.k0 += kKeyStep0;
    key.k1 += kKeyStep1;
  }
  for (int j = 0; j < N; ++j) {
    out[4 * j + 0] = x0[j];
    out[4 * j + 1] = x1[j];
    out[4 * j + 2] = x2[j];
    out[4 * j + 3] = x3[j];
  }
}

}  // namespace doorstroom::engine::philox
