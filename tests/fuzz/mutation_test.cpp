// Mutation harness for the input readers (issue 8): every reader gets 10,000 inputs made from the
// real files by mutator.h, and each must end in a parsed result or an InputError that names the
// file: no crash, no other exception, no hang. It runs as its own executable with a ctest TIMEOUT
// (tests/CMakeLists.txt), so a hang fails the test instead of stalling the suite. The seed is
// fixed; a failure prints the input's index and edits and saves the input for replaying.
//
// Readers: the scenario file (scenarios/*.toml over the default parameters and calibration), the
// parameter file (models/data/parameters.toml), the calibration patch (calibrated.toml), the
// targets CSV and the sweep design CSV (tests/fuzz/design.csv). The TOML readers are followed by
// compile(), because a parameter set is only checked completely there.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <typeinfo>

#include "models/chain/chain_model.h"
#include "models/chain/parameter_path.h"
#include "models/io/csv.h"
#include "models/io/input_error.h"
#include "models/measure/targets.h"
#include "models/studies/run.h"
#include "models/studies/sweep.h"
#include "tests/fuzz/mutator.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

constexpr int kInputsPerReader = 10000;

struct SeedFile {
  std::string name;  // the name the reader is given, which every error must mention
  std::string text;
};

// What a successful read produced, as text, so that a BOM or CRLF variant can be compared with it.
using Reader = std::function<std::string(const std::string& text, const std::string& file)>;

std::string fingerprint(const models::ParameterSet& p) {
  std::ostringstream out;
  out.precision(17);
  for (const auto& ref : models::list_parameters(p)) out << ref.path << '=' << ref.value << '\n';
  return out.str();
}

std::string fingerprint(const std::vector<models::Target>& targets) {
  std::ostringstream out;
  out.precision(17);
  for (const auto& t : targets)
    out << t.id << '|' << t.source << '|' << t.table << '|' << t.lines << '|' << t.population << '|' << t.origin << '|'
        << t.variant << '|' << t.cohort << '|' << t.measure << '|' << t.horizon_years << '|' << t.value << '|'
        << t.low.value_or(-1) << '|' << t.high.value_or(-1) << '|' << t.n.value_or(-1) << '|'
        << static_cast<int>(t.role) << '|' << t.note << '\n';
  return out.str();
}

// A CSV file as a Dutch Excel writes it: ';' between fields, ',' as decimal point, and quotes
// around a field that holds ';' or a quote.
std::string as_dutch_excel(const std::string& csv) {
  const models::CsvTable table = models::parse_csv(csv, "original.csv");
  auto field = [](std::string f) {
    if (models::parse_number(f))
      std::replace(f.begin(), f.end(), '.', ',');
    if (f.find_first_of(";\"\n") != std::string::npos) {
      std::string quoted = "\"";
      for (char c : f) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      return quoted + "\"";
    }
    return f;
  };
  auto line = [&](const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ';';
      out += field(fields[i]);
    }
    return out + "\r\n";
  };
  std::string out = line(table.header);
  for (const auto& row : table.rows) out += line(row.fields);
  return out;
}

