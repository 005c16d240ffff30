// fixed_or_empty writes what printf's "%.*f" writes (std::to_chars where the library has it), so
// outcomes.csv and census.csv stay byte for byte what they were when snprintf wrote them. Catches a
// wrong format or precision (scientific, shortest), a different rounding of halfway cases or of
// negative zero, and a different cut of numbers too long for the buffer.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "models/io/number_format.h"

using doorstroom::models::fixed_or_empty;

namespace {

std::string printf_fixed(double x, int digits) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

}  // namespace

TEST_CASE("fixed_or_empty writes printf's fixed notation, digit for digit", "[io]") {
  const double inf = std::numeric_limits<double>::infinity();
  for (const double x : {0.0, -0.0, 1.0, -1.0, 0.5, 0.0000005, 0.0000015, 0.0000025, -0.0000004, 1e-7, 0.1234565,
                         0.9999995, 123456.7890125, 1e20, -1e22, 1e38, 1e41, -1e300, inf, -inf,
                         std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max()})
    for (const int digits : {0, 1, 3, 6})
      CHECK(fixed_or_empty(x, digits) == printf_fixed(x, digits));
  // Shares and counts as the tables hold them: many values, halfway cases among them.
  std::mt19937_64 random(14);
  std::uniform_real_distribution<double> share(0.0, 1.0);
  for (int i = 0; i < 20000; ++i) {
    const double x = share(random);
    REQUIRE(fixed_or_empty(x, 6) == printf_fixed(x, 6));
    REQUIRE(fixed_or_empty(-x * 1000, 6) == printf_fixed(-x * 1000, 6));
    REQUIRE(fixed_or_empty((i + 0.5) / 1e6, 6) == printf_fixed((i + 0.5) / 1e6, 6));
  }
}

TEST_CASE("fixed_or_empty leaves a missing value empty", "[io]") {
  CHECK(fixed_or_empty(std::numeric_limits<double>::quiet_NaN(), 6).empty());
  CHECK(fixed_or_empty(std::nan(""), 2).empty());
}
