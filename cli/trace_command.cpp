// `doorstroom trace`: biographies of simulated students, replayed from a run's seed and replicate.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "system/atomic_file.h"
#include "models/chain/chain_model.h"
#include "models/studies/run.h"
#include "models/measure/trace.h"

namespace doorstroom::cli {
namespace {

struct TraceSettings {
  std::string scenario, csv;
  models::TraceSelection selection;
  int start_year = 2012;
};

int trace(const TraceSettings& settings, const Context&) {
  const auto model = models::compile(models::load(settings.scenario, "").parameters);
  const auto biographies = models::trace_students(model, settings.selection);
  for (const auto& biography : biographies) std::fputs(models::describe(biography, settings.start_year).c_str(), stdout);
  if (!settings.csv.empty())
    system::write_file_atomically(settings.csv, models::biographies_csv(biographies, settings.start_year));
  return 0;
}

}  // namespace

Command add_trace_command(CLI::App& app, bool&) {
  auto settings = std::make_shared<TraceSettings>();
  models::TraceSelection& selection = settings->selection;
  CLI::App* cmd = app.add_subcommand("trace", "Biographies of simulated students, as readable lines and CSV (any student can be replayed)");
  cmd->add_option("scenario", settings->scenario, "Scenario file (default: the built-in baseline)");
  // Not the common --students: this one counts students printed per stratum.
  cmd->add_option("--students", selection.students, "How many students, from index 0 (per stratum)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--student", selection.student, "One student's index (replays exactly that student)");
  cmd->add_option("--stratum", selection.stratum, "Only this stratum (pro, vso, vmbo_b, isk, geen_diploma_vo, onbekend, vbo)");
  add_seed(*cmd, selection.seed, "Seed of the run to replay");
  cmd->add_option("--replicate", selection.replicate, "Replicate of the run to replay")->capture_default_str();
  cmd->add_option("--start-year", settings->start_year, "Calendar year of t = 0 (1 August), for the dates")->capture_default_str();
  cmd->add_option("--csv", settings->csv, "Also write the events as CSV to this file");
  return {cmd, false, [settings](const Context& context) { return trace(*settings, context); }};
}

}  // namespace doorstroom::cli
