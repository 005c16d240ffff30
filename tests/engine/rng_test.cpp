// The random stream is a pure function of (seed, replicate, case): that is what makes runs
// independent of the thread count and gives common random numbers between scenarios.
#include <catch2/catch.hpp>

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
