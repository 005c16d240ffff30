// The identifiability analysis of a Jacobian: with independent columns the standard errors are the
// inverse column norms; a column no target moves is "not informed"; two columns that move the
// targets alike are "only jointly", correlated -1 (one can stand in for the other), while each
// has targets that move with it.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/studies/identifiability.h"

using namespace doorstroom;

TEST_CASE("identifiability of a Jacobian: standard errors, correlations and informing targets", "[identifiability]") {
  Eigen::MatrixXd J(6, 4);
  // a: targets t0 and t1; b: t2 and t4; c and d: t3, almost alike (only t5 tells them apart, barely).
  J << 4, 0, 0, 0,
       3, 0, 0, 0,
       0, 2, 0, 0,
       0, 0, 2, 2,
       0, 1, 0, 0,
       0, 0, 0.01, 0;
  const std::vector<std::string> names{"a", "b", "c", "d"}, ids{"t0", "t1", "t2", "t3", "t4", "t5"};
  const auto r = models::analyse_jacobian(J, names, ids);
  REQUIRE(r.size() == 4);
  CHECK(r[0].se == Approx(1.0 / 5.0));  // ||(4, 3)|| = 5
  CHECK(r[0].status == "informed");
  REQUIRE(r[0].targets.size() == 2);
  CHECK(r[0].targets[0].target == "t0");
  CHECK(r[0].targets[0].dz == 4.0);
  CHECK(r[1].se == Approx(1.0 / std::sqrt(5.0)));
  CHECK(r[1].status == "informed");
  // c and d: four targets, but only their sum is seen by t3; the difference is near-singular.
  CHECK(r[2].status == "only jointly");
  CHECK(r[2].se > 50.0);  // 1 / 0.01: only t5 tells c from d
  REQUIRE(!r[2].correlated.empty());
  CHECK(r[2].correlated[0].first == "d");
  CHECK(r[2].correlated[0].second < -0.99);
  // Exactly alike: no finite standard error at all.
  J(5, 2) = 0.0;
  const auto exact = models::analyse_jacobian(J, names, ids);
  CHECK(std::isinf(exact[2].se));
  CHECK(exact[2].status == "only jointly");

  // A parameter no target moves, and more parameters than targets.
  Eigen::MatrixXd K(2, 3);
  K << 1, 0, 0,
       0, 1, 0;
  const auto k = models::analyse_jacobian(K, {"x", "y", "z"}, {"u", "v"});
  CHECK(k[2].status == "not informed");
  CHECK(std::isinf(k[2].se));
  CHECK(k[0].se == Approx(1.0));
  CHECK(k[0].status == "informed");
}
