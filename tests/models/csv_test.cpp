// CSV as spreadsheets write it: quotes, CRLF, a byte-order mark, and a Dutch export with ';' and
// decimal commas.
#include <catch2/catch.hpp>

#include "models/io/csv.h"
#include "models/io/input_error.h"

using namespace doorstroom::models;

TEST_CASE("quoted fields, CRLF line ends and a BOM are read", "[csv]") {
  const auto t = parse_csv("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n4,5,6\r\n", "f.csv");
  CHECK(t.header == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].fields[1] == "x, \"y\"");
  CHECK(t.rows[1].line == 4);
  CHECK(t.column("c", "f.csv") == 2);
}

TEST_CASE("malformed CSV is reported with its line", "[csv]") {
  CHECK_THROWS_WITH(parse_csv("a,b\n1,2\n3\n", "f.csv"), "f.csv:3: expected 2 fields as in the header, found 1");
  CHECK_THROWS_WITH(parse_csv("a,b\n1,\"2\n", "f.csv"), "f.csv:2: a quoted field is never closed");
  CHECK_THROWS_WITH(parse_csv("", "f.csv"), "f.csv: the file is empty (expected a header line)");
  CHECK_THROWS_WITH(parse_csv("a,b\n1,2\n", "f.csv").column("value", "f.csv"), "f.csv:1: missing column 'value'");
}

TEST_CASE("a semicolon header makes a Dutch spreadsheet file: semicolons between fields, decimal commas", "[csv]") {
  // A note may hold ',' or ';': only the header line decides.
  const auto t = parse_csv("id;value;note\r\na;0,25;\"x; y\"\r\nb;1,5e-3;p, q\r\n", "f.csv");
  CHECK(t.separator == ';');
  CHECK(t.header == std::vector<std::string>{"id", "value", "note"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].fields[2] == "x; y");
  CHECK(t.rows[1].fields[2] == "p, q");
  CHECK(t.number(t.rows[0].fields[1]) == 0.25);
  CHECK(t.number(t.rows[1].fields[1]) == 1.5e-3);
  // A '.' may be a thousands separator there ("32.430"), so it is not guessed at.
  CHECK_FALSE(t.number("32.430").has_value());
  CHECK(t.number_format() == "(with ',' as decimal point, as the file is ';'-separated; no thousands separators)");
  // A ',' file keeps '.' as decimal point, even when a note holds ';'.
  const auto c = parse_csv("id,value,note\na,0.25,x; y\n", "f.csv");
  CHECK(c.separator == ',');
  CHECK(c.number("0.25") == 0.25);
  CHECK_FALSE(c.number("0,25").has_value());
}

TEST_CASE("parse_number takes plain decimal numbers only", "[csv]") {
  CHECK(parse_number("0.5") == 0.5);
  CHECK(parse_number(" -2e3 ") == -2000.0);
  CHECK(parse_number("-0") == 0.0);
  for (const char* bad : {"", " ", "0,5", "12abc", "nan", "inf", "-Infinity", "0x10", "1e999", "1e", "--1", "1 2"})
    CHECK_FALSE(parse_number(bad).has_value());
}
