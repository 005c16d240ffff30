// The first measurement of the lane engine that docs/performance.md plans for issue 14: the start
// of a stay (every risk's Exp(1) draw and due time, and the earliest of them), for eight students
// at once in AVX-512 lanes, against draw_hot one student at a time. What each one answers:
//   BM_StayStartScalar  ns per stay start with engine::draw_hot, as the driver loop does it now.
//   BM_StayStartLanes   the same stay starts, eight at a time: Philox for the eight lanes in two
//                       registers, the ziggurat's common case and the hazard's first piece as
//                       vector operations, the rest (a rejected ziggurat draw, a draw past the
//                       first piece) lane by lane with the scalar code. Same doubles: the setup
//                       checks every stay's earliest due time against the scalar path.
// The stays are the baseline's, recorded from simulated students (state, entry time, age). One
// simplification: each stay starts a fresh stream (block 0), where in the chain a stay starts
// wherever its student's words have got to; a lane engine must pick each lane's words from its
// own offset, which this benchmark does not pay for.
#include <benchmark/benchmark.h>

#include <boost/random/exponential_distribution.hpp>
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)  // GCC's target pragmas
#define DOORSTROOM_LANES 1
#include <immintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "bench/baseline_model.h"
#include "engine/rng.h"
#include "engine/simulate.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

