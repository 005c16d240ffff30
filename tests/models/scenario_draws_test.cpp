// Every assumed effect with a range in a scenario file is drawn per replicate by `compare`, and
// replicates draw differently. Catches: a scenario that moves routing shares without a drawn
// share (the shift size fixed, as strengere_toelating once was), a ranged hazard route, modifier
// or age rule that assumed_effects skips, and a draw that ignores the replicate.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "models/chain/causal_share.h"
#include "models/chain/scenario.h"
#include "models/studies/comparison.h"
#include "models/studies/replicate_parameters.h"

using namespace doorstroom;

namespace {

std::vector<std::string> library_files() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios"))
    if (e.path().extension() == ".toml" && e.path().filename() != "baseline.toml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

models::Scenario load(const std::string& file) {
  const std::string text = models::read_text_file(file, "scenario");
  return models::load_scenario(text, file, models::embedded_parameters(), "embedded:parameters",
                               models::embedded_calibrated(), "embedded:calibrated");
}

models::Scenario baseline() {
  return models::load_scenario(models::embedded_baseline(), "embedded:baseline", models::embedded_parameters(),
                               "embedded:parameters", models::embedded_calibrated(), "embedded:calibrated");
}

template <class Records>
const models::Provenance* base_provenance(const Records& records, const std::string& name) {
  for (const auto& r : records)
    if (r.name == name) return &r.provenance;
  return nullptr;
}

bool own(const models::Provenance& p, const std::string& file) {
  return !p.assumption.empty() && p.range && p.where.rfind(file, 0) == 0 && p.range->low != p.range->high;
}

// A ranged record the file states again with the baseline's range is the baseline's assumption
// (e.g. a route's leave probabilities, restated with its new `to`), not the scenario's.
bool restated_baseline(const models::Provenance* base, const models::Provenance& p) {
  return base && base->range && p.range && base->range->low == p.range->low && base->range->high == p.range->high;
}

}  // namespace

TEST_CASE("every ranged assumption in a scenario file is drawn per replicate by compare", "[scenario][draws]") {
  const auto files = library_files();
  REQUIRE(files.size() >= 20);
  const models::Scenario base = baseline();
  for (const auto& file : files) {
    INFO(file);
    const models::Scenario s = load(file);
    std::set<std::string> drawn;
    for (const auto& e : models::assumed_effects(s)) drawn.insert(e.record);
    // A move of routing shares is an assumed size (or an assumed causal part): it must be drawn.
    if (models::moved_distributions(s.parameters, base.parameters) > 0) {
      REQUIRE(s.causal_share);
      CHECK(s.causal_share->range.low < s.causal_share->range.high);
    }
    for (const auto& m : s.parameters.modifiers)
      if (own(m.provenance, file) && !restated_baseline(base_provenance(base.parameters.modifiers, m.name), m.provenance))
        CHECK(drawn.count("modifier." + m.name) == 1);
    for (const auto& a : s.parameters.age_rules)
      if (own(a.provenance, file) && !restated_baseline(base_provenance(base.parameters.age_rules, a.name), a.provenance))
        CHECK(drawn.count("age_rule." + a.name) == 1);
    for (const auto& r : s.parameters.routes)
      if (own(r.provenance, file) && !restated_baseline(base_provenance(base.parameters.routes, r.name), r.provenance)) {
        INFO("route " << r.name);
        CHECK(drawn.count("route." + r.name) == 1);
      }
  }
}

TEST_CASE("two replicates draw different shift sizes and effects", "[scenario][draws]") {
  const models::Scenario s = load(std::string(DOORSTROOM_SOURCE_DIR) + "/scenarios/strengere_toelating.toml");
  const auto a = models::drawn_scenario_parameters(s, 12345, 0);
  const auto b = models::drawn_scenario_parameters(s, 12345, 1);
  auto bol = [](const models::ParameterSet& p) {
    for (const auto& r : p.routes)
      if (r.name == "pro_verlaten")
        for (const auto& [to, share] : r.to)
          if (to == "entree_bol") return share;
    return -1.0;
  };
  auto rate = [](const models::ParameterSet& p) {
    for (const auto& m : p.modifiers)
      if (m.name == "strengere_toelating_selectie_uitval") return m.rate;
    return -1.0;
  };
  REQUIRE(bol(a) > 0.0);
  CHECK(bol(a) != bol(b));     // the refusal share is drawn per replicate
  CHECK(rate(a) != rate(b));   // and so is the selection effect
  // The same replicate draws the same values (common random numbers between runs).
  CHECK(bol(models::drawn_scenario_parameters(s, 12345, 0)) == bol(a));
  // The drawn share stays within the stated 5-20% of the baseline bol share (0.190943).
  for (int r = 0; r < 20; ++r) {
    const double refused = 1.0 - bol(models::drawn_scenario_parameters(s, 7, r)) / 0.190943;
    CHECK(refused >= 0.05 - 1e-6);
    CHECK(refused <= 0.20 + 1e-6);
  }
}
