#pragma once
// Typed reading of TOML tables with locations. Every value read from a parameter or scenario file
// goes through a TableReader, which knows the file and the key path, checks type and range, and at
// the end rejects every key nobody asked for, suggesting the nearest known key for a typo.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/io/input_error.h"

namespace doorstroom::models {

// "file:line:column" of a node (its own file, which differs from the table's after a merge).
std::string location(const toml::node& node, const std::string& fallback_file);

class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, std::string file);

  [[nodiscard]] double number(const std::string& key, double min, double max);
  [[nodiscard]] std::optional<double> optional_number(const std::string& key, double min, double max);
  [[nodiscard]] std::vector<double> numbers(const std::string& key, double min, double max);
  [[nodiscard]] std::optional<std::vector<double>> optional_numbers(const std::string& key, double min,
                                                                    double max);
  [[nodiscard]] std::string string(const std::string& key);
  [[nodiscard]] std::optional<std::string> optional_string(const std::string& key);
  // A string or an array of strings.
  [[nodiscard]] std::vector<std::string> strings(const std::string& key);
  [[nodiscard]] std::optional<std::vector<std::string>> optional_strings(const std::string& key);
  // A table of key = number, sorted by key (toml++ keeps tables sorted).
  [[nodiscard]] std::vector<std::pair<std::string, double>> number_table(const std::string& key, double min,
                                                                         double max);
  [[nodiscard]] const toml::table* optional_table(const std::string& key);
  // Accept a key without reading it (documentation-only keys such as `source`).
  void allow(const std::string& key);

  // Fails on every key that was not read or allowed.
  void finish() const;

  [[noreturn]] void fail(const std::string& key, const std::string& expected) const;
  [[nodiscard]] std::string where(const std::string& key) const;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  const toml::node* find(const std::string& key);
  [[noreturn]] void missing(const std::string& key, const std::string& what) const;
  double to_number(const toml::node& node, const std::string& key, double min, double max) const;

  const toml::table& table_;
  std::string path_;
  std::string file_;
  std::vector<std::string> known_;
};

}  // namespace doorstroom::models
