#pragma once
// A user's own inflow for `doorstroom project --inflow FILE.csv`: entree entrants per school year
// and entree origin, with the header `school_year,origin,count`. Each row keeps its line, so that
// a later check (an origin the model does not know) can point at it.
#include <string>
#include <string_view>
#include <vector>

namespace doorstroom::models {

struct InflowRow {
  int school_year = 0;
  std::string origin;
  double count = 0.0;
  int line = 0;
};

// Throws InputError naming the file, line and column and what was expected: a missing column, a
// year that is not a whole year in 2000-2100, a count that is not a number >= 0, a duplicate
// (school_year, origin), no rows.
std::vector<InflowRow> parse_inflow_csv(std::string_view text, const std::string& file);

}  // namespace doorstroom::models
