#pragma once
// Random numbers as a pure function of (seed, replicate, case, draw).
//
// Stream layout: Philox4x32-10 (Random123's, computed four blocks at a time by engine/philox.h),
// key = {seed, replicate}, counter = {block, stream, case low 32 bits, case high 32 bits}. Each
// block gives four 32-bit words; `block` counts blocks within one case. A case therefore draws
// the same numbers whichever thread or MPI rank runs it, and two scenarios run with the same seed
// give the same student the same numbers (common random numbers). `stream` separates independent
// uses for one case (the life course is stream 0).
//
// CaseStream is a URBG, so Boost.Random distributions sit on top of it.
#include <boost/random/uniform_01.hpp>
#include <cstdint>
#include <limits>

#include "engine/exponential.h"
#include "engine/philox.h"

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
             std::uint32_t stream = stream::life_course)
      : key_{seed, replicate},
        ctr_{0u, stream, static_cast<std::uint32_t>(case_index & 0xffffffffu),
             static_cast<std::uint32_t>(case_index >> 32)} {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    if (next_ == kWords) refill();
    return words_[next_++];
  }

  // U(0,1) with 2^-32 resolution: enough for choosing among a handful of outcomes.
  double uniform() { return boost::random::uniform_01<double>{}(*this); }
  // Exp(1), the unit of cumulative hazard: Boost's exponential_distribution, value for value.
  double exponential() { return unit_exponential(*this); }

  // Words drawn so far (for benchmarks: the count of variates behind one case). Blocks computed
  // ahead and not yet handed out do not count.
  [[nodiscard]] std::uint64_t words_drawn() const { return 4 * std::uint64_t{ctr_.first} - (kWords - next_); }

 private:
  // Blocks computed per refill: four at once overlap their multiplies (docs/performance.md, issue
  // 14 round 4). The words and their order are those of one block at a time; only timing changes.
  static constexpr int kBlocks = 4;
  static constexpr int kWords = 4 * kBlocks;

  void refill() {
    philox::blocks<kBlocks>(ctr_, key_, words_);
    ctr_.first += kBlocks;
    next_ = 0;
  }

  philox::Key key_;
  philox::Counter ctr_;  // ctr_.first: the block after those in words_
  std::uint32_t words_[kWords]{};
  int next_ = kWords;
};

}  // namespace doorstroom::engine
