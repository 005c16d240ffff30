#include "models/studies/run.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "system/atomic_file.h"
#include "git_commit.h"
#include "models/io/input_error.h"
#include "models/io/json.h"
#include "models/measure/flows.h"
#include "models/measure/outcomes.h"
#include "models/studies/calibration.h"

namespace doorstroom::models {
namespace {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// The names a previous result in `dir` wrote: its manifest and the files the manifest lists
// (also those a newer or older version wrote and this one does not).
std::vector<std::string> previous_result_files(const std::filesystem::path& dir) {
  std::vector<std::string> names = {"manifest.json"};
  std::ifstream in(dir / "manifest.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string manifest = text.str();
  const auto key = manifest.find("\"files\": [");
  if (key == std::string::npos) return names;
  const auto end = manifest.find(']', key);
  for (auto open = manifest.find('"', key + 9); open < end; open = manifest.find('"', open + 1)) {
    const auto close = manifest.find('"', open + 1);
    if (close == std::string::npos || close > end) break;
    names.push_back(manifest.substr(open + 1, close - open - 1));
    open = close;
  }
  return names;
}

}  // namespace

void write_result_folder(const std::string& dir, const std::vector<system::FolderFile>& files) {
  const auto previous = previous_result_files(dir);
  // Entries the previous result did not write (a report's figures/, a user's notes) stay; its
  // own files, and per-file temporary names from versions that wrote file by file, go.
  system::write_folder_atomically(dir, files, [&](const std::string& name) {
    return std::find(previous.begin(), previous.end(), name) == previous.end() && name.find(".tmp-") == std::string::npos;
  });
}

Scenario load(const std::string& scenario_file, const std::string& parameters_file) {
  // The embedded calibration belongs to the embedded parameter file; a parameter file given on the
  // command line is taken as it is.
  if (parameters_file.empty()) return load_calibrated(scenario_file, embedded_calibrated(), "embedded:models/data/calibrated.toml", "");
  return load_calibrated(scenario_file, {}, "", parameters_file);
}

Scenario load_calibrated(const std::string& scenario_file, std::string_view calibrated_text, const std::string& calibrated_name,
                         const std::string& parameters_file) {
  const std::string parameters_text =
      parameters_file.empty() ? std::string(embedded_parameters()) : read_text_file(parameters_file, "parameter file");
  const std::string parameters_name = parameters_file.empty() ? "embedded:models/data/parameters.toml" : parameters_file;
  // One file, or the parts of a stack "a.toml+b.toml" (models/chain/scenario.h).
  const std::vector<std::string> files =
      scenario_file.empty() ? std::vector<std::string>{"embedded:scenarios/baseline.toml"} : stack_parts(scenario_file);
  std::vector<std::string> texts;
  for (const auto& file : files)
    texts.push_back(scenario_file.empty() ? std::string(embedded_baseline()) : read_text_file(file, "scenario file"));
  std::vector<ScenarioText> parts;
  for (std::size_t i = 0; i < files.size(); ++i) parts.push_back({texts[i], files[i]});
  Scenario s = load_stack(parts, parameters_text, parameters_name, calibrated_text, calibrated_name);
  s.parameters.file = parameters_name;
  return s;
}

std::string manifest_json(const ManifestInfo& info, const std::vector<system::FolderFile>& files) {
  std::ostringstream m;
  const std::string parameters_text =
      info.parameters_file.empty() ? std::string(embedded_parameters()) : read_text_file(info.parameters_file, "parameter file");
  m << "{\n"
    << "  \"tool\": \"doorstroom\",\n"
    << "  \"version\": " << json_string(DOORSTROOM_VERSION) << ",\n"
    << "  \"git_commit\": " << json_string(DOORSTROOM_GIT) << ",\n"
    << "  \"command_line\": " << json_string(info.command_line) << ",\n"
    << "  \"created_utc\": " << json_string(utc_now()) << ",\n"
    << "  \"seed\": " << info.options.seed << ",\n"
    << "  \"students_per_replicate\": " << info.students_per_replicate << ",\n"
    << "  \"replications\": " << info.options.replications << ",\n"
    << "  \"threads\": " << info.options.threads << ",\n"
    << "  \"interval\": "
    << json_string(!info.interval.empty()        ? info.interval
                   : info.parameter_uncertainty ? "2.5th to 97.5th percentile of the replicates, each with its own calibrated parameter "
                                "draw: the spread from parameter uncertainty (with Monte Carlo noise)"
                              : "95% Student-t interval over replicates; Monte Carlo uncertainty only (parameters fixed)")
    << ",\n"
    << "  \"calibrated\": "
    << (!info.calibrated_file.empty() || (info.parameters_file.empty() && !embedded_calibrated().empty()) ? "true" : "false")
    << ",\n"
    << "  \"scenario\": {\"name\": " << json_string(info.scenario->name) << ", \"title\": " << json_string(info.scenario->title)
    << ", \"beschrijving\": " << json_string(info.scenario->beschrijving) << ", \"file\": " << json_string(info.scenario->file)
    << ", \"fnv1a64\": " << json_string(info.scenario->content_hash) << "},\n"
    << "  \"parameters\": {\"file\": " << json_string(info.scenario->parameters.file)
    << ", \"fnv1a64\": " << json_string(fnv1a64(parameters_text))
    << ", \"calibrated_fnv1a64\": "
    << json_string(!info.calibrated_file.empty()    ? fnv1a64(info.calibrated_text)
                   : info.parameters_file.empty() ? fnv1a64(embedded_calibrated())
                                                  : "")
    << (info.calibrated_file.empty() ? "" : ", \"calibrated_file\": " + json_string(info.calibrated_file))
    << ", \"draws_fnv1a64\": " << json_string(info.parameter_uncertainty ? fnv1a64(embedded_draws()) : "") << "},\n"
    << "  \"strata\": [";
  for (std::size_t g = 0; g < info.model->strata.size(); ++g)
    m << (g ? ", " : "") << "{\"name\": " << json_string(info.model->strata[g].name) << ", \"simulated\": " << info.simulated[g]
      << ", \"national_cohort\": " << info.model->strata[g].cohort
      << (info.model->strata[g].cohort_year ? ", \"cohort_year\": " + std::to_string(info.model->strata[g].cohort_year) : "")
      << "}";
  m << "],\n"
    << "  \"timings\": {\"simulate_seconds\": " << info.simulate_seconds << ", \"total_seconds\": " << info.total_seconds << "},\n"
    << "  \"transitions\": " << info.transitions << ",\n"
    << info.extra
    << "  \"files\": [";
  for (std::size_t i = 0; i < files.size(); ++i) m << (i ? ", " : "") << json_string(files[i].name);
  m << "]\n"
    << "}\n";
  return m.str();
}

RunSummary run_to_folder(const RunRequest& request) {
  const auto t0 = std::chrono::steady_clock::now();
  const Scenario scenario = load(request.scenario_file, request.parameters_file);
  const ChainModel model = compile(scenario.parameters);
  const bool with_draws = request.parameter_uncertainty;
  SimulationResult result;
  if (with_draws) {
    if (!request.parameters_file.empty())
      throw InputError("--parameter-uncertainty uses the calibrated draws of the built-in parameters; it cannot be "
                       "combined with --parameters");
    const auto draws = read_draws(embedded_draws(), "embedded:models/data/parameter_draws.csv");
    if (draws.empty()) throw InputError("parameter uncertainty: there are no parameter draws (run `doorstroom calibrate`)");
    const ParameterSet base = load("", "").parameters;
    result = simulate_varying(
        [&](int r) { return apply_draw_under(scenario.parameters, base, draws[static_cast<std::size_t>(r) % draws.size()]); },
        request.options);
  } else {
    SimulationOptions options = request.options;
    options.flows = request.flows;  // replicate 0's flows in the same pass (one process; else replayed below)
    result = simulate(model, options);
  }
  if (request.sum_to_root) {
    // Every replicate ran on one process; the sum puts each at rank 0, unchanged.
    for (auto& tally : result.replicates) {
      auto words = tally.words();
      request.sum_to_root(words);
      if (request.options.rank == 0) tally.set_words(words);
    }
    if (request.options.rank != 0) return {request.out_dir, scenario.name, 0, 0, result.seconds};
  }

  const auto kind = with_draws ? engine::IntervalKind::spread : engine::IntervalKind::mean;
  const auto outcomes = tabulate_outcomes(model, result.replicates, result.simulated, kind, result.cohorts);
  const auto census = tabulate_census(model, result.replicates, result.simulated, kind);

  std::uint64_t per_replicate = 0;
  for (auto n : result.simulated) per_replicate += n;
  std::uint64_t transitions = 0;
  for (const auto& t : result.replicates) transitions += t.transitions();
  const double total_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // The folder is replaced as a whole (system/atomic_file.h): add a file here and it is written,
  // listed in the manifest and swapped in with the others.
  // Moved in, not listed in braces: an initializer list's elements are copied (outcomes.csv is
  // 1.6 MB, a few hundred fresh pages).
  std::vector<system::FolderFile> files;
  files.push_back({"outcomes.csv", outcomes_csv(scenario.name, outcomes)});
  files.push_back({"census.csv", census_csv(scenario.name, census)});
  if (request.flows)
    files.push_back({"flows.csv", flows_csv(scenario.name, model, result.flows ? *result.flows : tally_flows(model, request.options))});

  ManifestInfo info;
  info.command_line = request.command_line;
  info.options = request.options;
  info.students_per_replicate = per_replicate;
  info.parameter_uncertainty = with_draws;
  info.parameters_file = request.parameters_file;
  info.scenario = &scenario;
  info.model = &model;
  info.simulated = result.simulated;
  info.simulate_seconds = result.seconds;
  info.total_seconds = total_seconds;
  info.transitions = transitions;
  files.push_back({"manifest.json", manifest_json(info, files)});
  write_result_folder(request.out_dir, files);

  return {request.out_dir, scenario.name, per_replicate * static_cast<std::uint64_t>(request.options.replications),
          transitions, result.seconds};
}

}  // namespace doorstroom::models