namespace {

using namespace doorstroom;

struct StayStart {
  const engine::HotRules* hot;
  const engine::StateRules* rules;
  double entered;
  double age_at_entry;
};

// An observer that records every stay a student starts in a state with competing risks.
struct StayRecorder {
  const engine::Process* process;
  std::vector<StayStart>* out;
  int group = 0;
  void begin(int g, std::uint64_t, int state) {
    group = g;
    add(state, 0.0);
  }
  void census(int, int, engine::Years) {}
  void transition(int, int to, int, engine::Years t) { add(to, t); }
  void end(engine::Years) {}
  void add(int state, double t) {
    const int rg = process->rules_group(group, t);
    const engine::HotRules* hot = process->hot(rg, state);
    if (hot == nullptr || hot->n_risks == 0) return;
    out->push_back({hot, &process->rules(rg, state), t, process->group(group).age_at_start + t});
  }
};

const std::vector<StayStart>& recorded_stays() {
  static const std::vector<StayStart> recorded = [] {
    const models::ChainModel& model = bench::baseline();
    std::vector<StayStart> out;
    StayRecorder recorder{&model.process, &out};
    const int groups = model.process.groups();
    for (std::uint64_t i = 0; out.size() < (1u << 16); ++i) {
      const int g = static_cast<int>(i % static_cast<std::uint64_t>(groups));
      engine::CaseStream rng(1, 0, engine::case_id(g, i));
      engine::simulate_case(model.process, g, i, rng, recorder);
    }
    out.resize(1u << 16);
    return out;
  }();
  return recorded;
}

// The stays in the order the students made them, or sorted by state (so that the eight lanes of
// a batch mostly share a state and its number of risks, as a lane engine that groups its students
// by state would have them).
const std::vector<StayStart>& stays(bool by_state) {
  static const std::vector<StayStart> sorted = [] {
    std::vector<StayStart> out = recorded_stays();
    std::stable_sort(out.begin(), out.end(), [](const StayStart& a, const StayStart& b) { return a.hot < b.hot; });
    return out;
  }();
  return by_state ? sorted : recorded_stays();
}

// Every stay's stream has key {seed 1, replicate 0}, in the scalar path and in the lanes.
constexpr std::uint32_t kSeed = 1;

double scalar_stay(const StayStart& s, std::uint64_t stream) {
  engine::CaseStream rng(kSeed, 0, stream);
  std::array<double, engine::StateRules::kMaxRisks> due{};
  return engine::draw_hot(*s.hot, *s.rules, s.entered, s.age_at_entry, rng, due).t;
}

constexpr int kLanes = 8;

#if DOORSTROOM_LANES

// From here to the pragma that pops it, code is compiled for AVX-512 (F and DQ); the benchmark
// calls it only on a CPU that has them.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq")

// Eight Philox blocks, one per 128-bit lane, four to a register.
struct LaneBlocks {
  __m512i low;   // lanes 0-3
  __m512i high;  // lanes 4-7
};

// Philox4x32-10 for block `block` of the streams first .. first + 7 (key {kSeed, 0}).
void philox_lanes(std::uint64_t first, std::uint32_t block, LaneBlocks& out) {
  for (int half = 0; half < 2; ++half) {
    alignas(64) std::array<std::uint32_t, 16> ctr{};
    for (int b = 0; b < 4; ++b) {
      const std::uint64_t stream = first + static_cast<std::uint64_t>(half * 4 + b);
      ctr[static_cast<std::size_t>(4 * b)] = block;
      ctr[static_cast<std::size_t>(4 * b + 1)] = engine::stream::life_course;
      ctr[static_cast<std::size_t>(4 * b + 2)] = static_cast<std::uint32_t>(stream & 0xffffffffu);
      ctr[static_cast<std::size_t>(4 * b + 3)] = static_cast<std::uint32_t>(stream >> 32);
    }
    __m512i x[1] = {_mm512_load_si512(ctr.data())};
    engine::philox_blocks::rounds(x, {{kSeed, 0u}});  // key {kSeed, replicate 0}
    (half == 0 ? out.low : out.high) = x[0];
  }
}

// Word k of every lane's block, lanes 0-7, as 64-bit integers.
inline __m512i word(const LaneBlocks& block, int k) {
  const __m512i index = _mm512_setr_epi32(k, 4 + k, 8 + k, 12 + k, 16 + k, 20 + k, 24 + k, 28 + k,
                                          0, 0, 0, 0, 0, 0, 0, 0);
  return _mm512_cvtepu32_epi64(_mm512_castsi512_si256(_mm512_permutex2var_epi32(block.low, index, block.high)));
}

// Eight rows of four doubles (one per lane, at the given addresses) as four vectors of eight:
// loads and shuffles, which on this CPU cost less than four gathers.
struct Columns {
  __m512d c0, c1, c2, c3;
};
inline Columns transpose_rows(const std::array<const double*, kLanes>& row) {
  const auto pair = [](const double* a, const double* b) {
    return _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_loadu_pd(a)), _mm256_loadu_pd(b), 1);
  };
  const __m512d z0 = pair(row[0], row[4]);
  const __m512d z1 = pair(row[1], row[5]);
  const __m512d z2 = pair(row[2], row[6]);
  const __m512d z3 = pair(row[3], row[7]);
  const __m512d lo01 = _mm512_unpacklo_pd(z0, z1);  // a0 a1 c0 c1 a4 a5 c4 c5
  const __m512d hi01 = _mm512_unpackhi_pd(z0, z1);  // b0 b1 d0 d1 b4 b5 d4 d5
  const __m512d lo23 = _mm512_unpacklo_pd(z2, z3);
  const __m512d hi23 = _mm512_unpackhi_pd(z2, z3);
  const __m512i first = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
  const __m512i second = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
  return {_mm512_permutex2var_pd(lo01, first, lo23), _mm512_permutex2var_pd(hi01, first, hi23),
          _mm512_permutex2var_pd(lo01, second, lo23), _mm512_permutex2var_pd(hi01, second, hi23)};
}

