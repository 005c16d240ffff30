#pragma once
// Reading comma-separated tables written by hand or by spreadsheets: quoted fields (with "" for a
// quote), CRLF or LF line ends, a UTF-8 byte-order mark, blank lines skipped. Each row keeps its
// line number so that errors can point at it. A semicolon-separated file (what Dutch spreadsheets
// export) is refused with a message saying so, rather than read as one column.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace doorstroom::models {

struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  // Index of a header column; throws InputError naming the file and the missing column.
  [[nodiscard]] std::size_t column(const std::string& name, const std::string& file) const;
};

// A whole field as a finite number ('.' as decimal point), or nothing: "0,5", "12abc", "nan" and
// "" are not numbers. The one place where numbers are read from CSV and the command line.
std::optional<double> parse_number(const std::string& text);

// Throws InputError with file:line on malformed input (unterminated quote, wrong field count).
CsvTable parse_csv(std::string_view text, const std::string& file);

}  // namespace doorstroom::models
