#pragma once
// Every number in a parameter set has a name, the same one it has in the TOML files:
//   stratum.pro.cohort            route.pro_verlaten.leave[3]     route.entree_diploma_pro.rates[1]
//   route.entree_diploma_pro.to.niveau2_met_entreediploma         mix.uitval_zonder_diploma.to.thuis_zonder_diploma
//   modifier.bbl_diploma.rate     modifier.bbl_diploma.odds.niveau2_met_entreediploma
//   age_rule.kwalificatieplicht_entree.rate                       admission.entree_vanaf_16.min_age
//   cost.euro_per_student_year    measurement.pro_achtergrond
// Calibration, parameter draws and sweeps address parameters by these names. Setting one share of
// a distribution rescales the others in proportion, so the distribution still sums to 1.
#include <optional>
#include <string>
#include <vector>

#include "models/chain/parameters.h"

namespace doorstroom::models {

struct ParameterRef {
  std::string path;
  double value = 0.0;
  std::optional<Range> range;  // multiplier range of the record, for assumptions
  bool is_share = false;       // a probability within a distribution or a yearly probability
  std::string where;           // file:line of the record
};

// All numeric parameters, in a stable order.
std::vector<ParameterRef> list_parameters(const ParameterSet& p);

// Throws InputError naming the path (with the nearest valid path) when it does not exist.
double get_parameter(const ParameterSet& p, const std::string& path);
void set_parameter(ParameterSet& p, const std::string& path, double value);

}  // namespace doorstroom::models
