// A student's biography replays exactly: the same seed and index give the same life, and the
// life is the one the census counted in a run.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/runner.h"
#include "models/io/input_error.h"
#include "models/measure/trace.h"
#include "models/studies/run.h"
#include "models/studies/simulation.h"

using namespace doorstroom;

TEST_CASE("a traced student is the same student the run simulated", "[trace]") {
  const auto model = models::compile(models::load("", "").parameters);
  int pro = 0;
  for (int g = 0; g < model.process.groups(); ++g)
    if (model.strata[static_cast<std::size_t>(g)].name == "pro") pro = g;
  for (std::uint64_t i = 0; i < 50; ++i) {
    const auto a = models::trace_student(model, pro, i, 7, 2);
    const auto b = models::trace_student(model, pro, i, 7, 2);
    REQUIRE(a.events.size() == b.events.size());
    for (std::size_t k = 0; k < a.events.size(); ++k) CHECK(a.events[k].t == b.events[k].t);
    // The census of that one student agrees with the biography's state at census 6 (t = 6 + 2/12).
    models::CensusTally tally = models::empty_tally(model);
    engine::CaseStream rng(7, 2, engine::case_id(pro, i));
    engine::simulate_case(model.process, pro, i, rng, tally);
    std::string state = a.start_state;
    for (const auto& e : a.events)
      if (e.t < 6.0 + 2.0 / 12.0) state = e.to;
    CHECK(tally.occupancy(pro, 6, static_cast<int>(*models::state_named(state))) == 1);
  }
  const auto line = models::describe(models::trace_student(model, pro, 2, 1, 0), 2012);
  CHECK(line.rfind("leerling 2 (pro), 12 jaar in augustus 2012: praktijkonderwijs", 0) == 0);
  CHECK(models::biographies_csv({models::trace_student(model, pro, 2, 1, 0)}, 2012)
            .rfind("stratum,student,replicate,time_years,date,age,from,to,event\npro,2,0,", 0) == 0);
}

TEST_CASE("trace_students replays the selected students, stratum by stratum", "[trace]") {
  const auto model = models::compile(models::load("", "").parameters);
  models::TraceSelection selection;
  selection.students = 3;
  const auto all = models::trace_students(model, selection);
  REQUIRE(all.size() == 3 * model.strata.size());
  CHECK(all[3].stratum == model.strata[1].name);
  CHECK(all[4].student == 1);
  selection.stratum = "isk";
  selection.student = 17;
  const auto one = models::trace_students(model, selection);
  REQUIRE(one.size() == 1);
  CHECK(one[0].stratum == "isk");
  CHECK(one[0].student == 17);
  const auto isk = std::find_if(model.strata.begin(), model.strata.end(), [](const auto& s) { return s.name == "isk"; });
  CHECK(one[0].events.size() == models::trace_student(model, static_cast<int>(isk - model.strata.begin()), 17, 1, 0).events.size());
}

TEST_CASE("an unknown stratum to trace is refused with the list of strata", "[trace]") {
  const auto model = models::compile(models::load("", "").parameters);
  models::TraceSelection selection;
  selection.stratum = "mavo";
  CHECK_THROWS_AS(models::trace_students(model, selection), models::InputError);
  CHECK_THROWS_WITH(models::trace_students(model, selection),
                    "trace: unknown stratum 'mavo' (strata: geen_diploma_vo isk onbekend pro vbo vmbo_b vso)");
}
