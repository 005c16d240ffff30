#include "models/chain/scenario.h"

#include <fstream>
#include <sstream>

#include "models/io/toml_reader.h"

namespace doorstroom::embedded {
extern const std::string_view parameters;
extern const std::string_view baseline;
extern const std::string_view calibrated;
extern const std::string_view draws;
}  // namespace doorstroom::embedded

namespace doorstroom::models {

std::string_view embedded_parameters() { return embedded::parameters; }
std::string_view embedded_baseline() { return embedded::baseline; }
std::string_view embedded_calibrated() { return embedded::calibrated; }
std::string_view embedded_draws() { return embedded::draws; }

std::uint64_t fnv1a64_value(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string fnv1a64(std::string_view bytes) {
  const std::uint64_t h = fnv1a64_value(bytes);
  std::ostringstream out;
  out << std::hex;
  out.width(16);
  out.fill('0');
  out << h;
  return out.str();
}

namespace {

// Two inputs toml++ 3.3 mishandles are refused before it sees them, by a scan that skips strings
// and comments: a key nested more than 100 levels (it recurses once per level and overflows the
// stack near 40,000, a 100 KB dotted key; real files nest four deep), and a non-ASCII character
// outside quotes (never valid TOML, but a line starting with one, such as "één = 1", reaches
// __builtin_unreachable() in its whitespace table: undefined behaviour, found by UBSan).
void check_before_toml(std::string_view text, const std::string& file) {
  constexpr int kMaxDots = 100;
  enum class In { plain, basic, literal, multiline_basic, multiline_literal, comment } in = In::plain;
  int line = 1, dots = 0;
  std::size_t line_start = 0;
  auto at = [&](std::size_t i, std::string_view s) { return text.substr(i, s.size()) == s; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      dots = 0;
      if (in == In::basic || in == In::literal || in == In::comment) in = In::plain;
      continue;
    }
    switch (in) {
      case In::plain:
        if (c == '#') {
          in = In::comment;
        } else if (at(i, "\"\"\"")) {
          in = In::multiline_basic;
          i += 2;
        } else if (at(i, "'''")) {
          in = In::multiline_literal;
          i += 2;
        } else if (c == '"') {
          in = In::basic;
        } else if (c == '\'') {
          in = In::literal;
        } else if (c == '=' || c == ']' || c == ',' || c == '{' || c == '}') {
          dots = 0;
        } else if (c == '.' && ++dots > kMaxDots) {
          throw InputError(file + ":" + std::to_string(line) + ":" + std::to_string(i - line_start + 1) +
                           ": not valid here: a key nested more than " + std::to_string(kMaxDots) +
                           " levels deep (more than " + std::to_string(kMaxDots) + " dots)");
        } else if (static_cast<unsigned char>(c) >= 0x80) {
          throw InputError(file + ":" + std::to_string(line) + ":" + std::to_string(i - line_start + 1) +
                           ": not valid TOML: a non-ASCII character outside quotes (a key without quotes "
                           "holds only A-Z, a-z, 0-9, _ and -; put other text in \"...\")");
        }
        break;
      case In::basic:
      case In::multiline_basic:
        if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
          ++i;
        } else if (in == In::basic && c == '"') {
          in = In::plain;
        } else if (in == In::multiline_basic && at(i, "\"\"\"")) {
          in = In::plain;
          i += 2;
        }
        break;
      case In::literal:
        if (c == '\'') in = In::plain;
        break;
      case In::multiline_literal:
        if (at(i, "'''")) {
          in = In::plain;
          i += 2;
        }
        break;
      case In::comment:
        break;
    }
  }
}

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& file) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);  // a UTF-8 byte-order mark, as some editors on Windows write
  check_before_toml(text, file);
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    std::ostringstream msg;
    msg << file << ':' << src.begin.line << ':' << src.begin.column << ": not valid TOML: " << e.description();
    throw InputError(msg.str());
  }
}

std::string read_text_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + what + " '" + path + "': no such file or not readable");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError("cannot read " + what + " '" + path + "': read error");
  return buffer.str();
}

