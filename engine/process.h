#pragma once
// The rules a case follows, as plain tables: for every (group, state), the competing risks with
// their piecewise-constant hazards and where each one leads, and at most one yearly decision (a
// move that can only happen on a fixed date each year, with a probability that depends on whole
// years spent in the state). A group is a kind of case with its own start distribution, age at
// t = 0, rules and end time. The engine runs these tables; what the states mean is the model's.
//
// Event order at equal times is (time, priority, sequence): census before yearly decision before
// hazard events, and among hazard risks the lower risk index first. Ties have probability zero for
// continuous hazards, but the order is fixed so that a run is a pure function of its inputs.
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/branch.h"
#include "engine/hazard.h"
#include "engine/time.h"

namespace doorstroom::engine {

// A rate multiplier that applies once the case reaches an age (ages in years, like time).
struct AgeEffect {
  double age = 0.0;
  double factor = 1.0;
};

struct Risk {
  int id = 0;  // the model's name for this risk (reported to observers)
  PiecewiseHazard hazard;
  AgeEffect age_effect;
  Branch to;
};

struct YearlyDecision {
  static constexpr int kMaxYears = 12;
  // The decision dates of a stay are the occurrences of its date strictly after entry + min_stay;
  // probability[n - 1] applies at the n-th of them, and the last entry repeats. A stay entered on
  // the date itself with min_stay 0 (leaving vo on 1 August) meets its n-th decision after n
  // completed years. A date late in the school year with a min_stay (an exam in June or July that
  // a student who started in spring does not sit yet) makes a decision follow the school year
  // rather than the time since entry, which is how programmes award diplomas.
  std::array<double, kMaxYears> probability{};
  int years = 0;
  std::optional<YearlyDate> date;  // unset: the process's decision date
  Years min_stay = 0.0;
  Branch to;
  int id = 0;

  [[nodiscard]] double probability_at(int n) const {
    if (years == 0 || n < 1) return 0.0;
    const int i = n - 1 < years ? n - 1 : years - 1;
    return probability[static_cast<std::size_t>(i)];
  }
};

struct StateRules {
  static constexpr int kMaxRisks = 8;
  int n_risks = 0;  // before the risks, which take kilobytes: every event reads these two
  bool has_yearly = false;
  std::array<Risk, kMaxRisks> risks{};
  YearlyDecision yearly;

  void add(const Risk& r) {
    if (n_risks == kMaxRisks) throw std::invalid_argument("a state has at most 8 competing risks");
    risks[static_cast<std::size_t>(n_risks++)] = r;
  }
  [[nodiscard]] bool absorbing() const { return n_risks == 0 && !has_yearly; }
};

// What the start of a stay reads, per (group, state): the first piece of each risk's hazard and its
// age effect, in a few cache lines beside each other instead of spread over StateRules' 5.7 KB.
// Most stays draw their due times from these alone (see simulate.h); the rest, and the event that
// fires, read StateRules.
struct HotRisk {
  double rate0 = 0.0;                       // the first piece's rate
  double end0 = PiecewiseHazard::kNever;    // where the first piece ends (kNever if it is the only one)
  double age = 0.0;                         // the age effect
  double factor = 1.0;
  // The first-piece test of simulate.h's draw_hot, with what does not depend on the stay worked
  // out once: a draw e stays in the first piece if e <= mass0 (rate0 * end0, or -1 where rate0 is
  // 0, which no draw passes) and aged_end0 <= max(age - age at entry, 0) (aged_end0 is end0 with
  // an age effect, -infinity without one, which every stay passes).
  double mass0 = -1.0;
  double aged_end0 = -PiecewiseHazard::kNever;
};
struct HotRules {
  int n_risks = 0;
  bool has_yearly = false;
  bool current = true;  // false once StateRules may have changed after Process::prepare
  std::array<HotRisk, StateRules::kMaxRisks> risks{};

