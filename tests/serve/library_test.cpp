// Which scenarios the workshop offers, and in which order.
#ifdef DOORSTROOM_WITH_SERVE
#include <catch2/catch.hpp>

#include "serve/library.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {
std::vector<std::string> names(const std::vector<models::Scenario>& scenarios) {
  std::vector<std::string> n;
  for (const auto& s : scenarios) n.push_back(s.name);
  return n;
}
}  // namespace

TEST_CASE("the scenario files of a folder are its .toml files, sorted", "[serve]") {
  testing::TempDir dir;
  for (const char* f : {"z.toml", "a.toml", "notes.txt"}) dir.write(f, "");
  CHECK(serve::scenario_files(dir.path()) == std::vector<std::string>{dir.file("a.toml"), dir.file("z.toml")});
  CHECK(serve::scenario_files(dir.path() / "missing").empty());
}

TEST_CASE("the workshop offers the baseline first, once, then the files given", "[serve]") {
  const std::string scenarios = std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios/";
  const auto given = serve::workshop_library({scenarios + "meer_bbl.toml", scenarios + "baseline.toml", scenarios + "loopbaancoach.toml"},
                                             "/nonexistent");
  CHECK(names(given) == std::vector<std::string>{"baseline", "meer_bbl", "loopbaancoach"});
  // No files: every scenario in the source tree's scenarios/ folder, sorted, the baseline not twice.
  const auto all = serve::workshop_library({}, DOORSTROOM_SOURCE_DIR);
  const auto files = serve::scenario_files(scenarios);
  REQUIRE(all.size() == files.size());
  CHECK(all.front().name == "baseline");
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i].name != "baseline");
}
#endif