namespace {

bool replaced_whole(std::string_view key) { return key == "to" || key == "start" || key == "odds"; }

// Nodes are moved, not copied: toml++ keeps a node's file and line only when it is moved, and
// every later error message needs them.
void merge_into(toml::table& base, toml::table& patch) {
  for (auto&& [k, v] : patch) {
    toml::node* existing = base.get(k);
    if (existing && existing->is_table() && v.is_table() && !replaced_whole(k.str())) {
      merge_into(*existing->as_table(), *v.as_table());
    } else {
      base.insert_or_assign(k, std::move(v));
    }
  }
}

// A record a scenario names that the baseline lacks is either a new record, complete enough to
// stand alone (it has its section's first required key), or a misspelt name of an existing one:
// then say so, with the nearest name, instead of asking for the keys of a new record.
void check_new_records(const toml::table& base, const toml::table& patch, const std::string& file) {
  static const std::vector<std::pair<std::string, std::string>> kRequired{
      {"stratum", "start"}, {"route", "kind"}, {"mix", "to"}, {"modifier", "risk"}, {"age_rule", "risk"}, {"admission", "to"}};
  for (const auto& [section, required] : kRequired) {
    const toml::table* records = patch.get_as<toml::table>(section);
    const toml::table* known = base.get_as<toml::table>(section);
    if (!records || !known) continue;
    std::vector<std::string> names;
    for (const auto& [k, v] : *known) names.emplace_back(k.str());
    for (const auto& [k, v] : *records) {
      const toml::table* record = v.as_table();
      if (known->contains(k.str()) || !record || record->contains(required)) continue;
      throw InputError(location(v, file) + ": " + section + "." + std::string(k.str()) + ": the baseline has no " + section +
                       " '" + std::string(k.str()) + "'" + did_you_mean(std::string(k.str()), names) +
                       " (a new " + section + " needs at least '" + required + "')");
    }
  }
}

// Keeps both ends of the move in the causal share and sets the parameters at its central value.
void settle_causal_share(Scenario& scenario, ParameterSet extended) {
  CausalShare& share = *scenario.causal_share;
  if (moved_distributions(scenario.parameters, extended) == 0)
    throw InputError(share.where + ": scenario.causal_share: the scenario changes no route's 'to' and no stratum's "
                     "'start', so a causal share has nothing to act on");
  share.whole_gap = std::move(scenario.parameters);
  share.extended = std::move(extended);
  scenario.parameters = with_causal_share(share.whole_gap, share.extended, share.value);
}

}  // namespace

Scenario load_scenario(std::string_view scenario_text, const std::string& scenario_file,
                       std::string_view parameters_text, const std::string& parameters_file,
                       std::string_view calibrated_text, const std::string& calibrated_file) {
  toml::table merged = parse_toml(parameters_text, parameters_file);
  if (!calibrated_text.empty()) {
    toml::table fitted = parse_toml(calibrated_text, calibrated_file);
    merge_into(merged, fitted);
  }
  toml::table patch = parse_toml(scenario_text, scenario_file);

  Scenario scenario;
  scenario.file = scenario_file;
  scenario.content_hash = fnv1a64(scenario_text);
  const toml::node* meta = patch.get("scenario");
  if (!meta || !meta->is_table())
    throw InputError(scenario_file + ": missing [scenario] table (expected name, title, description)");
  TableReader reader(*meta->as_table(), "scenario", scenario_file);
  scenario.name = reader.string("name");
  if (scenario.name.empty() || scenario.name.find_first_of(" ,\"\n") != std::string::npos)
    reader.fail("name", "expected a short name without spaces, commas or quotes (it becomes a CSV value)");
  scenario.title = reader.string("title");
  scenario.description = reader.string("description");
  scenario.beschrijving = reader.optional_string("beschrijving").value_or("");
  scenario.sources = reader.optional_strings("sources").value_or(std::vector<std::string>{});
  if (auto extends = reader.optional_string("extends"); extends && *extends != "baseline")
    reader.fail("extends", "expected \"baseline\" (scenarios extend the baseline parameters)");
  scenario.causal_share = read_causal_share(reader, *meta->as_table());
  if (auto year = reader.optional_number("start_year", 2000, 2100)) {
    if (*year != static_cast<double>(static_cast<int>(*year))) reader.fail("start_year", "expected a school year such as 2027 (for 2027/28)");
    scenario.start_year = static_cast<int>(*year);
  }
  reader.finish();

  // The causal share interpolates between the parameters the scenario extends and the scenario as
  // written, so both are kept: compare draws between them per replicate.
  ParameterSet extended;
  if (scenario.causal_share) extended = read_parameters(merged, parameters_file);
  check_new_records(merged, patch, scenario_file);
  merge_into(merged, patch);
  scenario.parameters = read_parameters(merged, parameters_file);
  if (scenario.causal_share) settle_causal_share(scenario, std::move(extended));
  return scenario;
}

}  // namespace doorstroom::models
