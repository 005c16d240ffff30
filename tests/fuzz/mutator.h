#pragma once
// Deterministic mutations of a real input file, for the mutation harness (mutation_test.cpp).
// Each mutation stacks one to three edits of the kinds users and tools produce by accident:
// truncation, flipped/inserted/deleted bytes, duplicated or lost lines, extreme numbers, a BOM,
// CRLF or lone CR line ends, a Dutch-Excel CSV (';' and decimal commas), non-UTF-8 bytes, very
// long lines and deep nesting. The generator is our own splitmix64 with plain modulo, not
// <random>'s distributions, whose output differs between standard libraries: the same seed gives
// the same inputs on every machine, so a failure can always be replayed.
//
// Inputs stay below ~300 KB, so every reader finishes each one in milliseconds by construction.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace doorstroom::testing {

enum class Format { toml, csv };

class Mutator {
 public:
  Mutator(std::uint64_t seed, Format format) : state_(seed), format_(format) {}

  // A mutated copy of `text`; description() then names the edits, for a failure report.
  std::string mutate(std::string_view text) {
    description_.clear();
    std::string s(text);
    const int edits = 1 + static_cast<int>(below(3));
    for (int e = 0; e < edits; ++e) edit(s);
    return s;
  }
  [[nodiscard]] const std::string& description() const { return description_; }

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

 private:
  void note(const std::string& what) {
    if (!description_.empty()) description_ += ", ";
    description_ += what;
  }

