#pragma once
// The workshop: the scenarios a facilitator can pick, the sliders for the main assumptions, and
// one comparison per request (base against the picked scenario, common random numbers), as JSON
// for the page. Everything is loaded when the server starts; a request only names a scenario and
// slider positions, never a file.
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/chain/scenario.h"
#include "models/studies/comparison.h"
#include "serve/limits.h"

namespace doorstroom::serve {

// A slider multiplies a set of parameters by one factor. World sliders (the main assumptions of
// the model) act on base and scenario alike; a scenario's own sliders scale its assumed effect.
struct Slider {
  std::string id;                       // query key: "world.entree_uitval", "effect.modifier.x"
  std::string label;                    // Dutch, for the page
  std::string help;                     // the assumption or source, one line
  std::vector<std::string> paths;       // parameter paths (models/chain/parameter_path.h) it scales
  double low = 0.5, high = 1.5;         // multiplier range
  bool scenario_only = false;
};

struct WorkshopScenario {
  models::Scenario scenario;
  std::vector<Slider> sliders;  // world sliders first, then the scenario's own assumptions
};

// A request, checked: the scenario by name, students per arm, a multiplier per moved slider.
struct WorkshopQuery {
  std::string scenario;
  std::uint64_t students = 0;
  std::uint32_t seed = 1;
  std::map<std::string, double> multipliers;  // slider id -> factor
};

// A request the server refuses with 400; the message says which key and what was expected.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The world sliders for a parameter set: the main assumptions, each over its records' rates.
std::vector<Slider> world_sliders(const models::ParameterSet& parameters);

class Workshop {
 public:
  // base: the baseline; scenarios: the library a facilitator picks from (the baseline itself may
  // be among them and then compares to itself: zero difference).
  Workshop(models::Scenario base, const std::vector<models::Scenario>& scenarios);

  const std::vector<WorkshopScenario>& scenarios() const { return scenarios_; }
  const WorkshopScenario* find(const std::string& name) const;

  // key=value pairs from a URL, in order. Throws QueryError.
  WorkshopQuery parse_query(const std::vector<std::pair<std::string, std::string>>& params,
                            const ServeLimits& limits) const;

  // JSON for the page's picker: scenarios with titles, descriptions and sliders.
  std::string scenarios_json(const ServeLimits& limits) const;

  // Runs the comparison and returns it as JSON. `cancelled` is polled between replicates, so a
  // run past the time limit stops (it throws models::Cancelled then).
  std::string compare_json(const WorkshopQuery& query, const ServeLimits& limits,
                           const std::function<bool()>& cancelled = {}) const;

 private:
  models::Scenario base_;
  std::vector<WorkshopScenario> scenarios_;
};

}  // namespace doorstroom::serve
