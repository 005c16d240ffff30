#include "models/measure/outcomes.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "models/io/number_format.h"

namespace doorstroom::models {
namespace {

// The tally slots an outcome row sums: one leerweg (bol, bbl, examendeelnemer), or every slot
// together, including the one of populations not split by leerweg, as the row "all".
struct VariantSelection {
  int first = 0;
  int last = 0;
  std::string name;
  bool every = false;
};

std::vector<VariantSelection> variant_selections(bool split_by_variant) {
  std::vector<VariantSelection> out;
  if (split_by_variant)
    for (int v = 0; v < kNoVariant; ++v) out.push_back({v, v, std::string(kVariantNames[static_cast<std::size_t>(v)]), false});
  out.push_back({0, kVariants - 1, "all", true});
  return out;
}

// The strata an origin row counts, each with the share of its students that belong to the origin:
// 1 for an origin of the model's own definition, a fraction for pro_achtergrond.
struct OriginSet {
  std::string name;
  std::vector<int> strata;
  std::vector<double> membership;  // per entry of strata

  void add(int g, double share) {
    strata.push_back(g);
    membership.push_back(share);
  }
};

// DUO's groups other than pro are "vmbo zonder diploma", "vooropleiding onbekend" and "overig"
// (000 Tabel 1): no vso or isk group, so those students sit in the first two. Seed 000 text 2.2
// states one diploma rate for the first two together: everyone without a pro background except
// overig, which is read as the model's vbo (a vo diploma; 94 of 13,980 in 2018/19 against vbo's
// 0.6% of B10's entrants).
bool counts_as_niet_pro(const StratumInfo& s) { return s.entree_origin != "vbo" && s.pro_achtergrond < 1.0; }

// The origins of the entree populations are vooropleidingen (seed 003), plus pro_achtergrond: the
// pro background of Inspectie and DUO (parameters.h, Measurement), and niet_pro_achtergrond, DUO's
// other groups without overig. The last set is "all".
std::vector<OriginSet> origins_for(Population p, const ChainModel& model) {
  std::vector<OriginSet> sets;
  OriginSet all{"all", {}, {}};
  OriginSet pro_achtergrond{"pro_achtergrond", {}, {}};
  OriginSet niet_pro_achtergrond{"niet_pro_achtergrond", {}, {}};
  for (int g = 0; g < static_cast<int>(model.strata.size()); ++g) {
    const StratumInfo& s = model.strata[static_cast<std::size_t>(g)];
    if (p == Population::chain_leavers && !s.starts_in_vo) continue;
    const std::string& label = by_variant(p) ? s.entree_origin : s.name;
    auto it = std::find_if(sets.begin(), sets.end(), [&](const OriginSet& o) { return o.name == label; });
    if (it == sets.end()) sets.push_back({label, {g}, {1.0}});
    else it->add(g, 1.0);
    all.add(g, 1.0);
    if (s.pro_achtergrond > 0.0) pro_achtergrond.add(g, s.pro_achtergrond);
    if (counts_as_niet_pro(s)) niet_pro_achtergrond.add(g, 1.0 - s.pro_achtergrond);
  }
  if (by_variant(p) && !pro_achtergrond.strata.empty()) sets.push_back(std::move(pro_achtergrond));
  if (by_variant(p) && !niet_pro_achtergrond.strata.empty()) sets.push_back(std::move(niet_pro_achtergrond));
  sets.push_back(std::move(all));
  return sets;
}

std::string format(double x) { return fixed_or_empty(x, 6); }

// A tally's members and measure counts per (population, stratum, variant, horizon), each summed
// over the measure classes once. The rows read every one of them many times (an origin "all" or
// a variant "all" adds up several strata and slots, and every measure row reads the members
// again); CensusTally::count and members each walk the 32 classes.
class TallyCounts {
 public:
  explicit TallyCounts(const CensusTally& tally)
      : groups_(tally.groups()), horizons_(tally.horizon() + 1),
        values_(static_cast<std::size_t>(kPopulations * groups_ * kVariants * horizons_) * (kMeasures + 1)) {
    std::size_t at = 0;
    for (int p = 0; p < kPopulations; ++p)
      for (int g = 0; g < groups_; ++g)
        for (int v = 0; v < kVariants; ++v)
          for (int h = 0; h < horizons_; ++h) {
            for (int m = 0; m < kMeasures; ++m) values_[at++] = tally.count(p, g, v, h, m);
            values_[at++] = tally.members(p, g, v, h);
          }
  }
  [[nodiscard]] std::uint64_t count(int p, int g, int v, int h, int m) const { return values_[index(p, g, v, h) + static_cast<std::size_t>(m)]; }
  [[nodiscard]] std::uint64_t members(int p, int g, int v, int h) const { return values_[index(p, g, v, h) + kMeasures]; }

