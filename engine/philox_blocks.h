#pragma once
// Philox4x32-10 (Random123) four blocks at a time: blocks ctr, ctr + 1, ctr + 2, ctr + 3 (the
// first counter word counting, wrapping as Random123's own increment would), their words in
// stream order. Where the CPU has AVX-512, the four blocks share one register: each round's
// eight multiplications are one instruction instead of eight, which is most of a block's cost.
// Both paths give the same words (tests/engine/philox_blocks_test.cpp); which one runs is chosen
// when the program runs, so the binary still runs on any x86-64 CPU.
#include <Random123/philox.h>

#include <array>
#include <cstdint>

// GCC on x86-64 only: the WebAssembly build and clang (the fuzzers) take the portable path.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define DOORSTROOM_PHILOX_AVX512 1
#include <immintrin.h>
#else
#define DOORSTROOM_PHILOX_AVX512 0
#endif

namespace doorstroom::engine::philox_blocks {

inline constexpr int kBlocks = 4;
inline constexpr int kWords = 4 * kBlocks;
using Counter = r123::Philox4x32::ctr_type;
using Key = r123::Philox4x32::key_type;
using Words = std::array<std::uint32_t, kWords>;

inline void portable(Counter ctr, Key key, Words& out) {
  const r123::Philox4x32 philox;
  for (int b = 0; b < kBlocks; ++b) {
    const Counter block = philox(ctr, key);
    ++ctr.v[0];
    for (int j = 0; j < 4; ++j) out[static_cast<std::size_t>(4 * b + j)] = block.v[static_cast<std::size_t>(j)];
  }
}

#if DOORSTROOM_PHILOX_AVX512
// One block per 128-bit lane. A round: one multiplication gives both products of every block (the
// low words in the even 32-bit lanes, the high words in the odd ones), a shuffle puts them in
// Philox's order, and the two words that were not multiplied (shifted down) and the key are xored
// in. GCC 12 warns falsely inside its own AVX-512 headers (an operand left undefined on purpose).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// The ten rounds on four counters, one per 128-bit lane of x, in place: the blocks under `key`.
[[gnu::target("avx512f")]] inline void rounds(__m512i& x, Key key) {
  const auto word = [](std::uint32_t w) { return static_cast<int>(w); };
  const __m512i multipliers = _mm512_set4_epi32(0, word(PHILOX_M4x32_1), 0, word(PHILOX_M4x32_0));
  const __m512i bump = _mm512_set4_epi32(0, word(PHILOX_W32_1), 0, word(PHILOX_W32_0));
  __m512i k = _mm512_set4_epi32(0, word(key.v[1]), 0, word(key.v[0]));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) k = _mm512_add_epi32(k, bump);
    const __m512i products = _mm512_mul_epu32(x, multipliers);
    x = _mm512_xor_si512(_mm512_xor_si512(_mm512_shuffle_epi32(products, _MM_PERM_ABCD), _mm512_srli_epi64(x, 32)), k);
  }
}

[[gnu::target("avx512f")]] inline void avx512(Counter ctr, Key key, Words& out) {
  alignas(64) std::array<std::uint32_t, kWords> counters{};
  for (int b = 0; b < kBlocks; ++b) {
    counters[static_cast<std::size_t>(4 * b)] = ctr.v[0] + static_cast<std::uint32_t>(b);
    for (int j = 1; j < 4; ++j) counters[static_cast<std::size_t>(4 * b + j)] = ctr.v[static_cast<std::size_t>(j)];
  }
  __m512i x = _mm512_load_si512(counters.data());
  rounds(x, key);
  _mm512_storeu_si512(out.data(), x);
}
#pragma GCC diagnostic pop
#endif

[[nodiscard]] inline bool avx512_available() {
#if DOORSTROOM_PHILOX_AVX512
  return __builtin_cpu_supports("avx512f");
#else
  return false;
#endif
}

inline void fill(Counter ctr, Key key, Words& out) {
#if DOORSTROOM_PHILOX_AVX512
  if (avx512_available()) {
    avx512(ctr, key, out);
    return;
  }
#endif
  portable(ctr, key, out);
}

}  // namespace doorstroom::engine::philox_blocks
