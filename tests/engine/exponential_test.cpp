// engine/exponential.h must give bit for bit what boost::random::exponential_distribution gives on
// the same words, and take the same words, or every event time in the simulation would move.
#include <catch2/catch.hpp>

#include <boost/random/exponential_distribution.hpp>
#include <cstdint>
#include <cstring>

#include "engine/exponential.h"
#include "engine/rng.h"

using doorstroom::engine::CaseStream;
using doorstroom::engine::unit_exponential;

namespace {
std::uint64_t bits(double x) {
  std::uint64_t b = 0;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
}  // namespace

TEST_CASE("unit_exponential equals Boost's exponential_distribution bit for bit", "[rng][exponential]") {
  // Two copies of one stream: Boost draws from one, unit_exponential from the other; after every
  // draw both must have taken the same number of words. Four million draws reach the wedges (about
  // 1.5% of draws take a third word), the tail beyond table_x[1] (about 1 in 2,200) and draws that
  // go round the loop more than once; the counts below make sure they did.
  const double tail_start = boost::random::detail::exponential_table<double>::table_x[1];
  std::uint64_t draws = 0, differences = 0, wedge_draws = 0, tail_draws = 0;
  for (std::uint64_t c = 0; c < 4000; ++c) {
    CaseStream boost_words(77, 3, c), my_words(77, 3, c);
    for (int i = 0; i < 1000; ++i, ++draws) {
      const std::uint64_t before = my_words.words_drawn();
      const double want = boost::random::exponential_distribution<double>{1.0}(boost_words);
      const double got = unit_exponential(my_words);
      differences += bits(want) != bits(got);
      differences += boost_words.words_drawn() != my_words.words_drawn();
      wedge_draws += my_words.words_drawn() - before > 2;
      tail_draws += got >= tail_start;
    }
  }
  CHECK(draws == 4000000);
  CHECK(differences == 0);
  CHECK(wedge_draws > 10000);
  CHECK(tail_draws > 500);
}
