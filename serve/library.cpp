#include "serve/library.h"

#include <algorithm>

#include "models/studies/run.h"

namespace doorstroom::serve {

std::vector<std::string> scenario_files(const std::filesystem::path& dir) {
  std::vector<std::string> files;
  if (std::filesystem::is_directory(dir))
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<models::Scenario> workshop_library(const std::vector<std::string>& files, const std::filesystem::path& source_dir) {
  std::vector<models::Scenario> scenarios{models::load("", "")};
  for (const auto& file : files.empty() ? scenario_files(source_dir / "scenarios") : files) {
    models::Scenario s = models::load(file, "");
    if (s.name != scenarios.front().name) scenarios.push_back(std::move(s));
  }
  return scenarios;
}

}  // namespace doorstroom::serve
