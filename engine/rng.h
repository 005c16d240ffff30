#pragma once
// Random numbers as a pure function of (seed, replicate, case, draw).
//
// Stream layout: Philox4x32-10 (Random123), key = {seed, replicate}, counter = {block, stream,
// case low 32 bits, case high 32 bits}. Each block gives four 32-bit words; `block` counts blocks
// within one case. A case therefore draws the same numbers whichever thread or MPI rank runs it,
// and two scenarios run with the same seed give the same student the same numbers (common random
// numbers). `stream` separates independent uses for one case (the life course is stream 0).
//
// CaseStream is a URBG, so Boost.Random distributions sit on top of it.
#include <Random123/philox.h>

#include <boost/random/exponential_distribution.hpp>
#include <cstdint>
#include <limits>

#include "engine/philox_blocks.h"

namespace doorstroom::engine {

// The stream numbers, one per independent use of random numbers, in one table so that two uses
// never share a stream by accident. Changing a number changes every result that uses it.
namespace stream {
inline constexpr std::uint32_t life_course = 0;  // a simulated case
inline constexpr std::uint32_t bootstrap = 1;    // perturbed observations of a parametric bootstrap
inline constexpr std::uint32_t assumption = 2;   // an assumption drawn per replicate
inline constexpr std::uint32_t design = 3;       // a sampled design of experiments (Latin hypercube)
}  // namespace stream

class CaseStream {
 public:
  using result_type = std::uint32_t;

  CaseStream(std::uint32_t seed, std::uint32_t replicate, std::uint64_t case_index,
             std::uint32_t stream = stream::life_course) {
    key_ = {{seed, replicate}};
    ctr_ = {{0u, stream, static_cast<std::uint32_t>(case_index & 0xffffffffu),
             static_cast<std::uint32_t>(case_index >> 32)}};
  }
  // Not copied: a copy would draw the same numbers a second time, and its unread words are not set.
  CaseStream(const CaseStream&) = delete;
  CaseStream& operator=(const CaseStream&) = delete;

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    if (used_ == philox_blocks::kWords) {
      philox_blocks::fill(ctr_, key_, words_);
      ctr_.v[0] += philox_blocks::kBlocks;
      used_ = 0;
    }
    return words_[static_cast<std::size_t>(used_++)];
  }

  // U(0,1) with 2^-32 resolution: enough for choosing among a handful of outcomes.
  // Boost's uniform_01 on this engine: a word times 2^-32, always below 1, so its retry loop never
  // runs and is left out (tests/engine/rng_test.cpp compares the two).
  double uniform() { return static_cast<double>((*this)()) * 0x1p-32; }
  // Exp(1), the unit of cumulative hazard.
  // Boost's ziggurat, with its common case taken here: when the draw's two words are both in the
  // buffer, its layer and 53-bit fraction are read from them in one step, as Boost composes them
  // (the low 8 bits of the first word pick the layer, the rest of the first word and the low 29
  // bits of the second make the fraction, exactly), and accepted by Boost's own test against its
  // table. Anything else, a refill or the about 1% of draws the test rejects, leaves the two
  // words unread and lets Boost draw from them, so the numbers and the words used stay Boost's
  // (tests/engine/rng_test.cpp compares the two on millions of draws).
  double exponential() {
    if (used_ <= philox_blocks::kWords - 2) {
      const std::uint32_t first = words_[static_cast<std::size_t>(used_)];
      const std::uint32_t second = words_[static_cast<std::size_t>(used_ + 1)];
      const std::uint32_t layer = first & 0xffu;
      const auto fraction = static_cast<double>((std::uint64_t{second & 0x1fffffffu} << 24) | (first >> 8)) * 0x1p-53;
      const double* const x = boost::random::detail::exponential_table<double>::table_x;
      const double e = fraction * x[layer];
      if (e < x[layer + 1]) {
        used_ += 2;
        return e;
      }
    }
    return boost::random::exponential_distribution<double>{1.0}(*this);
  }

  // Words drawn so far (for benchmarks: the count of variates behind one case).
  [[nodiscard]] std::uint64_t words_drawn() const {
    return 4 * std::uint64_t{ctr_.v[0]} - static_cast<std::uint64_t>(philox_blocks::kWords - used_);
  }

 private:
  // The words of the blocks before ctr_, made philox_blocks::kBlocks blocks at a time
  // (engine/philox_blocks.h).
  r123::Philox4x32::ctr_type ctr_{};
  r123::Philox4x32::key_type key_{};
  philox_blocks::Words words_;  // not zeroed: filled before the first read (used_ starts full)
  int used_ = philox_blocks::kWords;
};

}  // namespace doorstroom::engine
