// The random stream is a pure function of (seed, replicate, case): that is what makes runs
// independent of the thread count and gives common random numbers between scenarios.
#include <catch2/catch.hpp>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
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

// CaseStream::uniform is Boost's uniform_01 without its retry loop, which never runs on this engine.
// CaseStream::exponential reads Boost's ziggurat's common case from its buffer itself and leaves
// the rest to Boost: it must give Boost's number from the same words, and use as many, for every
// draw, including those where the pair of words straddles a refill and those Boost's test rejects.
TEST_CASE("exponential and uniform draws are Boost's, word for word", "[rng]") {
  int mismatches = 0;
  int rejected = 0;   // draws that took more than two words: the fallback's rare path ran
  int straddled = 0;  // draws whose first word was the last of a buffer
  for (std::uint64_t c = 0; c < 2000; ++c) {
    CaseStream fast(11, 3, c), boost_draws(11, 3, c);
    for (int i = 0; i < 500; ++i) {
      // A uniform now and then shifts the pairs against the buffer's end, as the chain's draws do.
      if (i % 7 == 3) {
        mismatches += fast.uniform() != boost::random::uniform_01<double>{}(boost_draws);
        continue;
      }
      const std::uint64_t before = boost_draws.words_drawn();
      straddled += before % static_cast<std::uint64_t>(doorstroom::engine::philox_blocks::kWords) ==
                   static_cast<std::uint64_t>(doorstroom::engine::philox_blocks::kWords - 1);
      const double expected = boost::random::exponential_distribution<double>{1.0}(boost_draws);
      rejected += boost_draws.words_drawn() - before > 2;
      mismatches += fast.exponential() != expected;
      mismatches += fast.words_drawn() != boost_draws.words_drawn();
    }
  }
  CHECK(mismatches == 0);
  CHECK(rejected > 1000);
  CHECK(straddled > 1000);
}