// table[i] and table[i + 1] for each lane's i, as two vectors.
struct TablePair {
  __m512d at, next;
};
inline TablePair table_pairs(const double* table, __m512i i) {
  alignas(64) std::array<std::int64_t, kLanes> at{};
  _mm512_store_si512(at.data(), i);
  const auto four = [&](int l) {
    const auto p = [&](int k) { return _mm_loadu_pd(table + at[static_cast<std::size_t>(l + k)]); };
    const __m256d a = _mm256_insertf128_pd(_mm256_castpd128_pd256(p(0)), p(1), 1);
    const __m256d b = _mm256_insertf128_pd(_mm256_castpd128_pd256(p(2)), p(3), 1);
    return _mm512_insertf64x4(_mm512_castpd256_pd512(a), b, 1);  // x0 y0 x1 y1 x2 y2 x3 y3
  };
  const __m512d low = four(0);
  const __m512d high = four(4);
  return {_mm512_permutex2var_pd(low, _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), high),
          _mm512_permutex2var_pd(low, _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15), high)};
}

// The earliest due time of eight stays, streams first .. first + 7.
void lanes_stay(const StayStart* s, std::uint64_t first, double* earliest) {
  int max_risks = 0;
  for (int l = 0; l < kLanes; ++l) max_risks = std::max(max_risks, s[l].hot->n_risks);
  const double* table_x = boost::random::detail::exponential_table<double>::table_x;
  alignas(64) std::array<std::int64_t, kLanes> n_risks{};
  alignas(64) std::array<double, kLanes> entered{};
  alignas(64) std::array<double, kLanes> age{};
  for (int l = 0; l < kLanes; ++l) {
    const auto u = static_cast<std::size_t>(l);
    n_risks[u] = s[l].hot->n_risks;
    entered[u] = s[l].entered;
    age[u] = s[l].age_at_entry;
  }
  const __m512i n = _mm512_load_si512(n_risks.data());
  const __m512d start = _mm512_load_pd(entered.data());
  const __m512d age_at_entry = _mm512_load_pd(age.data());
  __m512d t = _mm512_set1_pd(engine::PiecewiseHazard::kNever);
  __mmask8 redo = 0;  // lanes whose draw left the common case: done again by the scalar path
  LaneBlocks block{};
  for (int r = 0; r < max_risks; ++r) {
    if (r % 4 == 0) philox_lanes(first, static_cast<std::uint32_t>(r / 4), block);
    const __mmask8 active = _mm512_cmpgt_epi64_mask(n, _mm512_set1_epi64(r));
    const __m512i w = word(block, r % 4);
    // CaseStream::exponential's common case: the layer from the word's low 8 bits, its 24-bit
    // fraction from the rest (the same doubles: both products are exact until the last one).
    const __m512i layer = _mm512_and_si512(w, _mm512_set1_epi64(0xff));
    const __m512d fraction = _mm512_mul_pd(_mm512_cvtepi64_pd(_mm512_srli_epi64(w, 8)), _mm512_set1_pd(0x1p-24));
    const auto [table_at, bound] = table_pairs(table_x, layer);
    const __m512d x = _mm512_mul_pd(fraction, table_at);
    redo |= static_cast<__mmask8>(active & ~_mm512_cmp_pd_mask(x, bound, _CMP_LT_OQ));
    // The hot risk of every lane (HotRisk: rate0, end0, age, factor). A lane without this risk
    // reads its first risk, and its result is masked off.
    std::array<const double*, kLanes> row{};
    for (int l = 0; l < kLanes; ++l)
      row[static_cast<std::size_t>(l)] =
          &s[l].hot->risks[static_cast<std::size_t>(r < s[l].hot->n_risks ? r : 0)].rate0;
    static_assert(offsetof(engine::HotRisk, end0) == 8 && offsetof(engine::HotRisk, age) == 16 &&
                  offsetof(engine::HotRisk, factor) == 24);
    const Columns c = transpose_rows(row);
    const __m512d rate0 = c.c0;
    const __m512d end0 = c.c1;
    const __m512d risk_age = c.c2;
    const __m512d factor = c.c3;
    const __m512d from = _mm512_max_pd(_mm512_sub_pd(risk_age, age_at_entry), _mm512_setzero_pd());
    const __mmask8 unscaled = _mm512_cmp_pd_mask(factor, _mm512_set1_pd(1.0), _CMP_EQ_OQ) |
                              _mm512_cmp_pd_mask(end0, from, _CMP_LE_OQ);
    const __mmask8 first_piece = _mm512_cmp_pd_mask(rate0, _mm512_setzero_pd(), _CMP_GT_OQ) &
                                 _mm512_cmp_pd_mask(x, _mm512_mul_pd(rate0, end0), _CMP_LE_OQ) & unscaled & active;
    __m512d due = _mm512_mask_add_pd(_mm512_set1_pd(engine::PiecewiseHazard::kNever), first_piece, start,
                                     _mm512_div_pd(x, rate0));
    // A draw past the first piece: the full walk, lane by lane.
    const __mmask8 walk = static_cast<__mmask8>(active & ~first_piece & ~redo);
    if (walk != 0) {
      alignas(64) std::array<double, kLanes> d{};
      alignas(64) std::array<double, kLanes> e{};
      _mm512_store_pd(d.data(), due);
      _mm512_store_pd(e.data(), x);
      for (int l = 0; l < kLanes; ++l) {
        if (((walk >> l) & 1) == 0) continue;
        const auto u = static_cast<std::size_t>(l);
        const engine::HotRisk& h = s[l].hot->risks[static_cast<std::size_t>(r)];
        d[u] = entered[u] + s[l].rules->risks[static_cast<std::size_t>(r)].hazard.invert_scaled_from(
                                h.age - age[u], h.factor, e[u]);
      }
      due = _mm512_load_pd(d.data());
    }
    // The earliest, in risk order with a strict <, as engine::Earliest finds it.
    t = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(due, t, _CMP_LT_OQ) & active, t, due);
  }
  _mm512_storeu_pd(earliest, t);
  for (int l = 0; l < kLanes; ++l)
    if ((redo >> l) & 1) earliest[l] = scalar_stay(s[l], first + static_cast<std::uint64_t>(l));
}

