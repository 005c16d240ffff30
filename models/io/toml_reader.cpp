#include "models/io/toml_reader.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace doorstroom::models {

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
        diagonal = up;
      }
    }
    return row[b.size()];
  };
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: skipping those keeps a very long word
    // (a mangled line) from costing length x length per candidate.
    const std::size_t length_gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (length_gap >= best_distance) continue;
    const std::size_t d = distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates,
                         const std::string& shown_prefix) {
  const std::string guess = nearest(word, candidates);
  return guess.empty() ? "" : "; did you mean '" + shown_prefix + guess + "'?";
}

std::string excerpt(const std::string& text) {
  constexpr std::size_t kShown = 60;
  if (text.size() <= 2 * kShown) return text;
  return text.substr(0, kShown) + "... (" + std::to_string(text.size()) + " bytes)";
}

std::string location(const toml::node& node, const std::string& fallback_file) {
  const auto& src = node.source();
  std::ostringstream out;
  out << (src.path ? *src.path : fallback_file);
  if (src.begin.line > 0) out << ':' << src.begin.line << ':' << src.begin.column;
  return out.str();
}

TableReader::TableReader(const toml::table& table, std::string path, std::string file)
    : table_(table), path_(std::move(path)), file_(std::move(file)) {}

std::string TableReader::where(const std::string& key) const {
  const toml::node* node = table_.get(key);
  const std::string loc = node ? location(*node, file_) : location(table_, file_);
  return loc + ": " + (path_.empty() ? key : path_ + "." + key);
}

void TableReader::fail(const std::string& key, const std::string& expected) const {
  throw InputError(where(key) + ": " + expected);
}

const toml::node* TableReader::find(const std::string& key) {
  known_.push_back(key);
  return table_.get(key);
}

void TableReader::missing(const std::string& key, const std::string& what) const {
  std::string message = "missing required key (" + what + ")";
  // A required key is often missing because it is misspelt: point at the likely typo.
  std::vector<std::string> present;
  for (const auto& [k, v] : table_) present.emplace_back(k.str());
  const std::string typo = nearest(key, present);
  if (!typo.empty() && typo != key) {
    const toml::node* node = table_.get(typo);
    message += "; found '" + typo + "' at " + location(*node, file_) + ", a typo?";
  }
  fail(key, message);
}

void TableReader::allow(const std::string& key) { known_.push_back(key); }

double TableReader::to_number(const toml::node& node, const std::string& key, double min, double max) const {
  double value = 0.0;
  if (auto i = node.value_exact<std::int64_t>())
    value = static_cast<double>(*i);
  else if (auto f = node.value_exact<double>())
    value = *f;
  else
  {
    std::ostringstream type;
    type << node.type();
    fail(key, "expected a number, found " + type.str());
  }
  if (!std::isfinite(value)) fail(key, "expected a finite number, found " + std::to_string(value));
  if (value < min || value > max) {
    std::ostringstream msg;
    msg << "value " << value << " is out of range, expected a number in [" << min << ", " << max << "]";
    fail(key, msg.str());
  }
  return value;
}

double TableReader::number(const std::string& key, double min, double max) {
  const toml::node* node = find(key);
  if (!node) {
    std::ostringstream what;
    what << "a number in [" << min << ", " << max << "]";
    missing(key, what.str());
  }
  return to_number(*node, key, min, max);
}

std::optional<double> TableReader::optional_number(const std::string& key, double min, double max) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  return to_number(*node, key, min, max);
}

std::optional<std::vector<double>> TableReader::optional_numbers(const std::string& key, double min,
                                                                 double max) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const toml::array* array = node->as_array();
  if (!array) fail(key, "expected an array of numbers");
  std::vector<double> values;
  for (const auto& element : *array) values.push_back(to_number(element, key, min, max));
  return values;
}

std::vector<double> TableReader::numbers(const std::string& key, double min, double max) {
  auto values = optional_numbers(key, min, max);
  if (!values) missing(key, "an array of numbers");
  return *values;
}

std::optional<std::string> TableReader::optional_string(const std::string& key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  auto s = node->value_exact<std::string>();
  if (!s) fail(key, "expected a string");
  return *s;
}

std::string TableReader::string(const std::string& key) {
  auto s = optional_string(key);
  if (!s) missing(key, "a string");
  return *s;
}

std::optional<std::vector<std::string>> TableReader::optional_strings(const std::string& key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (auto s = node->value_exact<std::string>()) return std::vector<std::string>{*s};
  const toml::array* array = node->as_array();
  if (!array) fail(key, "expected a string or an array of strings");
  std::vector<std::string> values;
  for (const auto& element : *array) {
    auto s = element.value_exact<std::string>();
    if (!s) fail(key, "expected an array of strings");
    values.push_back(*s);
  }
  return values;
}

std::vector<std::string> TableReader::strings(const std::string& key) {
  auto values = optional_strings(key);
  if (!values) missing(key, "a string or an array of strings");
  return *values;
}

const toml::table* TableReader::optional_table(const std::string& key) {
  const toml::node* node = find(key);
  if (!node) return nullptr;
  const toml::table* t = node->as_table();
  if (!t) fail(key, "expected a table");
  return t;
}

std::vector<std::pair<std::string, double>> TableReader::number_table(const std::string& key, double min,
                                                                      double max) {
  const toml::table* t = optional_table(key);
  if (!t) missing(key, "a table");
  std::vector<std::pair<std::string, double>> values;
  TableReader inner(*t, path_.empty() ? key : path_ + "." + key, file_);
  for (const auto& [k, v] : *t) {
    const std::string name(k.str());
    values.emplace_back(name, inner.to_number(v, name, min, max));
  }
  return values;
}

void TableReader::finish() const {
  for (const auto& [k, v] : table_) {
    const std::string key(k.str());
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string message = "unknown key '" + excerpt(key) + "'";
    message += did_you_mean(key, known_);
    std::vector<std::string> sorted = known_;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    message += " (expected one of:";
    for (const auto& s : sorted) message += " " + s;
    message += ")";
    throw InputError(location(v, file_) + ": " + excerpt(path_.empty() ? key : path_ + "." + key) + ": " + message);
  }
}

}  // namespace doorstroom::models
