#include "models/io/csv.h"

#include "models/io/input_error.h"

#include <algorithm>
#include <cmath>

namespace doorstroom::models {

std::optional<double> parse_number(const std::string& field) {
  // Blanks around a number are forgiven on both sides (std::stod took them only in front);
  // hexadecimal and "infinity", which std::stod also takes, are not numbers here.
  const auto first = field.find_first_not_of(" \t"), last = field.find_last_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  const std::string text = field.substr(first, last - first + 1);
  if (text.find_first_not_of("0123456789+-.eE") != std::string::npos) return std::nullopt;
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
  message += did_you_mean(name, header);
  throw InputError(message);
}

std::optional<double> CsvTable::number(const std::string& field) const {
  if (decimal_point == '.') return parse_number(field);
  if (field.find('.') != std::string::npos) return std::nullopt;
  std::string text = field;
  std::replace(text.begin(), text.end(), ',', '.');
  return parse_number(text);
}

std::string CsvTable::number_format() const {
  return decimal_point == '.' ? "(with '.' as decimal point)"
                              : "(with ',' as decimal point, as the file is ';'-separated; no thousands separators)";
}

namespace {

// ';' when the header line (up to the first line end outside quotes) holds more ';' than ','.
char detect_separator(std::string_view text) {
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '\n') break;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& file) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  const char separator = detect_separator(text);
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
    } else if (c == separator) {
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
  table.separator = separator;
  table.decimal_point = separator == ';' ? ',' : '.';
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
