#pragma once
// Counts by school year, for projections in calendar time (issue 15, `doorstroom project`): per
// stratum and per school year since the stratum's t = 0 (1 August), who is where on 1 October and
// what happens during the school year (1 August to 31 July). The projection adds the origin year
// of each stratum to the index to get the calendar year.
//
//   entree_students   in an entreeopleiding on 1 October, by variant (bol, bbl, examendeelnemer)
//   niveau2_students  in mbo niveau 2 (with or without an entree diploma) on 1 October
//   entree_entrants   first census in entree of the student's life, by the variant of that census
//   entree_diplomas   entree diplomas obtained during the school year, by the variant left
//   startkwalificaties startkwalificaties (mbo 2+ diplomas) obtained during the school year
//   entree_dropouts_without_diploma  leaving entree for outside mbo without any mbo diploma during
//                     the school year, by the variant left
//   funded days       funded time spent during the school year (add_funded_stay in census.h)
// Counts are integers (funded time in whole days per stay and school year), so tallies from any
// split of the work add up to the same totals.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/time.h"
#include "models/measure/census.h"

namespace doorstroom::models {

enum class YearCount {
  entree_students,  // + variant
  niveau2_students = entree_students + 3,
  entree_entrants,  // + variant
  entree_diplomas = entree_entrants + 3,  // + variant
  startkwalificaties = entree_diplomas + 3,
  entree_dropouts_without_diploma,  // + variant
  funded_days = entree_dropouts_without_diploma + 3,  // + FundedTime
};
inline constexpr int kYearCounts = static_cast<int>(YearCount::funded_days) + kFundedTimes;

// The slot of a count split by entree variant (0 bol, 1 bbl, 2 examendeelnemer) or funded time.
constexpr int slot(YearCount c, int offset = 0) { return static_cast<int>(c) + offset; }

class SchoolYearTally {
 public:
  SchoolYearTally(int groups, int years);

  // Observer interface for engine::simulate_case.
  void begin(int group, std::uint64_t index, int state);
  void census(int k, int state, engine::Years t);
  void transition(int from, int to, int risk_id, engine::Years t);
  void end(engine::Years t);

  void merge(const SchoolYearTally& other);

  // The count in `slot` for stratum g in school year k since its t = 0 (0 beyond the years kept).
  [[nodiscard]] std::uint64_t count(int g, int k, int slot) const {
    if (k < 0 || k >= years_) return 0;
    return counts_[(static_cast<std::size_t>(g) * static_cast<std::size_t>(years_) + static_cast<std::size_t>(k)) * kYearCounts +
                   static_cast<std::size_t>(slot)];
  }
  [[nodiscard]] int years() const { return years_; }
  [[nodiscard]] int groups() const { return groups_; }
  [[nodiscard]] std::uint64_t transitions() const { return transitions_; }

 private:
  void add(int k, int slot, std::uint64_t n = 1);
  void add_stay(int state, engine::Years from, engine::Years to);

  int groups_;
  int years_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t transitions_ = 0;

  // The case being simulated.
  int group_ = 0;
  int stay_state_ = 0;
  engine::Years stay_start_ = 0.0;
  engine::Years entree_years_ = 0.0;
  bool entered_entree_ = false;
  bool entree_diploma_ = false;
  bool startkwalificatie_ = false;
};

}  // namespace doorstroom::models
