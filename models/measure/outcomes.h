#pragma once
// From per-replicate census tallies to the tidy tables researchers read (docs/outputs.md):
// outcomes.csv (population, origin, variant, measure, horizon) and census.csv (state shares per
// census year and stratum). Strata are combined with national weights: a stratum simulated with
// n students and `cohort` students a year nationally counts with weight cohort / n.
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/stats.h"
#include "models/chain/chain_model.h"
#include "models/measure/census.h"

namespace doorstroom::models {

struct OutcomeRow {
  std::string population;
  std::string origin;
  std::string variant;
  std::string measure;
  int horizon_years = 0;
  engine::Summary value;
  int replications = 0;
  std::vector<double> values;  // one per replicate, for differences between scenarios
  double national = 0.0;       // members of this population cell per year nationally (mean over replicates)
  // Per replicate, at the national scale: students with the outcome and members (values = their
  // ratio). A stack's interaction is taken on these counts, which add up student by student.
  std::vector<double> numerators, denominators;
};

// Which outcome a row is: the look-up key of outputs, targets, sweeps and comparisons.
struct OutcomeKey {
  std::string population;
  std::string origin;
  std::string variant;
  std::string measure;
  int horizon_years = 0;
  // Written out rather than a defaulted <=>: the WebAssembly build's libc++ (Emscripten 3.1.6)
  // has no <=> for std::string.
  bool operator==(const OutcomeKey&) const = default;
  bool operator<(const OutcomeKey& o) const {
    return std::tie(population, origin, variant, measure, horizon_years) <
           std::tie(o.population, o.origin, o.variant, o.measure, o.horizon_years);
  }
};
inline OutcomeKey key_of(const OutcomeRow& row) {
  return {row.population, row.origin, row.variant, row.measure, row.horizon_years};
}

// Rows by key, for finding one outcome among the thousands a run tabulates. Holds pointers into
// `rows`, and views of their strings, so `rows` must outlive it. Building it copies no string (a
// calibration builds one per evaluation, over some 22,000 rows).
class OutcomeIndex {
 public:
  explicit OutcomeIndex(const std::vector<OutcomeRow>& rows) {
    rows_.reserve(rows.size());
    for (const auto& row : rows)
      rows_[{row.population, row.origin, row.variant, row.measure, row.horizon_years}] = &row;
  }
  // The index points into the rows: built from a temporary it would dangle at once.
  explicit OutcomeIndex(std::vector<OutcomeRow>&&) = delete;
  [[nodiscard]] const OutcomeRow* find(const OutcomeKey& key) const {
    return find_view({key.population, key.origin, key.variant, key.measure, key.horizon_years});
  }
  // The row with the key of `like` (a row of another run), without copying its strings.
  [[nodiscard]] const OutcomeRow* find_like(const OutcomeRow& like) const {
    return find_view({like.population, like.origin, like.variant, like.measure, like.horizon_years});
  }

 private:
  struct KeyView {
    std::string_view population, origin, variant, measure;
    int horizon_years = 0;
    bool operator==(const KeyView&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const KeyView& k) const noexcept {
      std::size_t h = std::hash<int>{}(k.horizon_years);
      for (const std::string_view part : {k.population, k.origin, k.variant, k.measure})
        h = h * 1000003u ^ std::hash<std::string_view>{}(part);
      return h;
    }
  };
  [[nodiscard]] const OutcomeRow* find_view(const KeyView& key) const {
    const auto it = rows_.find(key);
    return it == rows_.end() ? nullptr : it->second;
  }
  std::unordered_map<KeyView, const OutcomeRow*, KeyHash> rows_;
};

// The outcome cells a caller reads (population, origin, variant and measure, at every horizon), so
// that tabulate_outcomes can leave out the others: a calibration reads about 105 of the 22,000
// rows at every evaluation of its objective.
class OutcomeSelection {
 public:
  void add(std::string_view population, std::string_view origin, std::string_view variant, std::string_view measure) {
    cells_.insert(cell(population, origin, variant, measure));
  }
  [[nodiscard]] bool holds(std::string_view population, std::string_view origin, std::string_view variant,
                           std::string_view measure) const {
    return cells_.count(cell(population, origin, variant, measure)) != 0;
  }

 private:
  // The four names in one string, separated by a character no name holds.
  static std::string cell(std::string_view population, std::string_view origin, std::string_view variant,
                          std::string_view measure) {
    std::string c;
    for (const std::string_view part : {population, origin, variant, measure}) (c += part) += '\x1f';
    return c;
  }
  std::unordered_set<std::string> cells_;
};

struct CensusRow {
  std::string origin;
  int census_year = 0;
  std::string state;
  engine::Summary share;
  int replications = 0;
};

// Cohort years [first, last] whose strata a tabulation counts (calendar.h); strata without a cohort
// year (the stationary blend) always count. The default counts every stratum.
struct CohortYears {
  int first = 0, last = 9999;
  [[nodiscard]] bool holds(int year) const { return year == 0 || (first <= year && year <= last); }
  auto operator<=>(const CohortYears&) const = default;
};

// kind: IntervalKind::spread when replicates draw their own parameters (engine/stats.h);
// cohorts: national cohort per stratum for each replicate (empty: the model's), since a parameter
// draw may change them; only: the cells to tabulate (nullptr: all), in the order and with the
// values a full tabulation gives them.
std::vector<OutcomeRow> tabulate_outcomes(const ChainModel& model, const std::vector<CensusTally>& replicates,
                                          const std::vector<std::uint64_t>& simulated_per_stratum,
                                          engine::IntervalKind kind = engine::IntervalKind::mean,
                                          const std::vector<std::vector<double>>& cohorts = {},
                                          CohortYears years = {}, const OutcomeSelection* only = nullptr);
std::vector<CensusRow> tabulate_census(const ChainModel& model, const std::vector<CensusTally>& replicates,
                                       const std::vector<std::uint64_t>& simulated_per_stratum,
                                       engine::IntervalKind kind = engine::IntervalKind::mean);

// Number of censuses (1 October) a stratum followed for `end` years meets.
int censuses_within(double end);

std::string outcomes_csv(const std::string& scenario, const std::vector<OutcomeRow>& rows);
std::string census_csv(const std::string& scenario, const std::vector<CensusRow>& rows);

}  // namespace doorstroom::models
