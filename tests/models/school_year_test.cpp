// Programmes follow the school year: entree and niveau-2 diplomas are awarded at the end of an
// exam period (1 July), so a baseline biography shows them in the summer, not spread over the
// year (issue 12). The test watches every move into a state with a higher credential.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/rng.h"
#include "engine/simulate.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

using namespace doorstroom;

namespace {

// Counts diplomas by calendar month (0 = August, the engine's t = 0).
struct DiplomaMonths {
  std::array<std::uint64_t, 12> entree{};
  std::array<std::uint64_t, 12> niveau2{};
  void begin(int, std::uint64_t, int) {}
  void census(int, int, engine::Years) {}
  void end(engine::Years) {}
  void transition(int from, int to, int, engine::Years t) {
    const auto before = models::info(from).credential;
    const auto after = models::info(to).credential;
    if (after == before) return;
    const auto month = static_cast<std::size_t>(std::floor((t - std::floor(t)) * 12.0 + 1e-9)) % 12;
    const bool from_entree = models::info(from).place == models::Place::entree;
    if (after == models::Credential::entree && from_entree) ++entree[month];
    if (after == models::Credential::startkwalificatie && models::info(from).place == models::Place::niveau2plus) ++niveau2[month];
  }
};

// June, July and August: months 10, 11 and 0 counted from August.
double summer_share(const std::array<std::uint64_t, 12>& by_month) {
  std::uint64_t all = 0;
  for (auto n : by_month) all += n;
  return all == 0 ? 0.0 : static_cast<double>(by_month[10] + by_month[11] + by_month[0]) / static_cast<double>(all);
}

DiplomaMonths diplomas_of_baseline(std::uint64_t students_per_stratum) {
  const models::ChainModel model = models::compile(models::load("", "").parameters);
  DiplomaMonths months;
  for (int g = 0; g < model.process.groups(); ++g)
    for (std::uint64_t i = 0; i < students_per_stratum; ++i) {
      engine::CaseStream rng(7, 0, engine::case_id(g, i));
      engine::simulate_case(model.process, g, i, rng, months);
    }
  return months;
}

}  // namespace

TEST_CASE("in a baseline of 1,000 students per stratum most diplomas come in June to August", "[model][school_year]") {
  const DiplomaMonths months = diplomas_of_baseline(1000);
  INFO("entree diplomas in June-August: " << summer_share(months.entree));
  INFO("niveau-2 diplomas in June-August: " << summer_share(months.niveau2));
  CHECK(summer_share(months.entree) >= 0.8);
  CHECK(summer_share(months.niveau2) >= 0.8);
  // And no month outside the summer holds more than a tenth of them: a check that would fail on a
  // diploma hazard spread over the year (about 1/12 a month).
  for (std::size_t m = 1; m < 10; ++m) {
    CHECK(months.entree[m] <= months.entree[11] / 10);
    CHECK(months.niveau2[m] <= months.niveau2[11] / 10);
  }
}
