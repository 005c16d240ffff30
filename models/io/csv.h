#pragma once
// Reading comma-separated tables written by hand or by spreadsheets: quoted fields (with "" for a
// quote), CRLF or LF line ends, a UTF-8 byte-order mark, blank lines skipped. Each row keeps its
// line number so that errors can point at it. A file whose header line holds more ';' than ','
// is read as a Dutch spreadsheet export: ';' between fields and ',' as decimal point. The header
// decides, because free-text fields further down (notes) may hold either character.
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
  char separator = ',';
  char decimal_point = '.';  // ',' in a ';'-separated file
  // Index of a header column; throws InputError naming the file and the missing column.
  [[nodiscard]] std::size_t column(const std::string& name, const std::string& file) const;
  // A field as a finite number in this file's convention (parse_number, or with a decimal comma);
  // in a ';' file a '.' is refused, as it may be a thousands separator ("32.430").
  [[nodiscard]] std::optional<double> number(const std::string& field) const;
  // "(with '.' as decimal point)", or the ',' variant, for error messages.
  [[nodiscard]] std::string number_format() const;
};

// A whole field as a finite number ('.' as decimal point, blanks around it ignored), or nothing:
// "0,5", "12abc", "nan", "0x10" and "" are not numbers. The one place where numbers are read
// from CSV and the command line.
std::optional<double> parse_number(const std::string& text);

// Throws InputError with file:line on malformed input (unterminated quote, wrong field count).
CsvTable parse_csv(std::string_view text, const std::string& file);

}  // namespace doorstroom::models
