#pragma once
// The census (teldatum, 1 October) as the reports define it, applied to simulated students.
//
// Populations and their reference census T (seed 003 Bijlage I and III):
//   entree_entrants  the first census at which the student is in an entreeopleiding ("cohort =
//                    first entree inflow on 1 October of year T"); variant = that enrolment's
//   chain_leavers    the first census after the student leaves pro, vso, vmbo-b or isk
//   mbo_entrants     the first census at which the student is in any mbo programme
//   entree_leavers   school-leavers as CBS counts them (seed 003 B18-B20, definition lines
//                    5535-5541): in an entreeopleiding on 1 October T and not in mbo on 1 October
//                    T + 1, with T + 1 the reference census; variant = the one of census T, and
//   entree_leavers_met_diploma / _zonder_diploma split by the mbo diploma held at T + 1. A student
//                    who leaves and is back in mbo by the next census is no leaver, as in CBS's count
// At census T + h (h = 0 .. horizon) every member adds one to each measure that holds for them.
// Counts are integers, so tallies from any split of the work add up to the same totals.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "engine/time.h"
#include "models/chain/states.h"

namespace doorstroom::models {

enum class Population {
  chain_leavers,
  entree_entrants,
  mbo_entrants,
  entree_leavers,
  entree_leavers_met_diploma,
  entree_leavers_zonder_diploma,
};
inline constexpr int kPopulations = 6;
inline constexpr std::array<std::string_view, kPopulations> kPopulationNames{
    "chain_leavers",  "entree_entrants",          "mbo_entrants",
    "entree_leavers", "entree_leavers_met_diploma", "entree_leavers_zonder_diploma"};
// Populations whose members are also counted by entree variant.
constexpr bool by_variant(Population p) { return p != Population::chain_leavers && p != Population::mbo_entrants; }

enum class Measure {
  position_not_in_mbo_no_diploma,
  position_not_in_mbo_with_diploma,
  position_entree,
  position_niveau2plus,
  entree_diploma,
  mbo2_diploma,
  any_mbo_diploma,
  highest_diploma_level1,
  highest_diploma_level2plus,
  work,
  uitkering,
  no_school_no_work,
  in_education,
  beschut_werk_dagbesteding,
  not_in_brp,
  in_mbo,
};
inline constexpr int kMeasures = 16;
inline constexpr std::array<std::string_view, kMeasures> kMeasureNames{
    "position_not_in_mbo_no_diploma", "position_not_in_mbo_with_diploma", "position_entree",
    "position_niveau2plus", "entree_diploma", "mbo2_diploma", "any_mbo_diploma", "highest_diploma_level1",
    "highest_diploma_level2plus", "work", "uitkering", "no_school_no_work", "in_education",
    "beschut_werk_dagbesteding", "not_in_brp", "in_mbo"};

// Funded time, for costs (seed 003 chapter 6): entree years split into the first year and later
// years (funded at different factors), examendeelnemers (taught and funded in vo), niveau 2, mbo 3+.
enum class FundedTime { entree_first_year, entree_later_years, examendeelnemer, niveau2, mbo3plus };
inline constexpr int kFundedTimes = 5;
inline constexpr std::array<std::string_view, kFundedTimes> kFundedTimeNames{
    "entree_first_year", "entree_later_years", "examendeelnemer", "niveau2", "mbo3plus"};

// The rule of funded time (seed 003 chapter 6), shared by every tally that counts it: a stay of
// `years` in `state` adds add(FundedTime, years) for the funded time it is. Entree time is split
// into the student's first funded year and later years over all entree stays (a switch or a
// return does not buy another first year, seed 003 lines 4761-4771): `entree_years` holds the
// student's funded entree time so far and grows with every entree stay.
template <class Add>
void add_funded_stay(int state, double years, double& entree_years, Add add) {
  const StateInfo& i = info(state);
  if (i.place == Place::entree && i.variant == Variant::examendeelnemer) {
    add(FundedTime::examendeelnemer, years);
  } else if (i.place == Place::entree) {
    const double first = std::clamp(1.0 - entree_years, 0.0, years);
    add(FundedTime::entree_first_year, first);
    add(FundedTime::entree_later_years, years - first);
    entree_years += years;
  } else if (i.state == State::mbo3plus) {
    add(FundedTime::mbo3plus, years);
  } else if (i.place == Place::niveau2plus) {
    add(FundedTime::niveau2, years);
  }
}

// The tally's variant slots: the three entree leerwegen, and one for the populations that are not
// split by leerweg (chain_leavers, mbo_entrants).
inline constexpr int kVariants = 4;
inline constexpr int kNoVariant = static_cast<int>(Variant::none);
inline constexpr std::array<std::string_view, kNoVariant> kVariantNames{"bol", "bbl", "examendeelnemer"};
static_assert(kNoVariant == kVariants - 1, "the slot of populations without a leerweg is the last one");

// Every name list below has one non-empty name per enum value, checked here, so that adding a
// population, measure or funded time without its name does not compile.
template <std::size_t N>
constexpr bool all_named(const std::array<std::string_view, N>& names) {
  for (const auto& n : names)
    if (n.empty()) return false;
  return true;
}
static_assert(static_cast<int>(Population::entree_leavers_zonder_diploma) + 1 == kPopulations && all_named(kPopulationNames));
static_assert(static_cast<int>(Measure::in_mbo) + 1 == kMeasures && all_named(kMeasureNames));
static_assert(static_cast<int>(FundedTime::mbo3plus) + 1 == kFundedTimes && all_named(kFundedTimeNames));
static_assert(all_named(kVariantNames));

// Which measures hold for a student in `state` who has (ever) held these diplomas.
constexpr std::array<bool, kMeasures> measures_for(int state, bool entree_diploma, bool startkwalificatie) {
  const StateInfo& i = info(state);
  const bool mbo = in_mbo(i);
  const bool any_diploma = entree_diploma || startkwalificatie;
  std::array<bool, kMeasures> m{};
  auto set = [&](Measure x, bool v) { m[static_cast<std::size_t>(x)] = v; };
  set(Measure::position_not_in_mbo_no_diploma, !mbo && !any_diploma);
  set(Measure::position_not_in_mbo_with_diploma, !mbo && any_diploma);
  set(Measure::position_entree, i.place == Place::entree);
  set(Measure::position_niveau2plus, i.place == Place::niveau2plus);
  set(Measure::entree_diploma, entree_diploma);
  set(Measure::mbo2_diploma, startkwalificatie);
  set(Measure::any_mbo_diploma, any_diploma);
  set(Measure::highest_diploma_level1, entree_diploma && !startkwalificatie);
  set(Measure::highest_diploma_level2plus, startkwalificatie);
  set(Measure::work, i.activity == Activity::work);
  set(Measure::uitkering, i.activity == Activity::uitkering);
  set(Measure::no_school_no_work, i.activity == Activity::no_school_no_work);
  set(Measure::in_education, i.activity == Activity::in_education);
  set(Measure::beschut_werk_dagbesteding, i.activity == Activity::beschut);
  set(Measure::not_in_brp, i.activity == Activity::not_in_brp);
  set(Measure::in_mbo, mbo);
  return m;
}

// A census counts a member once, under the class of (state, diplomas held), not once per measure:
// the 88 combinations hold only a few dozen distinct sets of measures, and a measure's count is the
// sum over the classes that hold it. This keeps the census, the hot part of a run, at one
// increment per population.
struct MeasureClasses {
  static constexpr int kCombinations = kStates * 4;
  static constexpr int combination(int state, bool entree_diploma, bool startkwalificatie) {
    return state * 4 + (entree_diploma ? 2 : 0) + (startkwalificatie ? 1 : 0);
  }
  std::array<std::uint8_t, kCombinations> of{};      // combination -> class
  std::array<std::uint16_t, kCombinations> holds{};  // class -> one bit per measure
  int size = 0;
};
static_assert(kMeasures <= 16, "MeasureClasses keeps the measures of a class in 16 bits");

constexpr MeasureClasses make_measure_classes() {
  MeasureClasses c;
  for (int s = 0; s < kStates; ++s)
    for (const bool entree : {false, true})
      for (const bool sk : {false, true}) {
        const auto m = measures_for(s, entree, sk);
        std::uint16_t bits = 0;
        for (int i = 0; i < kMeasures; ++i)
          if (m[static_cast<std::size_t>(i)]) bits = static_cast<std::uint16_t>(bits | (1u << i));
        int k = 0;
        while (k < c.size && c.holds[static_cast<std::size_t>(k)] != bits) ++k;
        if (k == c.size) c.holds[static_cast<std::size_t>(c.size++)] = bits;
        c.of[static_cast<std::size_t>(MeasureClasses::combination(s, entree, sk))] = static_cast<std::uint8_t>(k);
      }
  return c;
}
inline constexpr MeasureClasses kMeasureClasses = make_measure_classes();
inline constexpr int kMeasureClassCount = kMeasureClasses.size;

// The follow-up rule of every population: a student joins at census k only if the whole horizon
// (k .. k + horizon) lies within the censuses the stratum is followed for, so that the members at
// T + h are the members at T for every h. The census tally and the flows both use it.
constexpr int last_reference_census(int followed, int horizon) { return followed - horizon - 1; }

class CensusTally {
 public:
  // followed[g]: how many censuses stratum g is followed for. A student joins a population only
  // if its whole horizon (T .. T + horizon) falls within the follow-up, so every horizon of a
  // population counts the same students.
  CensusTally(std::vector<bool> chain_strata, int horizon_years, int censuses, std::vector<int> followed = {});

