#pragma once
// The education chain compiled for the engine: one engine group per stratum, one engine state per
// models::State, each route turned into a competing risk or a yearly decision with modifiers, age
// rules and admission ages applied. This is the only place where parameter records become rates.
#include <string>
#include <vector>

#include "engine/process.h"
#include "models/chain/parameters.h"

namespace doorstroom::models {

// Engine dates: t = 0 is 1 August, the start of a school year. The census (teldatum) is 1 October.
inline constexpr double kCensusPhase = 2.0 / 12.0;
inline constexpr double kSchoolYearPhase = 0.0;

struct StratumInfo {
  std::string name;
  std::string label;
  std::string entree_origin;
  double cohort = 0.0;
  int cohort_year = 0;        // the entree cohort (calendar.h); 0: the stationary 2014-2016 blend
  bool starts_in_vo = false;  // a chain stratum (pro, vso, vmbo_b, isk): its leavers are chain_leavers
  // The share of its students counted as pro background by Inspectie and DUO (parameters.h,
  // Measurement): 1 for the pro origin, the measured bridge for every other.
  double pro_achtergrond = 0.0;
};

struct ChainModel {
  engine::Process process;
  std::vector<StratumInfo> strata;
  std::vector<std::string> risk_names;  // risk id -> name
  int horizon_years = 8;
};

ChainModel compile(const ParameterSet& parameters);

}  // namespace doorstroom::models
