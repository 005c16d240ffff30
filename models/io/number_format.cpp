#include "models/io/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace doorstroom::models {

std::string fixed_or_empty(double x, int digits) {
  if (std::isnan(x)) return "";
  char buffer[48];
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
  // std::to_chars with a precision writes what printf's "%.*f" writes in the C locale (the standard
  // defines it so), without parsing a format string each time: a run writes some 60,000 numbers.
  // A number too long for the buffer takes snprintf's path below, which cuts it as before.
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer - 1, x, std::chars_format::fixed, digits);
  if (error == std::errc{}) return std::string(buffer, end);
#endif
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

}  // namespace doorstroom::models
