#pragma once
// Biographies of single simulated students, for workshops and for checking the model by eye.
// A student's random numbers depend only on (seed, replicate, stratum, index), so any student of
// any run can be replayed exactly: `doorstroom trace --stratum pro --student 17` shows the same
// life that student lived in `doorstroom run` with the same seed and parameters.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/chain/chain_model.h"

namespace doorstroom::models {

struct TraceEvent {
  double t = 0.0;    // years since 1 August of the start year
  double age = 0.0;
  std::string from, to, event;  // event: the risk or yearly decision that moved the student
};

struct Biography {
  std::string stratum;
  std::uint64_t student = 0;
  std::uint32_t replicate = 0;
  std::string start_state;
  double start_age = 0.0;
  std::vector<TraceEvent> events;
};

Biography trace_student(const ChainModel& model, int stratum, std::uint64_t student, std::uint32_t seed,
                        std::uint32_t replicate);

// Which students `doorstroom trace` replays: the first `students` of each stratum, or the one
// `student`; in every stratum, or only in the one named.
struct TraceSelection {
  std::string stratum;                    // empty: every stratum
  std::uint64_t students = 10;            // how many, from index 0, per stratum
  std::optional<std::uint64_t> student;   // only this one
  std::uint32_t seed = 1, replicate = 0;  // of the run to replay
};

// The selected biographies, stratum by stratum in the model's order. A stratum the model does not
// have is an InputError that lists the strata it has.
std::vector<Biography> trace_students(const ChainModel& model, const TraceSelection& selection);

// "leerling 17 (pro), 12 jaar in augustus 2012: ..." with dates from start_year (1 August).
std::string describe(const Biography& b, int start_year);
std::string biographies_csv(const std::vector<Biography>& bs, int start_year);

}  // namespace doorstroom::models
