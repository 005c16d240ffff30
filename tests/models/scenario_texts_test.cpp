// What users read is Dutch (issue 17): every scenario shipped in scenarios/ carries a Dutch
// `beschrijving` besides its English description, and the Dutch text is what comparison.md shows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "models/studies/run.h"

using namespace doorstroom;

namespace {
std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios"))
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// A sentence ends with . ! or ? followed by a space or the end of the text.
int sentences(const std::string& text) {
  int n = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) ++n;
  return n;
}
}  // namespace

TEST_CASE("every shipped scenario has a Dutch beschrijving of a few sentences", "[scenario][library]") {
  const auto files = shipped_scenarios();
  REQUIRE(files.size() >= 11);
  for (const auto& file : files) {
    INFO(file);
    const models::Scenario s = models::load(file, "");
    CHECK_FALSE(s.beschrijving.empty());
    CHECK(s.beschrijving != s.description);
    CHECK(sentences(s.beschrijving) >= 1);
    CHECK(sentences(s.beschrijving) <= 8);
  }
}
