// sensitivity picks its method from the sweep's design: Morris and Sobol designs are rebuilt from
// the "design" line of sweep_spec.txt and analysed with intervals; a Latin hypercube with too few
// points falls back to rank correlations with advice; a measure the sweep did not record is
// refused with the names it did record. The noise floor comes from the points' replicate intervals.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/io/input_error.h"
#include "models/studies/sweep.h"
#include "models/studies/sweep_indices.h"
#include "tests/test_support.h"

using namespace doorstroom;

namespace {

// A finished sweep folder over parameters a, b, c with y = 0.5 + 0.2 u_a - 0.05 u_b (u: unit scale
// of the design) and a replicate interval of +-0.01 around every point.
void write_sweep(const testing::TempDir& dir, const std::string& sampling, const std::vector<std::vector<double>>& unit) {
  dir.write("sweep_spec.txt", "scenario x\nmeasures chain_leavers/all/work/5\ndesign " + sampling + "\npoint,a,b,c\n");
  std::string csv = "point,a,b,c,population,origin,measure,horizon_years,mean,ci_low,ci_high,replications\n";
  for (std::size_t i = 0; i < unit.size(); ++i) {
    const auto& u = unit[i];
    const double y = 0.5 + 0.2 * u[0] - 0.05 * u[1];
    csv += std::to_string(i) + "," + std::to_string(u[0]) + "," + std::to_string(u[1]) + "," + std::to_string(u[2]) +
           ",chain_leavers,all,work,5," + std::to_string(y) + "," + std::to_string(y - 0.01) + "," + std::to_string(y + 0.01) + ",4\n";
  }
  dir.write("sweep.csv", csv);
}

const models::IndexRow& row(const models::SweepIndices& s, const std::string& parameter, const std::string& index) {
  return *std::find_if(s.rows.begin(), s.rows.end(), [&](const auto& r) { return r.parameter == parameter && r.index == index; });
}

const models::SweepMeasure kWork{"chain_leavers", "all", "work", 5};

}  // namespace

TEST_CASE("sensitivity of a Morris sweep: mu* per unit range, ranked, with intervals and a noise floor", "[sensitivity]") {
  testing::TempDir dir;
  const std::string sampling = "morris 10 levels 4 seed 3";
  write_sweep(dir, sampling, models::unit_points_of(sampling, 3));
  const auto s = models::sweep_indices(dir.path().string(), kWork);
  CHECK(s.method == "morris");
  CHECK(row(s, "a", "mu_star").value == Approx(0.2).margin(1e-5));
  CHECK(row(s, "a", "mu_star").rank == 1);
  CHECK(row(s, "b", "mu").value == Approx(-0.05).margin(1e-5));
  CHECK(row(s, "c", "mu_star").value == Approx(0.0).margin(1e-5));
  CHECK(row(s, "a", "mu_star").ci_low <= row(s, "a", "mu_star").value);
  // se = 0.01 / t(3); the floor is sqrt(2) se / (2/3).
  CHECK(s.point_noise == Approx(0.01 / 3.182446).epsilon(1e-4));
  CHECK(row(s, models::kNoiseParameter, "mu_star").value == Approx(std::sqrt(2.0) * s.point_noise * 1.5).epsilon(1e-6));
  CHECK(models::indices_csv(s).rfind("measure,method,parameter,index,value,ci_low,ci_high,rank\n", 0) == 0);
}

TEST_CASE("sensitivity of a Sobol sweep: S1 and ST of a linear model are its variance shares", "[sensitivity]") {
  testing::TempDir dir;
  const std::string sampling = "sobol 512 sequence random seed 2";
  write_sweep(dir, sampling, models::unit_points_of(sampling, 3));
  const auto s = models::sweep_indices(dir.path().string(), kWork);
  CHECK(s.method == "sobol");
  const double share_a = 0.04 / (0.04 + 0.0025);  // uniform u: the variances are 0.2^2/12 and 0.05^2/12
  const auto& a = row(s, "a", "S1");
  CHECK(a.ci_low <= share_a);
  CHECK(a.ci_high >= share_a);
  CHECK(row(s, "a", "ST").rank == 1);
  CHECK(std::abs(row(s, "c", "ST").value) < 1e-4);
}

TEST_CASE("sensitivity of a short Latin hypercube falls back to rank correlations and says what to run", "[sensitivity]") {
  testing::TempDir dir;
  dir.write("sweep.csv",
            "point,a,b,c,d,population,origin,measure,horizon_years,mean,ci_low,ci_high,replications\n"
            "0,0.1,0.2,0.3,0.4,chain_leavers,all,work,5,0.1,,,1\n1,0.2,0.1,0.3,0.5,chain_leavers,all,work,5,0.2,,,1\n"
            "2,0.3,0.4,0.1,0.1,chain_leavers,all,work,5,0.3,,,1\n3,0.4,0.3,0.2,0.2,chain_leavers,all,work,5,0.4,,,1\n");
  const auto s = models::sweep_indices(dir.path().string(), kWork);
  CHECK(s.method == "rank_correlation");
  CHECK(row(s, "a", "rank_correlation").value == Approx(1.0));
  CHECK_THAT(s.note, Catch::Contains("sweep --morris 10") && Catch::Contains("--lhs 10"));
  CHECK(std::isnan(s.point_noise));
  CHECK_THROWS_WITH(models::sweep_indices(dir.path().string(), {"chain_leavers", "all", "wrok", 5}),
                    Catch::Contains("the sweep recorded no measure chain_leavers/all/wrok/5") &&
                        Catch::Contains("it recorded: chain_leavers/all/work/5"));
}
