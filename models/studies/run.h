#pragma once
// One run of one scenario: from the scenario and parameter texts to a run folder holding
// manifest.json, outcomes.csv and census.csv (docs/outputs.md). The folder is written beside the
// target and swapped in as a whole (system/atomic_file.h), so a reader or a killed run never
// leaves a mix of an old and a new result.
#include <functional>
#include <string>
#include <vector>

#include "models/chain/chain_model.h"
#include "models/chain/scenario.h"
#include "models/studies/simulation.h"
#include "system/atomic_file.h"

namespace doorstroom::models {

struct RunRequest {
  std::string scenario_file;      // empty: the embedded baseline
  std::string parameters_file;    // empty: the embedded default parameters
  SimulationOptions options;
  bool parameter_uncertainty = false;  // one calibrated parameter draw per replicate
  bool flows = true;              // flows.csv: the paths of replicate 0 (models/measure/flows.h), tallied while
                                  // it runs; with parameter draws or several processes it is replayed
  std::string out_dir = "out/run";
  std::string command_line;       // for the manifest
  // Several processes (MPI): adds a counter array over all processes, leaving the sum at rank 0.
  // Empty for a single process. Only rank 0 (options.rank) writes the folder.
  std::function<void(std::vector<std::uint64_t>&)> sum_to_root;
};

struct RunSummary {
  std::string out_dir;
  std::string scenario;
  std::uint64_t students_simulated = 0;  // over all replicates
  std::uint64_t transitions = 0;
  double seconds = 0.0;
};

// Loads the scenario (or the embedded baseline) with the parameter file (or the embedded default);
// "a.toml+b.toml" loads a stack of scenarios (models/chain/scenario.h).
Scenario load(const std::string& scenario_file, const std::string& parameters_file);
// The same with another calibrated patch than the embedded calibrated.toml (the backtest's set fitted
// to cohorts up to 2016), applied over the parameter file as calibrated.toml is; empty text: none.
Scenario load_calibrated(const std::string& scenario_file, std::string_view calibrated_text, const std::string& calibrated_name,
                         const std::string& parameters_file = "");

RunSummary run_to_folder(const RunRequest& request);

// What manifest.json says about a result folder (docs/outputs.md). `run` and `project` write it
// with this one writer.
struct ManifestInfo {
  std::string command_line;
  SimulationOptions options;                 // seed, replications, threads
  std::uint64_t students_per_replicate = 0;
  bool parameter_uncertainty = false;
  std::string parameters_file;               // empty: the embedded parameters
  // A calibrated patch other than the embedded one (load_calibrated): its name and text; empty: the
  // embedded calibrated.toml (or none with a parameters_file).
  std::string calibrated_file, calibrated_text;
  const Scenario* scenario = nullptr;
  const ChainModel* model = nullptr;         // its strata are listed
  std::vector<std::uint64_t> simulated;      // per stratum, per replicate
  double simulate_seconds = 0.0, total_seconds = 0.0;
  std::uint64_t transitions = 0;
  std::string extra;                         // further members, each "  \"key\": value,\n"
  std::string interval;                      // the interval's sentence; empty: from parameter_uncertainty
};
// The manifest of a folder holding `files` (names only; the manifest itself is not listed).
std::string manifest_json(const ManifestInfo& info, const std::vector<system::FolderFile>& files);

// Replaces the result folder `dir` by `files` as a whole. Entries of an earlier result there (its
// manifest and the files it lists) are dropped; anything else in the folder is kept.
void write_result_folder(const std::string& dir, const std::vector<system::FolderFile>& files);

}  // namespace doorstroom::models
