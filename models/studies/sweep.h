#pragma once
// Parameter sweeps: many runs of one scenario, each with some parameters set to other values (a
// design point). The design is an explicit CSV, a full grid, or a Latin hypercube over the ranges
// the parameter and scenario files give. Every point is a pure function of (point values, seed),
// so points can run in any order, on any number of threads or MPI ranks, and a killed sweep
// resumes where it stopped: each finished point is its own file under DIR/points/, written
// atomically, and the combined DIR/sweep.csv is written when all points are there.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/chain/parameters.h"
#include "models/studies/morris.h"
#include "models/studies/simulation.h"
#include "models/studies/sobol.h"

namespace doorstroom::models {

struct Design {
  std::vector<std::string> parameters;       // paths
  std::vector<std::vector<double>> points;   // [point][parameter]
  // How to rebuild the design on the unit cube for its analysis, e.g. "morris 20 levels 4 seed 1"
  // or "sobol 64 sequence kronecker seed 1"; empty for given points, a grid or a Latin hypercube
  // (analysed by regression on the values themselves).
  std::string sampling;
};

// One output cell to record per point.
struct SweepMeasure {
  std::string population, origin, measure;
  int horizon_years = 0;
  [[nodiscard]] std::string label() const;
};
// The default measures: startkwalificatie, entree diploma, uitval, work and thuis for chain
// leavers and entree entrants.
std::vector<SweepMeasure> default_sweep_measures();
// "population/origin/measure/h", e.g. chain_leavers/pro/mbo2_diploma/5.
SweepMeasure parse_sweep_measure(const std::string& text);
// Refuses a measure the model cannot produce, before any point runs (InputError with the nearest
// valid name).
void check_sweep_measure(const SweepMeasure& m, const ParameterSet& p);

// Parameters with a range in the parameter set: the labelled assumptions first, then the rest.
std::vector<std::string> ranged_parameters(const ParameterSet& p);

Design read_design(std::string_view text, const std::string& file, const ParameterSet& p);
// grid: one "path=v1,v2,..." per parameter; the full product.
Design grid_design(const std::vector<std::string>& specs, const ParameterSet& p);
// Latin hypercube: n points over [low, high] x value of each parameter's range (shares kept in [0, 1]).
Design lhs_design(const std::vector<std::string>& parameters, int n, std::uint32_t seed, const ParameterSet& p);

std::string design_csv(const Design& d);

// Morris trajectories (morris.h) over [low, high] x value of each parameter's range.
Design morris_design(const std::vector<std::string>& parameters, const MorrisDesign& morris, std::uint32_t seed,
                     const ParameterSet& p);
// Saltelli's design for Sobol indices (sobol.h) over the same ranges.
Design sobol_design(const std::vector<std::string>& parameters, const SobolDesign& sobol, std::uint32_t seed,
                    const ParameterSet& p);
// The unit-cube points a sampling note (Design::sampling) stands for, over k parameters.
std::vector<std::vector<double>> unit_points_of(const std::string& sampling, std::size_t k);

// A sampled design as `doorstroom sweep` asks for one (--lhs, --morris, --sobol, --design-seed,
// --parameters).
struct SampledDesign {
  int lhs_points = 0;                   // 0: none asked for
  MorrisDesign morris;                  // trajectories 0: none asked for
  SobolDesign sobol;                    // base_points 0: none asked for
  std::uint32_t seed = 1;
  std::vector<std::string> parameters;  // paths or globs (sweep_selection.h); empty: ranged_parameters()
};

// The design of a sweep from exactly one of: a design CSV file, grid specs, a Latin hypercube,
// Morris trajectories or a Sobol design (empty, empty, nothing sampled: not given). None or more
// than one is an InputError: which one was meant cannot be guessed.
Design sweep_design(const std::string& design_file, const std::vector<std::string>& grid, const SampledDesign& sampled,
                    const ParameterSet& p);

// The measures to record, from "population/origin/measure/h" texts; none: default_sweep_measures().
std::vector<SweepMeasure> sweep_measures(const std::vector<std::string>& texts);

struct SweepRequest {
  std::string scenario_file;  // empty: the built-in baseline
  Design design;
  std::vector<SweepMeasure> measures;
  SimulationOptions options;
  std::string out_dir;
  int rank = 0, ranks = 1;    // MPI: this process runs the points with index % ranks == rank
  bool progress = true;
};

struct SweepSummary {
  int points = 0, computed = 0, resumed = 0;
  double seconds = 0.0;
  bool complete = false;      // set by the caller when combine_sweep wrote sweep.csv
};

// Runs this rank's missing points; writes DIR/sweep_spec.txt (the sweep's identity: scenario,
// parameter and calibration hashes, options, measures, design) and DIR/points/pNNNNNN.csv. The
// caller then combines them with combine_sweep (under MPI, rank 0 after a barrier). A DIR holding another sweep is refused. sweep.csv records the values each point ran
// with, which differ from the design where several shares of one distribution are set.
SweepSummary run_sweep(const SweepRequest& request);
// Combines the point files into DIR/sweep.csv if all are present; true when written.
bool combine_sweep(const std::string& out_dir, int points);

}  // namespace doorstroom::models