#pragma GCC pop_options

bool has_avx512() { return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq"); }
#else
bool has_avx512() { return false; }
void lanes_stay(const StayStart*, std::uint64_t, double*) {}
#endif

void BM_StayStartScalar(benchmark::State& state) {
  const auto& all = stays(state.range(0) == 1);
  std::size_t i = 0;
  for (auto _ : state) {
    double sink = 0.0;
    for (std::size_t j = 0; j < kLanes; ++j, ++i) sink += scalar_stay(all[i % all.size()], i % all.size());
    benchmark::DoNotOptimize(sink);
  }
  state.counters["ns_per_stay"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_StayStartScalar)->ArgName("by_state")->Arg(0)->Arg(1);

void BM_StayStartLanes(benchmark::State& state) {
  if (!has_avx512()) {
    state.SkipWithError("this CPU (or compiler) has no AVX-512: nothing to compare");
    return;
  }
  const auto& all = stays(state.range(0) == 1);
  // The lanes must give the scalar path's doubles for every recorded stay, or the timing is of
  // something else.
  std::size_t differ = 0;
  for (std::size_t i = 0; i < all.size(); i += kLanes) {
    std::array<double, kLanes> t{};
    lanes_stay(&all[i], i, t.data());
    for (std::size_t l = 0; l < kLanes; ++l)
      if (t[l] != scalar_stay(all[i + l], i + l)) ++differ;
  }
  if (differ != 0) {
    state.SkipWithError("the lanes differ from the scalar path");
    return;
  }
  std::size_t i = 0;
  for (auto _ : state) {
    std::array<double, kLanes> t{};
    lanes_stay(&all[i % all.size()], i % all.size(), t.data());
    benchmark::DoNotOptimize(t);
    i += kLanes;
  }
  state.counters["ns_per_stay"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_StayStartLanes)->ArgName("by_state")->Arg(0)->Arg(1);

}  // namespace