  // Observer interface for engine::simulate_case. Defined below, in the header, so that the driver
  // loop inlines them: a student makes about 17 census calls and 5 transitions.
  void begin(int group, std::uint64_t index, int state);
  void census(int k, int state, engine::Years t);
  // Censuses k = first .. last - 1 in the state of census first - 1, with no event since it (the
  // engine calls this instead of census for the rest of a run of censuses). Such a census joins no
  // population: the run adds to the occupancy as a range (see occupancy_runs_) and sets the class
  // of its censuses (class_at_).
  void repeat_census(int first, int last, int state);
  void transition(int from, int to, int risk_id, engine::Years t);
  void end(engine::Years t);

  void merge(const CensusTally& other);

  // All counters as one array, for summing tallies across processes (MPI).
  [[nodiscard]] std::vector<std::uint64_t> words() const;
  // words().size(), without copying the counters out.
  [[nodiscard]] std::size_t word_count() const {
    return counts_.size() + occupancy_.size() + funded_days_.size() + startkwalificatie_at_end_.size() + 1;
  }
  void set_words(const std::vector<std::uint64_t>& words);

  // Members of population p from stratum g, variant v, observed at horizon h.
  [[nodiscard]] std::uint64_t members(int p, int g, int v, int h) const;
  [[nodiscard]] std::uint64_t count(int p, int g, int v, int h, int m) const;
  // Students of stratum g in state s at census k (counted from the stratum's t = 0).
  [[nodiscard]] std::uint64_t occupancy(int g, int k, int s) const;
  [[nodiscard]] int horizon() const { return horizon_; }
  [[nodiscard]] int censuses() const { return censuses_; }
  [[nodiscard]] int groups() const { return static_cast<int>(chain_strata_.size()); }
  [[nodiscard]] std::uint64_t transitions() const { return transitions_; }
  // Whole days of funded time spent by all students of stratum g over their follow-up (integer
  // days, so that sums do not depend on how the work was split).
  [[nodiscard]] std::uint64_t funded_days(int g, FundedTime f) const {
    return funded_days_[static_cast<std::size_t>(g) * kFundedTimes + static_cast<std::size_t>(f)];
  }
  // Students of stratum g holding a startkwalificatie at the end of their follow-up.
  [[nodiscard]] std::uint64_t startkwalificatie_at_end(int g) const { return startkwalificatie_at_end_[static_cast<std::size_t>(g)]; }

