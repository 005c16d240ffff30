#include "models/io/number_format.h"

#include <cmath>
#include <cstdio>

namespace doorstroom::models {

std::string fixed_or_empty(double x, int digits) {
  if (std::isnan(x)) return "";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

}  // namespace doorstroom::models
