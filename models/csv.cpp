#include "models/csv.h"

#include "models/input_error.h"

#include <cmath>

namespace doorstroom::models {

std::optional<double> parse_number(const std::string& text) {
  std::size_t used = 0;
  double v = 0.0;
  try {
    v = std::stod(text, &used);
  } catch (...) {
    return std::nullopt;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::size_t CsvTable::column(const std::string& name, const std::string& file) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  std::string message = file + ":1: missing column '" + name + "'";
  const std::string guess = nearest(name, header);
  if (!guess.empty()) message += "; did you mean '" + guess + "'?";
  throw InputError(message);
}

CsvTable parse_csv(std::string_view text, const std::string& file) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  std::vector<CsvRow> records;
  CsvRow row;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, quote_line = 0;
  row.line = 1;
  auto end_field = [&] {
    row.fields.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) records.push_back(row);
    row = CsvRow{};
    row.line = line;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started && field.empty()) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      ++line;
      end_row();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) throw InputError(file + ":" + std::to_string(quote_line) + ": a quoted field is never closed");
  if (!field.empty() || !row.fields.empty()) end_row();
  if (records.empty()) throw InputError(file + ": the file is empty (expected a header line)");

  CsvTable table;
  table.header = records.front().fields;
  if (table.header.size() == 1 && table.header[0].find(';') != std::string::npos)
    throw InputError(file + ":1: the columns are separated by ';' (a Dutch spreadsheet export?); "
                            "save as CSV with ',' as separator and '.' as decimal point");
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].fields.size() != table.header.size())
      throw InputError(file + ":" + std::to_string(records[r].line) + ": expected " +
                       std::to_string(table.header.size()) + " fields as in the header, found " +
                       std::to_string(records[r].fields.size()));
    table.rows.push_back(records[r]);
  }
  return table;
}

}  // namespace doorstroom::models
