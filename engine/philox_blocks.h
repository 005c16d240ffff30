#pragma once
// Philox4x32-10 (Random123) kBlocks blocks at a time: blocks ctr, ctr + 1, ... (the first counter
// word counting, wrapping as Random123's own increment would), their words in stream order. Where
// the CPU has AVX-512, four blocks share one register: each round's eight multiplications are one
// instruction instead of eight, which is most of a block's cost.
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

// Blocks are made in registers of four, several registers side by side: a round's steps depend on
// each other, so one register's ten rounds are a chain of waits, and the CPU works on three
// interleaved chains at once (a run got faster making twelve blocks a fill than four, although it
// makes more blocks; docs/performance.md, round 8). Twelve blocks (48 words) cover an average
// student's 27 words in one fill; eight were measured slower even so (round 9). Builds without the
// AVX-512 path (WebAssembly, clang) keep four, so that a student who draws fewer words does not pay
// for scalar blocks it never reads.
inline constexpr int kRegisters = DOORSTROOM_PHILOX_AVX512 ? 3 : 1;
inline constexpr int kBlocks = 4 * kRegisters;
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
// The ten rounds on N registers of four counters (one per 128-bit lane), in place: the blocks
// under `key`. The registers' rounds interleave, so their chains of dependent steps overlap.
template <int N>
[[gnu::target("avx512f")]] inline void rounds(__m512i (&x)[N], Key key) {
  const auto word = [](std::uint32_t w) { return static_cast<int>(w); };
  const __m512i multipliers = _mm512_set4_epi32(0, word(PHILOX_M4x32_1), 0, word(PHILOX_M4x32_0));
  const __m512i bump = _mm512_set4_epi32(0, word(PHILOX_W32_1), 0, word(PHILOX_W32_0));
  __m512i k = _mm512_set4_epi32(0, word(key.v[1]), 0, word(key.v[0]));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) k = _mm512_add_epi32(k, bump);
    for (auto& r : x) {
      const __m512i products = _mm512_mul_epu32(r, multipliers);
      r = _mm512_xor_si512(_mm512_xor_si512(_mm512_shuffle_epi32(products, _MM_PERM_ABCD), _mm512_srli_epi64(r, 32)), k);
    }
  }
}

[[gnu::target("avx512f")]] inline void avx512(Counter ctr, Key key, Words& out) {
  const __m512i first = _mm512_add_epi32(
      _mm512_set4_epi32(static_cast<int>(ctr.v[3]), static_cast<int>(ctr.v[2]), static_cast<int>(ctr.v[1]),
                        static_cast<int>(ctr.v[0])),
      _mm512_set_epi32(0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0));
  const __m512i four = _mm512_set4_epi32(0, 0, 0, 4);
  __m512i x[kRegisters];
  x[0] = first;
  for (int r = 1; r < kRegisters; ++r) x[r] = _mm512_add_epi32(x[r - 1], four);
  rounds<kRegisters>(x, key);
  for (int r = 0; r < kRegisters; ++r) _mm512_storeu_si512(out.data() + 16 * r, x[r]);
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