std::string with_crlf(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

struct Tally {
  int inputs = 0, accepted = 0, rejected = 0;
  double slowest_ms = 0.0;
  std::string slowest;  // its edits
  std::vector<std::string> failures;
};

std::string failure_file(const std::string& reader, int index) {
  const auto dir = std::filesystem::temp_directory_path() / "doorstroom_mutation_failures";
  std::filesystem::create_directories(dir);
  return (dir / (reader + "_" + std::to_string(index) + ".txt")).string();
}

// Runs `reader` over `inputs` mutations of the seeds (taken in turn) and reports. With
// DOORSTROOM_MUTATION_LOG=FILE set, every input's outcome is appended to FILE, to read the
// error messages users would see.
Tally fuzz(const std::string& name, const std::vector<SeedFile>& seeds, testing::Format format, const Reader& reader,
           std::uint64_t seed, int inputs = kInputsPerReader) {
  testing::Mutator mutator(seed, format);
  Tally tally;
  const char* log_path = std::getenv("DOORSTROOM_MUTATION_LOG");
  std::ofstream log;
  if (log_path) log.open(log_path, std::ios::app);
  for (int i = 0; i < inputs; ++i) {
    const SeedFile& origin = seeds[static_cast<std::size_t>(i) % seeds.size()];
    const std::string input = mutator.mutate(origin.text);
    const std::string file = "mutated/" + origin.name;
    std::string problem, message = "accepted";
    const auto t0 = std::chrono::steady_clock::now();
    try {
      (void)reader(input, file);
      ++tally.accepted;
    } catch (const models::InputError& e) {
      ++tally.rejected;
      message = e.what();
      if (std::string(e.what()).find(file) == std::string::npos)
        problem = std::string("InputError without the file name: ") + e.what();
    } catch (const std::runtime_error& e) {
      ++tally.rejected;
      if (std::string(e.what()).find(file) == std::string::npos)
        problem = std::string(typeid(e).name()) + " without the file name: " + e.what();
    } catch (const std::exception& e) {
      problem = std::string(typeid(e).name()) + ": " + e.what();
    } catch (...) {
      problem = "an exception that is not a std::exception";
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (ms > tally.slowest_ms) {
      tally.slowest_ms = ms;
      tally.slowest = "input " + std::to_string(i) + ", " + origin.name + ": " + mutator.description();
    }
    ++tally.inputs;
    if (log) log << name << ' ' << i << " (" << mutator.description() << ") " << ms << " ms: " << message.substr(0, 300) << '\n';
    if (!problem.empty()) {
      const std::string saved = failure_file(name, i);
      std::ofstream(saved, std::ios::binary) << input;
      tally.failures.push_back("input " + std::to_string(i) + " (" + origin.name + ": " + mutator.description() +
                               ", saved as " + saved + "): " + problem.substr(0, 400));
    }
  }
  std::printf("mutation %-10s %5d inputs: %5d accepted, %5d rejected with a clear error, %zu failures; slowest %.1f ms (%s)\n",
              name.c_str(), tally.inputs, tally.accepted, tally.rejected, tally.failures.size(), tally.slowest_ms,
              tally.slowest.c_str());
  std::fflush(stdout);
  return tally;
}

void check(const Tally& t) {
  for (std::size_t i = 0; i < std::min<std::size_t>(t.failures.size(), 20); ++i) UNSCOPED_INFO(t.failures[i]);
  CHECK(t.inputs == kInputsPerReader);
  CHECK(t.failures.empty());
  // Both outcomes occur: a harness whose inputs were all rejected (or all accepted) would not be
  // testing the readers.
  CHECK(t.accepted > kInputsPerReader / 100);
  CHECK(t.rejected > kInputsPerReader / 100);
}

// The seed itself, with a BOM and with CRLF line ends, reads to the same result.
void check_encodings(const std::vector<SeedFile>& seeds, const Reader& reader) {
  for (const auto& s : seeds) {
    INFO(s.name);
    const std::string plain = reader(s.text, s.name);
    CHECK(reader("\xEF\xBB\xBF" + s.text, s.name) == plain);
    CHECK(reader(with_crlf(s.text), s.name) == plain);
  }
}

std::vector<SeedFile> scenario_seeds() {
  std::vector<SeedFile> seeds;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios"))
    if (entry.path().extension() == ".toml")
      seeds.push_back({entry.path().filename().string(), testing::read_file(entry.path().string())});
  std::sort(seeds.begin(), seeds.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return seeds;
}

}  // namespace

TEST_CASE("mutated scenario files are read or refused clearly", "[mutation][scenario]") {
  const std::string parameters(models::embedded_parameters()), calibrated(models::embedded_calibrated());
  const Reader reader = [&](const std::string& text, const std::string& file) {
    const auto s = models::load_scenario(text, file, parameters, "parameters.toml", calibrated, "calibrated.toml");
    (void)models::compile(s.parameters);
    return fingerprint(s.parameters);
  };
  const auto seeds = scenario_seeds();
  REQUIRE(seeds.size() >= 10);
  check_encodings(seeds, reader);
  check(fuzz("scenario", seeds, testing::Format::toml, reader, 1));
}

TEST_CASE("mutated parameter files are read or refused clearly", "[mutation][parameters]") {
  const std::string baseline(models::embedded_baseline());
  const Reader reader = [&](const std::string& text, const std::string& file) {
    const auto s = models::load_scenario(baseline, "baseline.toml", text, file);
    (void)models::compile(s.parameters);
    return fingerprint(s.parameters);
  };
  const std::vector<SeedFile> seeds{{"parameters.toml", testing::source_file("models/data/parameters.toml")}};
  check_encodings(seeds, reader);
  check(fuzz("parameters", seeds, testing::Format::toml, reader, 2));
}

TEST_CASE("mutated calibration patches are read or refused clearly", "[mutation][calibrated]") {
  const std::string baseline(models::embedded_baseline()), parameters(models::embedded_parameters());
  const Reader reader = [&](const std::string& text, const std::string& file) {
    const auto s = models::load_scenario(baseline, "baseline.toml", parameters, "parameters.toml", text, file);
    (void)models::compile(s.parameters);
    return fingerprint(s.parameters);
  };
  const std::vector<SeedFile> seeds{{"calibrated.toml", testing::source_file("models/data/calibrated.toml")}};
  check_encodings(seeds, reader);
  check(fuzz("calibrated", seeds, testing::Format::toml, reader, 3));
}

TEST_CASE("mutated targets files are read or refused clearly", "[mutation][targets]") {
  const Reader reader = [](const std::string& text, const std::string& file) {
    return fingerprint(models::read_targets(text, file));
  };
  const std::vector<SeedFile> seeds{{"targets.csv", testing::source_file("models/data/targets.csv")}};
  check_encodings(seeds, reader);
  check(fuzz("targets", seeds, testing::Format::csv, reader, 4));
}

TEST_CASE("mutated sweep designs are read or refused clearly", "[mutation][design]") {
  const auto p = models::load("", "").parameters;
  const Reader reader = [&](const std::string& text, const std::string& file) {
    return models::design_csv(models::read_design(text, file, p));
  };
  const std::vector<SeedFile> seeds{{"design.csv", testing::source_file("tests/fuzz/design.csv")}};
  check_encodings(seeds, reader);
  check(fuzz("design", seeds, testing::Format::csv, reader, 5));
}

TEST_CASE("the harness reports escaped exceptions and errors without the file name", "[mutation][harness]") {
  const std::vector<SeedFile> seeds{{"design.csv", testing::source_file("tests/fuzz/design.csv")}};
  int calls = 0;
  const Reader faulty = [&](const std::string&, const std::string& file) -> std::string {
    switch (++calls % 4) {
      case 0: return "read";
      case 1: throw models::InputError(file + ": clear");
      case 2: throw std::out_of_range("vector::at");
      default: throw models::InputError("no file name here");
    }
  };
  const Tally t = fuzz("faulty", seeds, testing::Format::csv, faulty, 6, 40);
  CHECK(t.accepted == 10);
  CHECK(t.rejected == 20);
  REQUIRE(t.failures.size() == 20);
  CHECK(t.failures[0].find("vector::at") != std::string::npos);
  CHECK(t.failures[1].find("InputError without the file name: no file name here") != std::string::npos);
}

TEST_CASE("a Dutch Excel export (semicolons and decimal commas) reads as the original", "[mutation][csv]") {
  const std::string targets = testing::source_file("models/data/targets.csv");
  const std::string dutch_targets = as_dutch_excel(targets);
  REQUIRE(dutch_targets.find("0,4344") != std::string::npos);
  CHECK(fingerprint(models::read_targets(dutch_targets, "t.csv")) == fingerprint(models::read_targets(targets, "t.csv")));

  const auto p = models::load("", "").parameters;
  const std::string design = testing::source_file("tests/fuzz/design.csv");
  CHECK(models::design_csv(models::read_design(as_dutch_excel(design), "d.csv", p)) ==
        models::design_csv(models::read_design(design, "d.csv", p)));
}
