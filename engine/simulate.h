#pragma once
// The life of one case, from t = 0 to its group's end time: the driver loop of the engine.
//
// At the start of each stay in a state, every competing risk draws one Exp(1) and turns it into an
// absolute due time through its hazard (with the age effect folded in). Then the loop takes the
// earliest of: the next census (observed, nothing changes), the next yearly decision date (if the
// state has one), and the earliest due risk. A move starts a new stay; nothing else redraws.
//
// Observer requirements (all called in time order):
//   void begin(int group, std::uint64_t index, int state);       // at t = 0
//   void census(int k, int state, Years t);                      // the k-th census, k = 0, 1, ...
//   void transition(int from, int to, int risk_id, Years t);     // from == to restarts a stay
//   void end(Years t);                                         // at the group's end time
// and optionally
//   void repeat_census(int first, int last, int state);          // censuses first .. last - 1
// which, if present, replaces the census calls after the first of a run of censuses with no event
// between them (the same state, nothing else changed): an observer that counts such a run in one
// step saves a call per census.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "engine/process.h"
#include "engine/rng.h"

namespace doorstroom::engine {

inline PiecewiseHazard effective_hazard(const Risk& risk, double age_at_entry) {
  if (risk.age_effect.factor == 1.0) return risk.hazard;
  return risk.hazard.scaled_from(risk.age_effect.age - age_at_entry, risk.age_effect.factor);
}

// The due time of a risk whose stay began at age `age_at_entry`: effective_hazard(risk,
// age_at_entry).invert(e), without copying the hazard.
inline double invert_at_age(const Risk& risk, double age_at_entry, double e) {
  return risk.hazard.invert_scaled_from(risk.age_effect.age - age_at_entry, risk.age_effect.factor, e);
}

// The due times of a stay's risks by the full walk through StateRules (rules not prepared or
// changed since). Out of line: the prepared path is the one that runs, and this keeps it small.
[[gnu::noinline]] inline void draw_due_times(const StateRules& rules, Years entered, double age_at_entry,
                                             CaseStream& rng, std::array<Years, StateRules::kMaxRisks>& due) {
  for (int i = 0; i < rules.n_risks; ++i)
    due[static_cast<std::size_t>(i)] =
        entered + invert_at_age(rules.risks[static_cast<std::size_t>(i)], age_at_entry, rng.exponential());
}

// The due times of a stay's risks from its hot table (see HotRules), and the earliest of them.
// A draw within the first piece, before any age effect, is e / rate0: the first step of
// invert_scaled_from, with the same comparisons and arithmetic, without its loop or reading the
// Risk (every constant hazard ends here). Everything else takes the full walk. The earliest is
// found as the draws come, in risk order with a strict <, as a search after them would find it.
struct Earliest {
  Years t = PiecewiseHazard::kNever;
  int k = -1;

