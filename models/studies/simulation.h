#pragma once
// Runs the compiled chain: how many students of each stratum to simulate, the replicates over
// threads, and the tallies that come back. The facade `run` and `compare` commands use.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/runner.h"
#include "models/chain/chain_model.h"
#include "models/chain/parameters.h"
#include "models/measure/census.h"
#include "models/measure/flows.h"

namespace doorstroom::models {

struct SimulationOptions {
  std::uint64_t students = 100000;  // per replicate, over all strata
  int replications = 20;
  std::uint32_t seed = 1;
  int threads = 1;
  bool progress = false;            // progress line on stderr for runs longer than 2 s
  std::function<bool()> cancelled;  // polled between replicates (simulate_varying); true stops with Cancelled
  int rank = 0, ranks = 1;          // several processes (MPI): this one runs replicates r % ranks == rank;
                                    // the other replicates come back empty, to be summed at rank 0
  bool flows = false;               // simulate also tallies the flows of replicate 0, in the same pass
                                    // (one process only; SimulationResult::flows stays empty otherwise)
};

// A run stopped by SimulationOptions::cancelled (the workshop server's time limit).
class Cancelled : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SimulationResult {
  std::vector<CensusTally> replicates;
  std::vector<std::uint64_t> simulated;  // per stratum, per replicate
  std::vector<std::vector<double>> cohorts;  // per replicate and stratum, when replicates differ in parameters
  std::optional<FlowTally> flows;  // replicate 0's flows, when SimulationOptions::flows asked for them
  double seconds = 0.0;
};

// An equal share per stratum (the first strata take the remainder), so that small groups such as
// isk are as precise as large ones; national weights restore the mix when strata are combined.
std::vector<std::uint64_t> allocate_students(std::uint64_t students, int strata);

SimulationResult simulate(const ChainModel& model, const SimulationOptions& options);

// A tally with no students yet, sized for the model's strata, horizon and censuses.
CensusTally empty_tally(const ChainModel& model);

// Parameter uncertainty: replicate r runs with parameter draw r mod D (each draw a list of
// (parameter path, value)), so the spread over replicates holds parameter and Monte Carlo
// uncertainty together. Replicate r still uses RNG replicate r.
using ParameterDraw = std::vector<std::pair<std::string, double>>;
// The general case: replicate r runs with parameters_for(r) (all with the same strata).
// With `fixed`, every replicate runs that model and parameters_for is not called.
SimulationResult simulate_varying(const std::function<ParameterSet(int)>& parameters_for, const SimulationOptions& options,
                                  const ChainModel* fixed = nullptr);
SimulationResult simulate_with_draws(const ParameterSet& base, const std::vector<ParameterDraw>& draws,
                                     const SimulationOptions& options);

// A parameter draw placed under a scenario: it sets only the values the scenario left as they are
// in `base`, so a scenario's own change to a fitted parameter survives the draw.
ParameterSet apply_draw_under(const ParameterSet& scenario, const ParameterSet& base, const ParameterDraw& draw);

// The flows of replicate 0 of a run with these options (seed, students, threads; the number of
// replications does not matter), by simulating replicate 0 again. Runs the model as given: with
// --parameter-uncertainty the caller passes the scenario's own parameters, so the flows are those
// of the point estimate. A run of one model gets the same table for free with
// SimulationOptions::flows.
FlowTally tally_flows(const ChainModel& model, const SimulationOptions& options);

}  // namespace doorstroom::models
