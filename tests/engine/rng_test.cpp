// The random stream is a pure function of (seed, replicate, case): that is what makes runs
// independent of the thread count and gives common random numbers between scenarios.
#include <catch2/catch.hpp>

#include <Random123/philox.h>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <random>
#include <vector>

#include "engine/rng.h"

using doorstroom::engine::CaseStream;

namespace {
std::vector<std::uint32_t> first_words(CaseStream rng, int n) {
  std::vector<std::uint32_t> w;
  for (int i = 0; i < n; ++i) w.push_back(rng());
  return w;
}
}  // namespace

TEST_CASE("a case's stream depends only on seed, replicate and case", "[rng]") {
  CHECK(first_words(CaseStream(1, 2, 3), 9) == first_words(CaseStream(1, 2, 3), 9));
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(2, 2, 3), 9));
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(1, 3, 3), 9));
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(1, 2, 4), 9));
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(1, 2, 3, 1), 9));
  // The high half of the case index is part of the counter too.
  CHECK(first_words(CaseStream(1, 2, 3), 9) != first_words(CaseStream(1, 2, 3 + (std::uint64_t{1} << 40)), 9));
}

TEST_CASE("the stream works as a URBG under Boost.Random", "[rng]") {
  CaseStream rng(5, 0, 0);
  boost::random::uniform_int_distribution<int> die(1, 6);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 60000; ++i) ++counts[static_cast<std::size_t>(die(rng))];
  for (int face = 1; face <= 6; ++face) CHECK(counts[static_cast<std::size_t>(face)] == Approx(10000).margin(400));
  CHECK(rng.words_drawn() >= 60000);
}

TEST_CASE("uniform and exponential draws have the right means", "[rng][statistics]") {
  double u = 0.0, e = 0.0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    CaseStream rng(9, 0, static_cast<std::uint64_t>(i));
    u += rng.uniform();
    e += rng.exponential();
  }
  // Standard errors: 0.2887 / sqrt(n) and 1 / sqrt(n); 5 SE.
  CHECK(u / n == Approx(0.5).margin(5 * 0.2887 / std::sqrt(n)));
  CHECK(e / n == Approx(1.0).margin(5 / std::sqrt(n)));
}

namespace {
// The stream as it was before engine/philox.h (issue 14, round 4): one r123::Philox4x32 block per
// four words, Boost's uniform_01 and exponential_distribution on top. CaseStream must draw exactly
// this sequence, or every published number would move.
class ReferenceStream {
 public:
  using result_type = std::uint32_t;
  ReferenceStream(std::uint32_t seed, std::uint32_t replicate, std::uint64_t case_index, std::uint32_t stream) {
    key_ = {{seed, replicate}};
    ctr_ = {{0u, stream, static_cast<std::uint32_t>(case_index & 0xffffffffu), static_cast<std::uint32_t>(case_index >> 32)}};
  }
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return 0xffffffffu; }
  result_type operator()() {
    if (used_ == 4) {
      block_ = r123::Philox4x32{}(ctr_, key_);
      ++ctr_.v[0];
      used_ = 0;
    }
    return block_.v[static_cast<std::size_t>(used_++)];
  }
  double uniform() { return boost::random::uniform_01<double>{}(*this); }
  double exponential() { return boost::random::exponential_distribution<double>{1.0}(*this); }
  [[nodiscard]] std::uint64_t words_drawn() const { return 4 * std::uint64_t{ctr_.v[0]} - static_cast<std::uint64_t>(4 - used_); }

 private:
  r123::Philox4x32::ctr_type ctr_{};
  r123::Philox4x32::key_type key_{};
  r123::Philox4x32::ctr_type block_{};
  int used_ = 4;
};
}  // namespace

TEST_CASE("CaseStream draws the same words, uniforms and exponentials as r123 with Boost", "[rng]") {
  // A mix of the three kinds of draw in a pseudo-random order, so that draws start at every offset
  // within a block and cross the boundaries between blocks and between blocks computed together.
  // Catches a changed word order, a skipped or repeated block, and any change to the variates;
  // words_drawn() must count only words handed out, as before.
  std::mt19937 gen(14u);
  std::uniform_int_distribution<std::uint32_t> word;
  int differences = 0, draws = 0;
  for (int c = 0; c < 2000; ++c) {
    const std::uint32_t seed = word(gen), replicate = word(gen) % 8, stream = word(gen) % 4;
    const std::uint64_t index = (std::uint64_t{word(gen)} << 32) | word(gen);
    CaseStream mine(seed, replicate, index, stream);
    ReferenceStream want(seed, replicate, index, stream);
    const int n = static_cast<int>(word(gen) % 120);
    for (int i = 0; i < n; ++i, ++draws) {
      switch (word(gen) % 3) {
        case 0: differences += mine() != want(); break;
        case 1: differences += mine.uniform() != want.uniform(); break;
        default: differences += mine.exponential() != want.exponential(); break;
      }
      differences += mine.words_drawn() != want.words_drawn();
    }
  }
  CHECK(draws > 100000);
  CHECK(differences == 0);
}
