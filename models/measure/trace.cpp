#include "models/measure/trace.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "engine/runner.h"
#include "engine/simulate.h"
#include "models/chain/states.h"
#include "models/io/input_error.h"

namespace doorstroom::models {
namespace {

struct Recorder {
  const ChainModel& model;
  Biography& b;
  double age0;
  void begin(int, std::uint64_t, int state) { b.start_state = std::string(info(state).name); }
  void census(int, int, engine::Years) {}
  void transition(int from, int to, int risk, engine::Years t) {
    b.events.push_back({t, age0 + t, std::string(info(from).name), std::string(info(to).name),
                        model.risk_names[static_cast<std::size_t>(risk)]});
  }
  void end(engine::Years) {}
};

constexpr std::array<const char*, 12> kMonths{"januari", "februari", "maart",     "april",   "mei",      "juni",
                                              "juli",    "augustus", "september", "oktober", "november", "december"};

std::string date(double t, int start_year) {
  const int months = 7 + static_cast<int>(std::floor(t * 12.0 + 1e-9));  // t = 0 is 1 August
  return std::string(kMonths[static_cast<std::size_t>(months % 12)]) + " " + std::to_string(start_year + months / 12);
}

// The users' words for a state, from the state table (models/chain/states.h).
std::string words(const std::string& state) {
  const auto s = state_named(state);
  return s ? std::string(info(*s).label) : state;
}

std::string event_words(const TraceEvent& e) {
  if (e.event == "diploma" && e.from.rfind("entree", 0) == 0) return "entreediploma";
  if (e.event == "diploma") return e.from == "mbo3plus" ? "diploma" : "startkwalificatie (diploma niveau 2)";
  if (e.event == "uitval") return "uitval zonder diploma";
  if (e.event == "switch") return "switch naar een andere entreeopleiding";
  if (e.event.size() > 9 && e.event.substr(e.event.size() - 9) == "_verlaten") return "verlaat " + words(e.from);
  std::string s = e.event;
  for (char& c : s)
    if (c == '_') c = ' ';
  return s;
}

}  // namespace

Biography trace_student(const ChainModel& model, int stratum, std::uint64_t student, std::uint32_t seed,
                        std::uint32_t replicate) {
  Biography b;
  b.stratum = model.strata[static_cast<std::size_t>(stratum)].name;
  b.student = student;
  b.replicate = replicate;
  b.start_age = model.process.group(stratum).age_at_start;
  Recorder recorder{model, b, b.start_age};
  engine::CaseStream rng(seed, replicate, engine::case_id(stratum, student));
  engine::simulate_case(model.process, stratum, student, rng, recorder);
  return b;
}

std::vector<Biography> trace_students(const ChainModel& model, const TraceSelection& selection) {
  const std::uint64_t first = selection.student.value_or(0), last = selection.student ? first + 1 : selection.students;
  std::vector<Biography> biographies;
  bool found = selection.stratum.empty();
  for (int g = 0; g < static_cast<int>(model.strata.size()); ++g) {
    if (!selection.stratum.empty() && model.strata[static_cast<std::size_t>(g)].name != selection.stratum) continue;
    found = true;
    for (std::uint64_t i = first; i < last; ++i)
      biographies.push_back(trace_student(model, g, i, selection.seed, selection.replicate));
  }
  if (!found) {
    std::string names;
    for (const auto& s : model.strata) names += " " + s.name;
    throw InputError("trace: unknown stratum '" + selection.stratum + "' (strata:" + names + ")");
  }
  return biographies;
}

std::string describe(const Biography& b, int start_year) {
  char head[160];
  std::snprintf(head, sizeof head, "leerling %llu (%s), %d jaar in %s: %s", static_cast<unsigned long long>(b.student),
                b.stratum.c_str(), static_cast<int>(std::floor(b.start_age)), date(0.0, start_year).c_str(),
                words(b.start_state).c_str());
  std::string out = head;
  for (const auto& e : b.events) {
    out += "; " + date(e.t, start_year) + " (" + std::to_string(static_cast<int>(std::floor(e.age))) + " jaar): " +
           event_words(e) + ", naar " + words(e.to);
  }
  return out + "\n";
}

std::string biographies_csv(const std::vector<Biography>& bs, int start_year) {
  std::string out = "stratum,student,replicate,time_years,date,age,from,to,event\n";
  char buffer[320];
  for (const auto& b : bs)
    for (const auto& e : b.events) {
      std::snprintf(buffer, sizeof buffer, "%s,%llu,%u,%.4f,%s,%.2f,%s,%s,%s\n", b.stratum.c_str(),
                    static_cast<unsigned long long>(b.student), b.replicate, e.t, date(e.t, start_year).c_str(), e.age,
                    e.from.c_str(), e.to.c_str(), e.event.c_str());
      out += buffer;
    }
  return out;
}

}  // namespace doorstroom::models
