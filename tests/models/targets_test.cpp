// Every calibration target is well-formed, traceable to a line of a source, and something the
// model produces.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "models/io/input_error.h"
#include "models/studies/calibration.h"
#include "models/studies/run.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

int line_count(const std::filesystem::path& file) {
  std::ifstream in(file);
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

}  // namespace

TEST_CASE("every target row is well-formed and has a source", "[targets]") {
  const auto targets = models::read_targets(models::embedded_targets(), "targets.csv");
  REQUIRE(targets.size() >= 100);
  int calibrate = 0;
  const std::regex lines_pattern(R"(^\d+(-\d+)?([;,] ?\d+(-\d+)?)*$)");  // e.g. 6414-6422 or 5925;5933
  const std::filesystem::path seeds = std::filesystem::path(DOORSTROOM_SOURCE_DIR) / ".." / "shared" / "seeds";
  for (const auto& t : targets) {
    INFO("target " << t.id << " (line " << t.line << ")");
    CHECK(!t.table.empty());
    calibrate += t.role == models::TargetRole::calibrate;
    if (t.source.rfind("external", 0) == 0) continue;
    // A seed file and physical lines inside it.
    CHECK(std::regex_match(t.source, std::regex(R"(^00[0-4]_[0-9a-f]{16}\.txt$)")));
    CHECK(std::regex_match(t.lines, lines_pattern));
    if (std::filesystem::exists(seeds / t.source)) {
      const int last = line_count(seeds / t.source);
      const std::regex number(R"(\d+)");
      for (auto it = std::sregex_iterator(t.lines.begin(), t.lines.end(), number); it != std::sregex_iterator(); ++it)
        CHECK(std::stoi(it->str()) <= last);
    }
  }
  CHECK(calibrate >= 60);
}

TEST_CASE("the model produces an output for every target", "[targets]") {
  const auto targets = models::read_targets(models::embedded_targets(), "targets.csv");
  models::SimulationOptions options;
  options.students = 14000;
  options.replications = 1;
  const auto values = models::simulate_targets(models::load("", "").parameters, targets, options);
  REQUIRE(values.size() == targets.size());
  for (double v : values) CHECK((v >= 0.0 && v <= 1.0));
}

TEST_CASE("bad target files are refused with the line and column", "[targets][input]") {
  const std::string header = "id,source,table,lines,population,origin,variant,cohort,measure,horizon_years,value,low,high,n,role,note\n";
  CHECK_THROWS_WITH(models::read_targets(header + "a,s,t,1,entree_entrants,pro,all,2016,position_entree,1,1.3,,,100,calibrate,\n", "t.csv"),
                    "t.csv:2: value: expected a number in [0, 1] (with '.' as decimal point), found '1.3'");
  CHECK_THROWS_WITH(models::read_targets(header + "a,s,t,1,entree_entrants,pro,all,2016,position_entree,1,0.3,,,100,fit,\n", "t.csv"),
                    "t.csv:2: role: expected 'calibrate' or 'validate', found 'fit'");
  CHECK_THROWS_WITH(models::read_targets(header + "a,,t,1,entree_entrants,pro,all,2016,position_entree,1,0.3,,,100,calibrate,\n", "t.csv"),
                    "t.csv:2: source: every target needs its source (seed file name)");
  CHECK_THROWS_WITH(models::read_targets("id,source\na,b\n", "t.csv"), "t.csv:1: missing column 'table'");
}