  // Risk i, due at d, in risk order. Branch-free: which risk comes first is random, so a jump here
  // mispredicts.
  void consider(Years d, int i) {
    const bool earlier = d < t;
    t = earlier ? d : t;
    k = earlier ? i : k;
  }
};
inline Earliest draw_hot(const HotRules& hot, const StateRules& rules, Years entered, double age_at_entry,
                         CaseStream& rng, std::array<Years, StateRules::kMaxRisks>& due) {
  Earliest first;
  for (int i = 0; i < hot.n_risks; ++i) {
    const double e = rng.exponential();
    const HotRisk& h = hot.risks[static_cast<std::size_t>(i)];
    const bool first_piece = e <= h.mass0 && h.aged_end0 <= std::max(h.age - age_at_entry, 0.0);
    const Years d = entered + (first_piece ? e / h.rate0
                                            : rules.risks[static_cast<std::size_t>(i)].hazard.invert_scaled_from(
                                                  h.age - age_at_entry, h.factor, e));
    due[static_cast<std::size_t>(i)] = d;
    first.consider(d, i);
  }
  return first;
}

inline Earliest earliest_of(const std::array<Years, StateRules::kMaxRisks>& due, int n_risks) {
  Earliest first;
  for (int i = 0; i < n_risks; ++i) first.consider(due[static_cast<std::size_t>(i)], i);
  return first;
}

// The driver loop is two loops: one pass of the outer loop per stay, the inner loop over the
// stay's events. Everything a stay reads is a local of the outer pass, so that the compiler keeps
// it in registers (lambdas capturing the loop's state by reference kept it in memory, and the
// start of a stay, called from two places, was not inlined).
template <class Observer>
void simulate_case(const Process& process, int g, std::uint64_t index, CaseStream& rng,
                   Observer& observer) {
  const Group& group = process.group(g);
  const YearlyDate census = process.census();
  const Years end = group.end;
  const double age_at_start = group.age_at_start;

  int state = group.start.choose(rng.uniform(), PiecewiseHazard::kNever);
  Years t = 0.0;
  std::array<Years, StateRules::kMaxRisks> due{};
  // The next census as an occurrence number (YearlyDate::advance), instead of a floor per event.
  int next_census = census.first_after(t);

  observer.begin(g, index, state);
  while (true) {
    // A new stay, entered at t: every risk draws its due time, and the decisions start over.
    const Years entered = t;
    const int rg = process.rules_group(g, entered);
    const StateRules& rules = process.rules(rg, state);
    const HotRules* hot = process.hot(rg, state);
    const double age_at_entry = age_at_start + entered;
    int n_risks = 0;
    bool has_yearly = false;
    // The earliest due risk, kept between events: only a new stay or a gated risk changes it.
    Earliest first;
    if (hot == nullptr || !hot->current) {
      // Rules not prepared, or changed since Process::prepare: the full walk for every risk, which
      // is what draw_hot computes too.
      n_risks = rules.n_risks;
      has_yearly = rules.has_yearly;
      draw_due_times(rules, entered, age_at_entry, rng, due);
      first = earliest_of(due, n_risks);
    } else {
      n_risks = hot->n_risks;
      has_yearly = hot->has_yearly;
      first = draw_hot(*hot, rules, entered, age_at_entry, rng, due);
    }
    // The stay's next decision date and its number within the stay (1 for the first).
    Years t_decision = has_yearly ? process.first_decision(rules.yearly, entered) : PiecewiseHazard::kNever;
    int decision_n = 1;

    int to = Branch::kStay;
    int risk_id = 0;
    while (to == Branch::kStay) {
      const Years t_event = std::min(t_decision, first.t);
      // The censuses up to the next event see the same state, so they run as one tight loop (a
      // census comes first at equal times).
      const Years last = std::min(t_event, end);
      if (census.at(next_census) <= last) {
        observer.census(next_census, state, census.at(next_census));
        const int run_end = census.end_of_run(next_census, last);
        if constexpr (requires { observer.repeat_census(0, 0, 0); }) {
          if (run_end > next_census + 1) observer.repeat_census(next_census + 1, run_end, state);
        } else {
          for (int k = next_census + 1; k < run_end; ++k) observer.census(k, state, census.at(k));
        }
        next_census = run_end;
      }
      if (t_event > end) {
        observer.end(end);
        return;
      }

      if (t_decision <= first.t) {
        t = t_decision;
        next_census = census.advance(next_census, t);
        // Always two draws, so that a changed probability does not shift the rest of the stream.
        const double u_leave = rng.uniform();
        const double u_where = rng.uniform();
        const int n = decision_n;
        t_decision = process.date_of(rules.yearly).next_after(t);
        ++decision_n;
        if (u_leave < rules.yearly.probability_at(n)) {
          to = rules.yearly.to.choose(u_where, age_at_start + t);
          risk_id = rules.yearly.id;
        }
        continue;
      }
      t = first.t;
      next_census = census.advance(next_census, t);
      const Risk& risk = rules.risks[static_cast<std::size_t>(first.k)];
      to = risk.to.choose(rng.uniform(), age_at_start + t);
      risk_id = risk.id;
      if (to == Branch::kStay) {
        // Gated by a minimum age: the case stays, and this risk waits for its next occurrence.
        const PiecewiseHazard h = effective_hazard(risk, age_at_entry);
        due[static_cast<std::size_t>(first.k)] = entered + h.invert(h.cumulative(t - entered) + rng.exponential());
        first = earliest_of(due, n_risks);
      }
    }
    observer.transition(state, to, risk_id, t);
    state = to;
  }
}

}  // namespace doorstroom::engine
