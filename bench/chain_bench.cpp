// Hot-path benchmarks: the full chain (po to the last census, with census aggregation) per
// student on one thread, and the RNG-only loop that draws as many variates: the practical limit.
#include <benchmark/benchmark.h>

#include "engine/rng.h"
#include "engine/simulate.h"
#include "models/run.h"
#include "models/simulation.h"

namespace {

using namespace doorstroom;

const models::ChainModel& baseline() {
  static const models::ChainModel model = models::compile(models::load("", "").parameters);
  return model;
}

// One student per iteration, cycling over the strata as `run` does.
void BM_FullChainStudent(benchmark::State& state) {
  const auto& model = baseline();
  auto tally = models::empty_tally(model);
  const int groups = model.process.groups();
  std::uint64_t i = 0, words = 0;
  for (auto _ : state) {
    const int g = static_cast<int>(i % static_cast<std::uint64_t>(groups));
    engine::CaseStream rng(1, 0, engine::case_id(g, i));
    engine::simulate_case(model.process, g, i, rng, tally);
    words += rng.words_drawn();
    ++i;
  }
  state.counters["students_per_s"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
  state.counters["transitions_per_student"] = static_cast<double>(tally.transitions()) / static_cast<double>(i);
  state.counters["rng_words_per_student"] = static_cast<double>(words) / static_cast<double>(i);
}
BENCHMARK(BM_FullChainStudent);

// The limit: only the random numbers one student needs (about 40 words), as exponentials.
void BM_RngOnly40Words(benchmark::State& state) {
  std::uint64_t i = 0;
  double sink = 0.0;
  for (auto _ : state) {
    engine::CaseStream rng(1, 0, i++);
    for (int k = 0; k < 20; ++k) sink += rng.exponential();
    benchmark::DoNotOptimize(sink);
  }
  state.counters["students_per_s"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RngOnly40Words);

}  // namespace

BENCHMARK_MAIN();