  static HotRules of(const StateRules& rules) {
    HotRules h;
    h.n_risks = rules.n_risks;
    h.has_yearly = rules.has_yearly;
    for (int i = 0; i < rules.n_risks; ++i) {
      const Risk& r = rules.risks[static_cast<std::size_t>(i)];
      auto& out = h.risks[static_cast<std::size_t>(i)];
      // rate0 stays 0 (the full walk) unless the first piece starts at 0, as every hazard's does.
      if (r.hazard.pieces() > 0 && r.hazard.piece_start(0) == 0.0) out.rate0 = r.hazard.piece_rate(0);
      if (r.hazard.pieces() > 1) out.end0 = r.hazard.piece_start(1);
      out.age = r.age_effect.age;
      out.factor = r.age_effect.factor;
      if (out.rate0 > 0.0) out.mass0 = out.rate0 * out.end0;
      if (out.factor != 1.0) out.aged_end0 = out.end0;
    }
    return h;
  }
};

struct Group {
  std::string name;
  Branch start;        // the state at t = 0
  double age_at_start = 0.0;
  Years end = 10.0;    // a case is followed over [0, end]
  // A change of rules at a date (a policy that starts then): every stay entered at or after
  // switch_at follows the rules of group switch_to; stays already under way keep their own. Before
  // switch_at a case draws exactly what it would without the switch (common random numbers).
  Years switch_at = PiecewiseHazard::kNever;
  int switch_to = -1;
};

class Process {
 public:
  Process(int n_states, std::vector<Group> groups, YearlyDate census, YearlyDate decision)
      : n_states_(n_states),
        groups_(std::move(groups)),
        rules_(static_cast<std::size_t>(n_states) * groups_.size()),
        census_(census),
        decision_(decision) {
    for (const Group& g : groups_)
      if (g.switch_at != PiecewiseHazard::kNever && (g.switch_to < 0 || g.switch_to >= static_cast<int>(groups_.size())))
        throw std::invalid_argument("a group's switch_to names no group");
  }

  [[nodiscard]] int states() const { return n_states_; }
  [[nodiscard]] int groups() const { return static_cast<int>(groups_.size()); }
  [[nodiscard]] const Group& group(int g) const { return groups_[static_cast<std::size_t>(g)]; }
  // The group whose rules a stay of group g entered at `entered` follows (Group::switch_at).
  [[nodiscard]] int rules_group(int g, Years entered) const {
    const Group& gr = groups_[static_cast<std::size_t>(g)];
    return entered >= gr.switch_at ? gr.switch_to : g;
  }
  [[nodiscard]] const StateRules& rules(int g, int s) const { return rules_[index(g, s)]; }
  // Changing rules through this reference makes hot(g, s) stale until prepare(); simulate_case then
  // walks StateRules for that state, with the same result, only slower.
  StateRules& rules(int g, int s) {
    if (!hot_.empty()) hot_[index(g, s)].current = false;
    return rules_[index(g, s)];
  }
  // nullptr before the first prepare(). (The tables are built there, not in the constructor: a
  // constructor that sizes them makes g++ 12 report a false -Wrestrict in code that builds Groups.)
  [[nodiscard]] const HotRules* hot(int g, int s) const { return hot_.empty() ? nullptr : &hot_[index(g, s)]; }
  // Builds the hot tables once the rules are set (models::compile calls it last).
  void prepare() {
    hot_.clear();
    for (const StateRules& r : rules_) hot_.push_back(HotRules::of(r));
  }
  [[nodiscard]] YearlyDate census() const { return census_; }
  [[nodiscard]] YearlyDate decision() const { return decision_; }
  // The date of a yearly decision: its own, or the process's.
  [[nodiscard]] YearlyDate date_of(const YearlyDecision& d) const { return d.date.value_or(decision_); }
  // The first decision date of a stay entered at `entered`.
  [[nodiscard]] Years first_decision(const YearlyDecision& d, Years entered) const {
    return date_of(d).next_after(entered + d.min_stay);
  }

 private:
  [[nodiscard]] std::size_t index(int g, int s) const {
    return static_cast<std::size_t>(g) * static_cast<std::size_t>(n_states_) +
           static_cast<std::size_t>(s);
  }
  int n_states_;
  std::vector<Group> groups_;
  std::vector<StateRules> rules_;
  std::vector<HotRules> hot_;
  YearlyDate census_;
  YearlyDate decision_;
};

}  // namespace doorstroom::engine
