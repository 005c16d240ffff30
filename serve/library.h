#pragma once
// The scenarios a workshop offers: which files, and in which order. Loaded once when the server
// starts; a request can only pick one of them by name.
#include <filesystem>
#include <string>
#include <vector>

#include "models/chain/scenario.h"

namespace doorstroom::serve {

// Every .toml file in `dir`, sorted by path, so the picker's order does not depend on the file
// system; none when `dir` is not a folder.
std::vector<std::string> scenario_files(const std::filesystem::path& dir);

// The built-in baseline first, then the scenario of each file in `files` (with no files: every
// file in `source_dir`/scenarios), skipping a file whose scenario has the baseline's name: it is
// already offered, first.
std::vector<models::Scenario> workshop_library(const std::vector<std::string>& files, const std::filesystem::path& source_dir);

}  // namespace doorstroom::serve
