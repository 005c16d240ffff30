#pragma once
// The baseline model the benchmarks run, compiled once per benchmark program (both benchmark
// files share it instead of each compiling their own).
#include "models/studies/run.h"
#include "models/studies/simulation.h"

namespace doorstroom::bench {

inline const models::ChainModel& baseline() {
  static const models::ChainModel model = models::compile(models::load("", "").parameters);
  return model;
}

}  // namespace doorstroom::bench
