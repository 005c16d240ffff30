#include "models/io/inflow_csv.h"

#include <cmath>
#include <set>
#include <utility>

#include "models/io/csv.h"
#include "models/io/input_error.h"

namespace doorstroom::models {

std::vector<InflowRow> parse_inflow_csv(std::string_view text, const std::string& file) {
  const CsvTable table = parse_csv(text, file);
  const std::size_t year_col = table.column("school_year", file);
  const std::size_t origin_col = table.column("origin", file);
  const std::size_t count_col = table.column("count", file);
  std::vector<InflowRow> rows;
  std::set<std::pair<int, std::string>> seen;
  for (const CsvRow& row : table.rows) {
    auto fail = [&](const std::string& column, const std::string& what) {
      throw InputError(file + ":" + std::to_string(row.line) + ": column " + column + ": " + what);
    };
    const std::string& year_text = row.fields[year_col];
    const auto year = table.number(year_text);
    if (!year || *year != std::floor(*year) || *year < 2000 || *year > 2100)
      fail("school_year", "expected a school year from 2000 to 2100 (2027 for 2027/28), found '" + year_text + "'");
    const std::string& origin = row.fields[origin_col];
    if (origin.empty()) fail("origin", "expected an entree origin (pro, vso, isk, ...), found an empty field");
    const std::string& count_text = row.fields[count_col];
    const auto count = table.number(count_text);
    if (!count || *count < 0)
      fail("count", "expected a number of entree entrants >= 0 " + table.number_format() + ", found '" + count_text + "'");
    const int y = static_cast<int>(*year);
    if (!seen.insert({y, origin}).second)
      fail("school_year", "a second row for " + std::to_string(y) + " and origin " + origin + " (one row per year and origin)");
    rows.push_back({y, origin, *count, row.line});
  }
  if (rows.empty()) throw InputError(file + ": expected at least one row under the header school_year,origin,count");
  return rows;
}

}  // namespace doorstroom::models
