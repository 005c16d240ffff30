// CSV as spreadsheets write it: quotes, CRLF, a byte-order mark; a ';' file is refused clearly.
#include <catch2/catch.hpp>

#include "models/csv.h"
#include "models/input_error.h"

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
  CHECK_THROWS_WITH(parse_csv("a;b\n0,5;1\n", "f.csv"),
                    "f.csv:1: the columns are separated by ';' (a Dutch spreadsheet export?); save as CSV with ',' as "
                    "separator and '.' as decimal point");
  CHECK_THROWS_WITH(parse_csv("a,b\n1,2\n", "f.csv").column("value", "f.csv"), "f.csv:1: missing column 'value'");
}
