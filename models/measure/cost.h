#pragma once
// The cost rule (seed 003 chapter 6), in one place for every study that prices funded time
// (compare's costs.csv, project's cost_eur): a funded student year of kind f costs the price of a
// student year times its funding factor relative to the reference factor.
#include "models/chain/parameters.h"
#include "models/measure/census.h"

namespace doorstroom::models {

inline double euro_per_funded_year(const CostParameters& c, FundedTime f) {
  const double factors[kFundedTimes] = {c.entree_first_year_factor, c.entree_later_year_factor, c.examendeelnemer_factor,
                                        c.niveau2_factor, c.mbo3plus_factor};
  return c.euro_per_student_year * factors[static_cast<int>(f)] / c.reference_factor;
}

}  // namespace doorstroom::models
