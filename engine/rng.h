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
  // Exp(1), the unit of cumulative hazard, from one word in about 99% of draws: a ziggurat of 256
  // layers (Boost's tables) whose layer is the word's low 8 bits and whose fraction of the layer's
  // width is the other 24 bits. A fraction of 2^-24 of at most 7.7 units of cumulative hazard is
  // well under the hours a yearly hazard turns that into; one word instead of two halves the
  // Philox blocks a student needs.
  double exponential() {
    const ZigguratPoint p = ziggurat_point();
    if (p.inside()) return p.e;
    return exponential_outside(p);
  }

  // Words drawn so far (for benchmarks: the count of variates behind one case).
  [[nodiscard]] std::uint64_t words_drawn() const {
    return 4 * std::uint64_t{ctr_.v[0]} - static_cast<std::uint64_t>(philox_blocks::kWords - used_);
  }

 private:
  static constexpr const double* kZigguratX = boost::random::detail::exponential_table<double>::table_x;
  static constexpr const double* kZigguratY = boost::random::detail::exponential_table<double>::table_y;

  // A point of the ziggurat from one word: its layer, and e, its fraction of the layer's width.
  struct ZigguratPoint {
    std::uint32_t layer;
    double e;
    // Within the part of the layer that lies wholly under the density.
    [[nodiscard]] bool inside() const { return e < kZigguratX[layer + 1]; }
  };
  ZigguratPoint ziggurat_point() {
    const std::uint32_t word = (*this)();
    const std::uint32_t layer = word & 0xffu;
    return {layer, static_cast<double>(word >> 8) * 0x1p-24 * kZigguratX[layer]};
  }

  // The rest of a draw whose point fell outside: in the base layer's tail, which for Exp(1) is the
  // distribution again shifted by the layer's edge, or in a layer's wedge, accepted by the density
  // itself. A rejected point draws a new one. Out of line: the common case above is what the driver
  // loop inlines.
  [[gnu::noinline]] double exponential_outside(ZigguratPoint p) {
    double shift = 0.0;
    while (true) {
      if (p.layer == 0) {
        shift += kZigguratX[1];
      } else {
        const double y = kZigguratY[p.layer] + uniform() * (kZigguratY[p.layer + 1] - kZigguratY[p.layer]);
        if (y < std::exp(-p.e)) return shift + p.e;
      }
      p = ziggurat_point();
      if (p.inside()) return shift + p.e;
    }
  }

  // The words of the blocks before ctr_, made philox_blocks::kBlocks blocks at a time
  // (engine/philox_blocks.h).
  r123::Philox4x32::ctr_type ctr_{};
  r123::Philox4x32::key_type key_{};
  philox_blocks::Words words_;  // not zeroed: filled before the first read (used_ starts full)
  int used_ = philox_blocks::kWords;
};

}  // namespace doorstroom::engine
