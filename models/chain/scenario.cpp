#include "models/chain/scenario.h"

#include <fstream>
#include <algorithm>
#include <map>
#include <sstream>

#include "models/chain/share_move.h"
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
  check_largest_move(share);
}

}  // namespace

namespace {

// The [scenario] table of one file.
Scenario read_header(const toml::table& patch, std::string_view text, const std::string& file) {
  Scenario scenario;
  scenario.file = file;
  scenario.content_hash = fnv1a64(text);
  const toml::node* meta = patch.get("scenario");
  if (!meta || !meta->is_table())
    throw InputError(file + ": missing [scenario] table (expected name, title, description)");
  TableReader reader(*meta->as_table(), "scenario", file);
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
  return scenario;
}

// Every key a patch sets, as a dotted path with its location: a value, an array, or a
// distribution (replaced whole). The [scenario] table is the file's own, not a change.
void keys_set(const toml::table& t, const std::string& prefix, const std::string& file,
              std::map<std::string, std::string>& out) {
  for (const auto& [k, v] : t) {
    if (prefix.empty() && k.str() == "scenario") continue;
    const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    // A move (share_move.h) sets the record's whole distribution, as writing it would: a stack
    // whose parts both change it, by move or whole, is refused under that one key.
    const bool record_level = std::count(prefix.begin(), prefix.end(), '.') == 1;  // SECTION.NAME
    if (k.str() == "move" && record_level)
      if (const auto field = moved_field(prefix.substr(0, prefix.find('.')))) {
        out.emplace(prefix + "." + *field, location(v, file));
        continue;
      }
    if (v.is_table() && !replaced_whole(k.str()))
      keys_set(*v.as_table(), path, file, out);
    else
      out.emplace(path, location(v, file));
  }
}

// A stack refuses two parts that set the same key (see scenario.h).
void check_disjoint(const std::vector<toml::table>& patches, const std::vector<Scenario>& headers) {
  std::map<std::string, std::string> first_file;
  for (std::size_t i = 0; i < patches.size(); ++i) {
    std::map<std::string, std::string> keys;
    keys_set(patches[i], "", headers[i].file, keys);
    for (const auto& [key, where] : keys) {
      const auto [it, fresh] = first_file.emplace(key, headers[i].file);
      if (!fresh)
        throw InputError(where + ": " + key + ": set by both " + it->second + " and " + headers[i].file +
                         "; a stack applies each part's own changes to the baseline and refuses two changes to "
                         "the same key (write one scenario that states the combined change)");
    }
  }
}

// The stack's causal share: none, or the one its parts agree on (see scenario.h).
std::optional<CausalShare> shared_causal_share(const std::vector<Scenario>& headers) {
  std::optional<CausalShare> shared;
  for (const auto& h : headers) {
    if (!h.causal_share) continue;
    if (shared && (shared->value != h.causal_share->value || shared->range.low != h.causal_share->range.low ||
                   shared->range.high != h.causal_share->range.high || shared->size.low != h.causal_share->size.low ||
                   shared->size.high != h.causal_share->size.high))
      throw InputError(h.causal_share->where + ": scenario.causal_share: differs from the one in " +
                       shared->where + "; the parts of a stack share one causal share (one draw per replicate), "
                       "so they must state the same value, range and size_range");
    if (!shared) shared = h.causal_share;
  }
  return shared;
}

// The stack's start year: none, or the one all its parts state; parts that start in different
// years would make the stack a different policy each year, which is no longer one scenario.
std::optional<int> shared_start_year(const std::vector<Scenario>& headers) {
  for (const auto& h : headers)
    if (h.start_year != headers.front().start_year)
      throw InputError(h.file + ": scenario.start_year: differs from the one in " + headers.front().file +
                       "; the parts of a stack must start in the same school year (or none states one)");
  return headers.front().start_year;
}

std::string joined(const std::vector<Scenario>& headers, std::string Scenario::*field, const std::string& between) {
  std::string out;
  for (const auto& h : headers) out += (out.empty() ? "" : between) + h.*field;
  return out;
}

// The header of a stack: its parts' names, titles and sources together.
Scenario stack_header(const std::vector<Scenario>& headers) {
  if (headers.size() == 1) return headers.front();
  Scenario s;
  s.name = joined(headers, &Scenario::name, "+");
  s.file = joined(headers, &Scenario::file, "+");
  s.title = joined(headers, &Scenario::title, " + ");
  s.description = "Stack: " + joined(headers, &Scenario::title, "; ") +
                  ", all at once (each part's changes applied to the baseline).";
  s.beschrijving = "Combinatie van " + std::to_string(headers.size()) + " maatregelen tegelijk: " +
                   joined(headers, &Scenario::title, "; ") +
                   ". Het samenspel is het verschil van de combinatie min de som van de verschillen van de losse maatregelen.";
  std::string hashes;
  for (const auto& h : headers) {
    s.sources.insert(s.sources.end(), h.sources.begin(), h.sources.end());
    s.part_names.push_back(h.name);
    s.part_files.push_back(h.file);
    hashes += h.content_hash;
  }
  s.content_hash = fnv1a64(hashes);
  s.causal_share = shared_causal_share(headers);
  s.start_year = shared_start_year(headers);
  return s;
}

}  // namespace