 private:
  // Where the classes of (population, stratum, variant, horizon) start in counts_.
  [[nodiscard]] std::size_t index(int p, int g, int v, int h) const {
    return (((static_cast<std::size_t>(p) * chain_strata_.size() + static_cast<std::size_t>(g)) * kVariants +
             static_cast<std::size_t>(v)) * static_cast<std::size_t>(horizon_ + 1) + static_cast<std::size_t>(h)) *
           kMeasureClassCount;
  }

  std::vector<bool> chain_strata_;
  std::vector<int> followed_;
  int horizon_;
  int censuses_;
  [[nodiscard]] std::size_t occupancy_index(int g, int k, int s) const {
    return (static_cast<std::size_t>(g) * static_cast<std::size_t>(censuses_) + static_cast<std::size_t>(k)) * kStates +
           static_cast<std::size_t>(s);
  }
  std::vector<std::uint64_t> counts_;
  // An occupancy counter's value is its entry in occupancy_ plus the sum of its entries in
  // occupancy_runs_ at censuses 0 .. k of the same stratum and state: a run of censuses adds one at
  // its first census and takes one off after its last, in modulo-2^64 arithmetic whose sums are
  // the counts.
  std::vector<std::uint64_t> occupancy_;
  std::vector<std::uint64_t> occupancy_runs_;
  // occupancy_ with the runs summed in: what the counters hold.
  [[nodiscard]] std::vector<std::uint64_t> summed_occupancy() const;
  std::vector<std::uint64_t> funded_days_;
  std::vector<std::uint64_t> startkwalificatie_at_end_;
  std::uint64_t transitions_ = 0;