 private:
  [[nodiscard]] std::size_t index(int p, int g, int v, int h) const {
    return static_cast<std::size_t>(((p * groups_ + g) * kVariants + v) * horizons_ + h) * (kMeasures + 1);
  }
  int groups_;
  int horizons_;
  std::vector<std::uint64_t> values_;
};

}  // namespace

int censuses_within(double end) {
  return end < kCensusPhase ? 0 : static_cast<int>(std::floor(end - kCensusPhase + 1e-9)) + 1;
}

std::vector<OutcomeRow> tabulate_outcomes(const ChainModel& model, const std::vector<CensusTally>& replicates,
                                          const std::vector<std::uint64_t>& simulated, engine::IntervalKind kind,
                                          const std::vector<std::vector<double>>& cohorts, CohortYears years,
                                          const OutcomeSelection* only) {
  std::vector<OutcomeRow> rows;
  const int reps = static_cast<int>(replicates.size());
  if (reps == 0) return rows;
  // Weights per replicate: with parameter draws each replicate may have its own cohort sizes.
  std::vector<std::vector<double>> weights(static_cast<std::size_t>(reps), std::vector<double>(model.strata.size(), 0.0));
  for (std::size_t r = 0; r < weights.size(); ++r)
    for (std::size_t g = 0; g < model.strata.size(); ++g) {
      const double cohort = cohorts.empty() ? model.strata[g].cohort : cohorts[r][g];
      if (simulated[g] > 0 && years.holds(model.strata[g].cohort_year)) weights[r][g] = cohort / static_cast<double>(simulated[g]);
    }

  // Room for every row there can be, so that the rows (a few hundred bytes each, some 17,000 of
  // them) are not moved again and again as the vector grows.
  std::size_t most_rows = 0;
  for (int p = 0; p < kPopulations; ++p)
    most_rows += origins_for(static_cast<Population>(p), model).size() * variant_selections(true).size() *
                 (static_cast<std::size_t>(kMeasures * (model.horizon_years + 1)) + 2);
  if (only == nullptr) rows.reserve(most_rows);
  std::vector<TallyCounts> counts;
  counts.reserve(replicates.size());
  for (const CensusTally& tally : replicates) counts.emplace_back(tally);

  for (int p = 0; p < kPopulations; ++p) {
    const bool split_by_variant = by_variant(static_cast<Population>(p));
    const std::vector<OriginSet> origins = origins_for(static_cast<Population>(p), model);
    const OriginSet& everyone = origins.back();
    for (const OriginSet& origin : origins) {
      for (const VariantSelection& variant : variant_selections(split_by_variant)) {
        const int v_first = variant.first;
        const int v_last = variant.last;
        for (int m = 0; m < kMeasures; ++m) {
          if (only != nullptr && !only->holds(kPopulationNames[static_cast<std::size_t>(p)], origin.name, variant.name,
                                              kMeasureNames[static_cast<std::size_t>(m)]))
            continue;
          for (int h = 0; h <= model.horizon_years; ++h) {
            std::vector<double> values, numerators, denominators;
            values.reserve(replicates.size());
            numerators.reserve(replicates.size());
            denominators.reserve(replicates.size());
            double national = 0.0;
            for (std::size_t r = 0; r < replicates.size(); ++r) {
              const TallyCounts& tally = counts[r];
              const std::vector<double>& weight = weights[r];
              double num = 0.0, den = 0.0;
              for (std::size_t i = 0; i < origin.strata.size(); ++i) {
                const int g = origin.strata[i];
                const double w = weight[static_cast<std::size_t>(g)] * origin.membership[i];
                for (int vv = v_first; vv <= v_last; ++vv) {
                  num += w * static_cast<double>(tally.count(p, g, vv, h, m));
                  den += w * static_cast<double>(tally.members(p, g, vv, h));
                }
              }
              if (den <= 0.0) break;
              values.push_back(num / den);
              numerators.push_back(num);
              denominators.push_back(den);
              national += den / reps;
            }
            if (static_cast<int>(values.size()) != reps) continue;  // population empty in some replicate
            rows.push_back({std::string(kPopulationNames[static_cast<std::size_t>(p)]), origin.name,
                            variant.name, std::string(kMeasureNames[static_cast<std::size_t>(m)]), h, engine::summarize(values, kind), reps,
                            std::move(values), national, std::move(numerators), std::move(denominators)});
          }
        }
        // Composition at the reference census: this origin's share of the population (within the
        // variant), and this variant's share of the origin (Tabel B2/B9/B10 of seed 003).
        auto members = [&](std::size_t r, const OriginSet& set, int first, int last) {
          const TallyCounts& tally = counts[r];
          const std::vector<double>& weight = weights[r];
          double total = 0.0;
          for (std::size_t i = 0; i < set.strata.size(); ++i) {
            const int g = set.strata[i];
            for (int vv = first; vv <= last; ++vv)
              total += weight[static_cast<std::size_t>(g)] * set.membership[i] * static_cast<double>(tally.members(p, g, vv, 0));
          }
          return total;
        };
        for (const bool variant_share : {false, true}) {
          if (variant_share && (variant.every || origin.name == "all")) continue;
          if (!variant_share && origin.name == "all") continue;
          const char* const measure = variant_share ? "variant_share" : "share_of_population";
          if (only != nullptr && !only->holds(kPopulationNames[static_cast<std::size_t>(p)], origin.name, variant.name, measure))
            continue;
          std::vector<double> values, numerators, denominators;
          for (std::size_t r = 0; r < replicates.size(); ++r) {
            const double num = members(r, origin, v_first, v_last);
            const double den = variant_share ? members(r, origin, 0, kVariants - 1)
                                             : members(r, everyone, v_first, v_last);
            if (den <= 0.0) break;
            values.push_back(num / den);
            numerators.push_back(num);
            denominators.push_back(den);
          }
          if (static_cast<int>(values.size()) != reps) continue;
          rows.push_back({std::string(kPopulationNames[static_cast<std::size_t>(p)]), origin.name,
                          variant.name, measure, 0, engine::summarize(values, kind), reps,
                          std::move(values), 0.0, std::move(numerators), std::move(denominators)});
        }
      }
    }
  }
  return rows;
}

std::vector<CensusRow> tabulate_census(const ChainModel& model, const std::vector<CensusTally>& replicates,
                                       const std::vector<std::uint64_t>& simulated, engine::IntervalKind kind) {
  std::vector<CensusRow> rows;
  const int reps = static_cast<int>(replicates.size());
  if (reps == 0) return rows;
  for (int g = 0; g < static_cast<int>(model.strata.size()); ++g) {
    if (simulated[static_cast<std::size_t>(g)] == 0) continue;
    const int n_census = std::min(censuses_within(model.process.group(g).end), replicates[0].censuses());
    for (int k = 0; k < n_census; ++k)
      for (int s = 0; s < kStates; ++s) {
        std::vector<double> values;
        for (const CensusTally& tally : replicates)
          values.push_back(static_cast<double>(tally.occupancy(g, k, s)) /
                           static_cast<double>(simulated[static_cast<std::size_t>(g)]));
        rows.push_back({model.strata[static_cast<std::size_t>(g)].name, k, std::string(info(s).name),
                        engine::summarize(values, kind), reps});
      }
  }
  return rows;
}

std::string outcomes_csv(const std::string& scenario, const std::vector<OutcomeRow>& rows) {
  std::string out = "scenario,population,origin,variant,measure,horizon_years,mean,ci_low,ci_high,replications\n";
  // Appended field by field into one string (no temporary per line); about 100 bytes a row.
  out.reserve(out.size() + rows.size() * (scenario.size() + 100));
  for (const auto& r : rows) {
    for (const std::string* field : {&scenario, &r.population, &r.origin, &r.variant, &r.measure}) (out += *field) += ',';
    (out += std::to_string(r.horizon_years)) += ',';
    (out += format(r.value.mean)) += ',';
    (out += format(r.value.low)) += ',';
    (out += format(r.value.high)) += ',';
    (out += std::to_string(r.replications)) += '\n';
  }
  return out;
}

std::string census_csv(const std::string& scenario, const std::vector<CensusRow>& rows) {
  std::string out = "scenario,origin,census_year,state,mean,ci_low,ci_high,replications\n";
  for (const auto& r : rows) {
    out += scenario + ',' + r.origin + ',' + std::to_string(r.census_year) + ',' + r.state + ',' +
           format(r.share.mean) + ',' + format(r.share.low) + ',' + format(r.share.high) + ',' +
           std::to_string(r.replications) + '\n';
  }
  return out;
}

}  // namespace doorstroom::models