std::vector<std::string> stack_parts(const std::string& name) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (std::size_t at = name.find(".toml+"); at != std::string::npos; at = name.find(".toml+", begin)) {
    parts.push_back(name.substr(begin, at + 5 - begin));
    begin = at + 6;
  }
  parts.push_back(name.substr(begin));
  return parts;
}

Scenario load_scenario(std::string_view scenario_text, const std::string& scenario_file,
                       std::string_view parameters_text, const std::string& parameters_file,
                       std::string_view calibrated_text, const std::string& calibrated_file) {
  return load_stack({{scenario_text, scenario_file}}, parameters_text, parameters_file, calibrated_text, calibrated_file);
}

Scenario load_stack(const std::vector<ScenarioText>& parts, std::string_view parameters_text,
                    const std::string& parameters_file, std::string_view calibrated_text,
                    const std::string& calibrated_file) {
  toml::table merged = parse_toml(parameters_text, parameters_file);
  if (!calibrated_text.empty()) {
    toml::table fitted = parse_toml(calibrated_text, calibrated_file);
    merge_into(merged, fitted);
  }
  std::vector<toml::table> patches;
  std::vector<Scenario> headers;
  for (const auto& part : parts) {
    patches.push_back(parse_toml(part.text, part.file));
    headers.push_back(read_header(patches.back(), part.text, part.file));
  }
  if (parts.size() > 1) check_disjoint(patches, headers);
  // Moves are relative to the baseline (the parameters with the calibrated values), for every
  // part alike; resolved, each is the complete distribution a file could have written.
  for (std::size_t i = 0; i < patches.size(); ++i) resolve_moves(merged, patches[i], headers[i].file);
  Scenario scenario = stack_header(headers);

  // The causal share interpolates between the parameters the scenario extends and the scenario as
  // written, so both are kept: compare draws between them per replicate. In a stack, what it
  // extends includes the parts without a causal share, whose distributions it leaves alone.
  // (Copies lose their line numbers, so the full merge below, which moves, is read first.)
  std::optional<toml::table> extended_tables;
  if (scenario.causal_share) {
    extended_tables = merged;
    for (std::size_t i = 0; i < patches.size(); ++i)
      if (!headers[i].causal_share) {
        toml::table copy = patches[i];
        merge_into(*extended_tables, copy);
      }
  }
  for (std::size_t i = 0; i < patches.size(); ++i) check_new_records(merged, patches[i], headers[i].file);
  for (auto& patch : patches) merge_into(merged, patch);
  scenario.parameters = read_parameters(merged, parameters_file);
  if (scenario.causal_share) settle_causal_share(scenario, read_parameters(*extended_tables, parameters_file));
  return scenario;
}

}  // namespace doorstroom::models