  // Byte offsets of line starts (0 included).
  static std::vector<std::size_t> line_starts(const std::string& s) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i] == '\n' && i + 1 < s.size()) starts.push_back(i + 1);
    return starts;
  }
  // [begin, end) of a random line, including its '\n'.
  std::pair<std::size_t, std::size_t> random_line(const std::string& s) {
    const auto starts = line_starts(s);
    const std::size_t k = below(starts.size());
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : s.size();
    return {starts[k], end};
  }

  // Numbers that break naive readers: overflow, underflow, signed zero, NaN and infinity in
  // their various spellings, hex, too many digits, and a decimal comma.
  std::string interesting_number() {
    static const std::vector<std::string> numbers{
        "1e308", "1e999", "-1e999", "-0", "-0.0", "99999999999999999999", "-99999999999999999999",
        "9223372036854775807", "9223372036854775808", "nan", "NaN", "-nan", "inf", "-inf", "+inf",
        "Infinity", "1e-400", "4.9e-324", "0x10", "0b101", "0o7", "1_000", "0,5", "1.", ".5", "1e",
        "--1", "+-1", "1e+", "0.1.2", "", " ", "1 ", " 1", "1e30", "-1", "0", "1", "12", "2.5e-3"};
    return numbers[below(numbers.size())];
  }

  std::string token() {
    static const std::vector<std::string> toml{
        "[", "]", "[[", "]]", "=", "\"", "'", "\"\"\"", "'''", "#", ",", "{", "}", ".", "\n", "\\",
        "\\u", "\\U0010FFFF", "\\uD800", "true", "1979-05-27T07:32:00Z", "[route.x]\n", "[stratum.x]\n",
        "mix:", "mix:nope", "to = {}\n", "from = []\n", "kind = \"yearly\"\n", "source = \"s\"\n",
        "range = [2, 1]\n", "breaks = [1, 0.5]\n", "rates = []\n", "leave = []\n", "\x7f", "\t"};
    static const std::vector<std::string> csv{",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "\t",
                                              "calibrate", "validate", "point", ",,,,", "\"a,b\"", "#"};
    const auto& list = format_ == Format::toml ? toml : csv;
    return below(4) == 0 ? interesting_number() : list[below(list.size())];
  }

  // Replaces one number in the text (a run of digits with sign, point and exponent).
  void replace_number(std::string& s) {
    std::vector<std::pair<std::size_t, std::size_t>> numbers;
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] >= '0' && s[i] <= '9') {
        std::size_t b = i, e = i;
        if (b > 0 && (s[b - 1] == '-' || s[b - 1] == '+')) --b;
        while (e < s.size() && ((s[e] >= '0' && s[e] <= '9') || s[e] == '.' || s[e] == 'e' || s[e] == 'E' ||
                                ((s[e] == '-' || s[e] == '+') && (s[e - 1] == 'e' || s[e - 1] == 'E'))))
          ++e;
        numbers.emplace_back(b, e);
        i = e;
      } else {
        ++i;
      }
    }
    const std::string replacement = interesting_number();
    note("number '" + replacement + "'");
    if (numbers.empty()) return;
    const auto [b, e] = numbers[below(numbers.size())];
    s.replace(b, e - b, replacement);
  }

  // A Dutch Excel export: ';' between fields and ',' as decimal point. Quoting is kept as is,
  // so a field that holds ';' in the original stays one field only if it was quoted.
  static std::string dutch_excel(const std::string& s) {
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '"') quoted = !quoted;
      const bool digit_before = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
      const bool digit_after = i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9';
      if (!quoted && c == ',') out += ';';
      else if (!quoted && c == '.' && digit_before && digit_after) out += ',';
      else out += c;
    }
    return out;
  }

  std::string deep_nesting() {
    // Now and then deeper than a recursive parser's stack allows (toml++ failed near 40,000).
    const std::size_t depth = below(8) == 0 ? 20000 + below(50000) : 50 + below(5000);
    std::string out;
    switch (format_ == Format::csv ? 4 : below(5)) {
      case 0:  // nested arrays
        out = "x = " + std::string(depth, '[') + "1" + std::string(depth, ']') + "\n";
        break;
      case 1:  // nested inline tables
        out = "x = ";
        for (std::size_t i = 0; i < depth; ++i) out += "{a=";
        out += "1" + std::string(depth, '}') + "\n";
        break;
      case 2:  // a long dotted key: one table per level
        out = "a";
        for (std::size_t i = 0; i < depth; ++i) out += ".a";
        out += " = 1\n";
        break;
      case 3:  // a deep table header
        out = "[route";
        for (std::size_t i = 0; i < depth; ++i) out += ".r";
        out += "]\nkind = \"hazard\"\n";
        break;
      default:  // CSV: a field of nested quotes
        out = std::string(depth, '"') + "\n";
        break;
    }
    note("nesting depth " + std::to_string(depth));
    return out;
  }

  std::string long_line() {
    const std::size_t n = 10000 + below(50000);
    note("line of " + std::to_string(n) + " bytes");
    switch (below(4)) {
      case 0: return std::string(n, 'a') + " = 1\n";
      case 1: return "title = \"" + std::string(n, 'x') + "\"\n";
      case 2: return std::string(n, '9') + "\n";
      default: {
        std::string fields;
        for (std::size_t i = 0; i < n / 2; ++i) fields += "1,";
        return fields + "\n";
      }
    }
  }

  void edit(std::string& s) {
    const std::size_t at = below(s.size() + 1);
    switch (below(20)) {
      case 0:
        note("truncated at " + std::to_string(at));
        s.resize(at);
        break;
      case 1:
      case 2: {
        const std::size_t flips = 1 + below(8);
        note(std::to_string(flips) + " bytes flipped");
        for (std::size_t i = 0; i < flips && !s.empty(); ++i) s[below(s.size())] ^= static_cast<char>(1 + below(255));
        break;
      }
      case 3: {
        std::string bytes;
        for (std::size_t i = 0, n = 1 + below(16); i < n; ++i) bytes += static_cast<char>(below(256));
        note(std::to_string(bytes.size()) + " random bytes inserted at " + std::to_string(at));
        s.insert(at, bytes);
        break;
      }
      case 4:
      case 5: {
        const std::string t = token();
        note("'" + t + "' inserted at " + std::to_string(at));
        s.insert(at, t);
        break;
      }
      case 6: {
        const std::size_t n = 1 + below(64);
        note(std::to_string(n) + " bytes deleted at " + std::to_string(at));
        s.erase(std::min(at, s.size()), n);
        break;
      }
      case 7: {
        const auto [b, e] = random_line(s);
        note("line at " + std::to_string(b) + " duplicated");
        s.insert(e, s.substr(b, e - b) + (e == s.size() ? "\n" : ""));
        break;
      }
      case 8:
      case 9: {
        const auto [b, e] = random_line(s);
        note("line at " + std::to_string(b) + " removed");
        s.erase(b, e - b);
        break;
      }
      case 10:
      case 11:
        replace_number(s);
        break;
      case 12:
        note("UTF-8 BOM");
        s.insert(0, "\xEF\xBB\xBF");
        break;
      case 13: {
        const bool lone_cr = below(4) == 0;
        note(lone_cr ? "CR line ends" : "CRLF line ends");
        std::string out;
        for (char c : s) out += c == '\n' ? (lone_cr ? "\r" : "\r\n") : std::string(1, c);
        s = out;
        break;
      }
      case 14: {
        static const std::vector<std::string> bad{"\xFF", "\xFE\xFF", "\xC3", "\xC0\xAF", "\xED\xA0\x80",
                                                  "\xF4\x90\x80\x80", "\x80", std::string(1, '\0'), "\xE9t\xE9"};
        const std::string& b = bad[below(bad.size())];
        note("non-UTF-8 bytes inserted at " + std::to_string(at));
        s.insert(at, b);
        break;
      }
      case 15:
        s.insert(std::min(s.size(), random_line(s).first), long_line());
        break;
      case 16:
        s.insert(std::min(s.size(), random_line(s).first), deep_nesting());
        break;
      case 17:
        note("Dutch Excel (';' and decimal commas)");
        s = dutch_excel(s);
        break;
      case 18:
        note("emptied");
        s.clear();
        break;
      default: {
        // Keep a random block of lines (and the first line, a CSV header): small inputs, and a
        // TOML file that lost sections.
        const auto starts = line_starts(s);
        const std::size_t first_end = starts.size() > 1 ? starts[1] : s.size();
        const std::size_t b = below(starts.size()), n = 1 + below(40);
        const std::size_t from = starts[b], to = b + n < starts.size() ? starts[b + n] : s.size();
        note("kept lines " + std::to_string(b) + ".." + std::to_string(b + n));
        s = s.substr(0, first_end) + (from >= first_end ? s.substr(from, to - from) : s.substr(first_end, to - std::min(to, first_end)));
        break;
      }
    }
  }

  std::uint64_t state_;
  Format format_;
  std::string description_;
};

}  // namespace doorstroom::testing
