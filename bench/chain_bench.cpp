// Hot-path benchmarks (issue 7). What each one answers:
//   BM_FullChain        students/s and events/s on one thread for the whole chain (po to the last
//                       census) with census aggregation; ns per event.
//   BM_EngineOnly       the same students with an observer that only counts its calls: the
//                       engine's driver loop and draws; BM_FullChain minus this is the tally's cost.
//   BM_RngOnly          the practical limit: the same Philox words per student as BM_FullChain
//                       draws, as exponentials, and nothing else.
//   BM_ChainOverRng     both loops timed side by side on the same thread, and their ratio (the
//                       target is at most 3), so load on a shared machine hits both alike.
//   BM_RunReplicates/N  run_replicates on N threads in real time: students/s for 1 vs 2 threads.
// An event is a census observation or a transition (a move, or a stay restarted).
#include <benchmark/benchmark.h>

#include <cmath>
#include <ctime>
#include <numeric>

#include "engine/rng.h"
#include "engine/runner.h"
#include "bench/baseline_model.h"
#include "engine/simulate.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

namespace {

using namespace doorstroom;

using bench::baseline;

std::uint64_t censuses_observed(const models::CensusTally& tally) {
  std::uint64_t n = 0;
  for (int g = 0; g < tally.groups(); ++g)
    for (int k = 0; k < tally.censuses(); ++k)
      for (int s = 0; s < models::kStates; ++s) n += tally.occupancy(g, k, s);
  return n;
}

// Student i of a run that cycles over the strata, as `run` spreads them.
struct Student {
  int group;
  std::uint64_t index;
};
Student student(std::uint64_t i, int groups) {
  return {static_cast<int>(i % static_cast<std::uint64_t>(groups)), i / static_cast<std::uint64_t>(groups)};
}

void simulate_student(const models::ChainModel& model, std::uint64_t i, models::CensusTally& tally,
                      std::uint64_t& words) {
  const Student s = student(i, model.process.groups());
  engine::CaseStream rng(1, 0, engine::case_id(s.group, s.index));
  engine::simulate_case(model.process, s.group, s.index, rng, tally);
  words += rng.words_drawn();
}

// The mean Philox words one student of the baseline draws, rounded to whole words.
std::uint64_t words_per_student() {
  static const std::uint64_t words = [] {
    const auto& model = baseline();
    auto tally = models::empty_tally(model);
    constexpr std::uint64_t kStudents = 20000;
    std::uint64_t total = 0;
    for (std::uint64_t i = 0; i < kStudents; ++i) simulate_student(model, i, tally, total);
    return static_cast<std::uint64_t>(std::llround(static_cast<double>(total) / kStudents));
  }();
  return words;
}

// Draws `words` Philox words as exponentials (two words each), for one student's stream.
double rng_only_student(std::uint64_t i, std::uint64_t words) {
  engine::CaseStream rng(1, 0, i);
  double sink = 0.0;
  while (rng.words_drawn() < words) sink += rng.exponential();
  return sink;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

void BM_FullChain(benchmark::State& state) {
  const auto& model = baseline();
  auto tally = models::empty_tally(model);
  std::uint64_t i = 0, words = 0;
  for (auto _ : state) simulate_student(model, i++, tally, words);
  const auto students = static_cast<double>(i);
  const auto events = static_cast<double>(censuses_observed(tally) + tally.transitions());
  using benchmark::Counter;
  state.counters["students_per_s"] = Counter(students, Counter::kIsRate);
  state.counters["events_per_s"] = Counter(events, Counter::kIsRate);
  state.counters["s_per_event"] = Counter(events, Counter::kIsRate | Counter::kInvert);
  state.counters["events_per_student"] = events / students;
  state.counters["words_per_student"] = static_cast<double>(words) / students;
}
BENCHMARK(BM_FullChain);

// The engine alone: the same students with an observer that only counts its calls, so that
// BM_FullChain minus this is what the census tally costs.
struct CountingObserver {
  std::uint64_t calls = 0;
  void begin(int, std::uint64_t, int) { ++calls; }
  void census(int, int, engine::Years) { ++calls; }
  void transition(int, int, int, engine::Years) { ++calls; }
  void end(engine::Years) { ++calls; }
};
void BM_EngineOnly(benchmark::State& state) {
  const auto& model = baseline();
  CountingObserver observer;
  std::uint64_t i = 0;
  for (auto _ : state) {
    const Student s = student(i++, model.process.groups());
    engine::CaseStream rng(1, 0, engine::case_id(s.group, s.index));
    engine::simulate_case(model.process, s.group, s.index, rng, observer);
  }
  benchmark::DoNotOptimize(observer.calls);
  state.counters["students_per_s"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
  state.counters["calls_per_student"] = static_cast<double>(observer.calls) / static_cast<double>(i);
}
BENCHMARK(BM_EngineOnly);

void BM_RngOnly(benchmark::State& state) {
  const std::uint64_t words = words_per_student();
  std::uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(rng_only_student(i++, words));
  state.counters["students_per_s"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
  state.counters["words_per_student"] = static_cast<double>(words);
}
BENCHMARK(BM_RngOnly);

void BM_ChainOverRng(benchmark::State& state) {
  const auto& model = baseline();
  const std::uint64_t words = words_per_student();
  auto tally = models::empty_tally(model);
  constexpr std::uint64_t kBlock = 4096;
  std::uint64_t first = 0, chain_words = 0;
  double chain_s = 0.0, rng_s = 0.0;
  for (auto _ : state) {
    const double t0 = thread_cpu_seconds();
    for (std::uint64_t i = first; i < first + kBlock; ++i) simulate_student(model, i, tally, chain_words);
    const double t1 = thread_cpu_seconds();
    double sink = 0.0;
    for (std::uint64_t i = first; i < first + kBlock; ++i) sink += rng_only_student(i, words);
    benchmark::DoNotOptimize(sink);
    const double t2 = thread_cpu_seconds();
    chain_s += t1 - t0;
    rng_s += t2 - t1;
    first += kBlock;
  }
  const auto students = static_cast<double>(first);
  state.counters["chain_ns_per_student"] = 1e9 * chain_s / students;
  state.counters["rng_ns_per_student"] = 1e9 * rng_s / students;
  state.counters["chain_over_rng"] = chain_s / rng_s;
}
BENCHMARK(BM_ChainOverRng)->Unit(benchmark::kMillisecond);

// A whole replicate of 200,000 students through run_replicates, as `doorstroom run` does it.
void BM_RunReplicates(benchmark::State& state) {
  const auto& model = baseline();
  engine::RunPlan plan;
  plan.seed = 1;
  plan.replications = 1;
  plan.cases_per_group = models::allocate_students(200000, model.process.groups());
  plan.threads = static_cast<int>(state.range(0));
  const auto per_run = std::accumulate(plan.cases_per_group.begin(), plan.cases_per_group.end(), std::uint64_t{0});
  std::uint64_t students = 0;
  for (auto _ : state) {
    auto tallies = engine::run_replicates(model.process, plan, models::empty_tally(model));
    benchmark::DoNotOptimize(tallies.front().transitions());
    students += per_run;
  }
  const auto n = static_cast<double>(students);
  state.counters["students_per_s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  state.counters["students_per_s_per_thread"] = benchmark::Counter(n / static_cast<double>(state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RunReplicates)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
