#pragma once
// Numbers as the CSV files and tables write them: fixed decimals, and an empty field for a value
// that is not there (NaN: an interval a single replicate cannot give, an empty population), so
// readers see a missing value rather than "nan".
#include <string>

namespace doorstroom::models {

std::string fixed_or_empty(double x, int digits);

}  // namespace doorstroom::models