  void add_stay(int state, engine::Years years);

  // The case being simulated.
  int group_ = 0;
  bool chain_ = false;       // chain_strata_[group_]
  int last_reference_ = 0;   // the last census T that leaves room for the whole horizon
  std::size_t occupancy_base_ = 0;  // where group_'s occupancy starts
  std::array<int, kPopulations> reference_{};  // census index of T, -1 if not a member (yet)
  std::array<std::size_t, kPopulations> base_{};  // index(p, group_, variant, 0) once a member
  // One bit per population the student counts in: joined with a horizon that fits. end() counts
  // these, from class_at_.
  unsigned counting_ = 0;
  static_assert(kPopulations <= 32, "counting_ holds one bit per population");
  // The measure class of the student at each census k < class_limit_ (the follow-up of its
  // stratum), the first classes_seen_ of them set so far. A population's counts are made once, at
  // end(), for its horizons T .. T + horizon in a loop of fixed length: counting at every census
  // ran a loop over the populations whose length was random. A run of censuses sets its classes
  // eight at a time (fill_classes), so the vector has eight bytes to spare.
  static constexpr int kClassFill = 8;
  std::vector<std::uint8_t> class_at_;
  int class_limit_ = 0;
  int classes_seen_ = 0;
  void fill_classes(int first, int last, std::uint8_t cls);
  // The class of the student in `state` now, with the diplomas held.
  [[nodiscard]] std::uint8_t class_now(int state) const {
    return kMeasureClasses.of[static_cast<std::size_t>(MeasureClasses::combination(state, entree_diploma_, startkwalificatie_))];
  }
  int stay_state_ = 0;
  engine::Years stay_start_ = 0.0;
  engine::Years entree_years_ = 0.0;  // funded entree time so far: the first year is funded at a higher factor
  bool left_vo_ = false;
  int entree_variant_at_census_ = -1;  // the variant if in entree at the last census, else -1
  bool entree_diploma_ = false;
  bool startkwalificatie_ = false;
};

// std::llround for x >= 0 (halves away from zero), without the library call: x - whole is exact.
inline std::uint64_t round_nonnegative(double x) {
  const auto whole = static_cast<std::uint64_t>(x);
  return whole + (x - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}

inline void CensusTally::add_stay(int state, engine::Years years) {
  add_funded_stay(state, years, entree_years_, [&](FundedTime f, engine::Years y) {
    if (y > 0.0)
      funded_days_[static_cast<std::size_t>(group_) * kFundedTimes + static_cast<std::size_t>(f)] +=
          round_nonnegative(y * 365.25);
  });
}

inline void CensusTally::begin(int group, std::uint64_t, int state) {
  group_ = group;
  chain_ = chain_strata_[static_cast<std::size_t>(group)];
  last_reference_ = last_reference_census(followed_[static_cast<std::size_t>(group)], horizon_);
  occupancy_base_ = static_cast<std::size_t>(group) * static_cast<std::size_t>(censuses_) * kStates;
  stay_state_ = state;
  stay_start_ = 0.0;
  entree_years_ = 0.0;
  reference_.fill(-1);
  counting_ = 0;
  class_limit_ = std::min(followed_[static_cast<std::size_t>(group)], static_cast<int>(class_at_.size()) - kClassFill);
  classes_seen_ = 0;
  left_vo_ = false;
  entree_variant_at_census_ = -1;
  const Credential c = info(state).credential;
  entree_diploma_ = c == Credential::entree;
  startkwalificatie_ = c == Credential::startkwalificatie;
}

inline void CensusTally::transition(int from, int to, int, engine::Years t) {
  ++transitions_;
  add_stay(from, t - stay_start_);
  stay_state_ = to;
  stay_start_ = t;
  const StateInfo& dest = info(to);
  if (dest.credential == Credential::entree) entree_diploma_ = true;
  if (dest.credential == Credential::startkwalificatie) startkwalificatie_ = true;
  const StateInfo& origin = info(from);
  if (chain_ && origin.place == Place::vo && dest.place != Place::vo) left_vo_ = true;
}

inline void CensusTally::census(int k, int state, engine::Years) {
  if (k < censuses_)
    ++occupancy_[occupancy_base_ + static_cast<std::size_t>(k) * kStates + static_cast<std::size_t>(state)];

  const StateInfo& i = info(state);
  // A student whose horizon would run past the follow-up never joins (reference -2), so that the
  // members at T + h are the members at T for every h.
  const bool fits = k <= last_reference_;
  auto join = [&](Population p, int variant) {
    auto& ref = reference_[static_cast<std::size_t>(p)];
    if (ref != -1) return;
    ref = fits ? k : -2;
    base_[static_cast<std::size_t>(p)] = index(static_cast<int>(p), group_, variant, 0);
    if (fits) counting_ |= 1u << static_cast<int>(p);
  };
  if (left_vo_) join(Population::chain_leavers, kNoVariant);
  if (i.place == Place::entree) join(Population::entree_entrants, static_cast<int>(i.variant));
  if (in_mbo(i)) join(Population::mbo_entrants, kNoVariant);
  if (entree_variant_at_census_ >= 0 && !in_mbo(i)) {
    const auto split = entree_diploma_ || startkwalificatie_ ? Population::entree_leavers_met_diploma
                                                             : Population::entree_leavers_zonder_diploma;
    join(Population::entree_leavers, entree_variant_at_census_);
    join(split, entree_variant_at_census_);
  }
  entree_variant_at_census_ = i.place == Place::entree ? static_cast<int>(i.variant) : -1;

  if (k < class_limit_) {
    class_at_[static_cast<std::size_t>(k)] = class_now(state);
    classes_seen_ = k + 1;
  }
}

// Every byte of censuses first .. last - 1; the bytes after them up to the next multiple of eight
// may be overwritten too, which is harmless: those censuses come later, and set their own class.
inline void CensusTally::fill_classes(int first, int last, std::uint8_t cls) {
  const std::uint64_t eight = 0x0101010101010101ull * cls;
  for (int k = first; k < last; k += kClassFill) std::memcpy(class_at_.data() + k, &eight, sizeof eight);
}

inline void CensusTally::repeat_census(int first, int last, int state) {
  const int occupancy_last = std::min(last, censuses_);
  if (first < occupancy_last) {
    const std::size_t s = static_cast<std::size_t>(state);
    occupancy_runs_[occupancy_base_ + static_cast<std::size_t>(first) * kStates + s] += 1;
    if (occupancy_last < censuses_)
      occupancy_runs_[occupancy_base_ + static_cast<std::size_t>(occupancy_last) * kStates + s] -= 1;
  }
  const int class_last = std::min(last, class_limit_);
  if (first < class_last) {
    fill_classes(first, class_last, class_now(state));
    classes_seen_ = class_last;
  }
}

inline void CensusTally::end(engine::Years t) {
  add_stay(stay_state_, t - stay_start_);
  // Each population the student counts in, at its horizons 0 .. horizon: the censuses T .. T +
  // horizon, all within the follow-up (and seen, unless the case ended before its follow-up did).
  for (unsigned bits = counting_; bits != 0; bits &= bits - 1) {
    const int p = std::countr_zero(bits);
    const int reference = reference_[static_cast<std::size_t>(p)];
    const int horizons = std::min(horizon_ + 1, classes_seen_ - reference);
    const std::size_t base = base_[static_cast<std::size_t>(p)];
    for (int h = 0; h < horizons; ++h)
      ++counts_[base + static_cast<std::size_t>(h) * kMeasureClassCount +
                class_at_[static_cast<std::size_t>(reference + h)]];
  }
  if (startkwalificatie_) ++startkwalificatie_at_end_[static_cast<std::size_t>(group_)];
}

}  // namespace doorstroom::models
