"""doorstroom's baseline chain as a process-per-student model in SimPy 2 (Debian's python3-simpy).

Each student is a SimPy Process. Its process execution method is the student's life, the same
loop as engine/simulate.h: at the start of each stay every competing risk draws one Exp(1) and
turns it into a due time by inverting its piecewise-constant cumulative hazard (with the age
effect folded in); the student then holds until the earliest of the next census (1 October), the
next yearly decision or exam (its date after the minimum stay; 1 August by default) and the earliest due risk. Census first,
then the decision, then the risks, at equal times. A destination below its admission age is not
taken: after a yearly decision the student stays, after a hazard the risk waits for its next
occurrence. The census tally mirrors models/measure/census.cpp.

Run: /usr/bin/python3 bench/peers/simpy_chain.py --students 20000 --out /tmp/simpy.json
"""
import math
import os
import random
import sys

from SimPy.Simulation import Process, Simulation, hold

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chain_params as cp  # noqa: E402

NEVER = math.inf


class Hazard:
    """A piecewise-constant hazard (engine/hazard.h), its pieces as two parallel lists."""
    __slots__ = ("starts", "rates")

    def __init__(self, starts, rates):
        self.starts, self.rates = starts, rates

    def scaled_from(self, start, factor):
        if factor == 1.0:
            return self
        start = max(start, 0.0)
        s, r = [], []
        n = len(self.starts)
        for i in range(n):
            end = self.starts[i + 1] if i + 1 < n else NEVER
            if end <= start:
                s.append(self.starts[i]); r.append(self.rates[i])
            elif self.starts[i] >= start:
                s.append(self.starts[i]); r.append(self.rates[i] * factor)
            else:
                s += [self.starts[i], start]; r += [self.rates[i], self.rates[i] * factor]
        return Hazard(s, r)

    def cumulative(self, d):
        total, n = 0.0, len(self.starts)
        for i in range(n):
            if self.starts[i] >= d:
                break
            end = min(self.starts[i + 1], d) if i + 1 < n else d
            total += self.rates[i] * (end - self.starts[i])
        return total

    def invert(self, e):
        n = len(self.starts)
        for i in range(n):
            rate = self.rates[i]
            if i + 1 == n:
                return self.starts[i] + e / rate if rate > 0.0 else NEVER
            mass = rate * (self.starts[i + 1] - self.starts[i])
            if rate > 0.0 and e <= mass:
                return self.starts[i] + e / rate
            e -= mass
        return NEVER


def choose(branch, u, age):
    """The destination for a uniform u (engine/branch.h), or None if below its admission age."""
    total = sum(p for _, p, _ in branch)
    x, acc = u * total, 0.0
    for i, (to, p, min_age) in enumerate(branch):
        acc += p
        if x < acc or i + 1 == len(branch):
            return to if age + 1e-12 >= min_age else None


class Tallies:
    """The counts of all students, shared by their records."""

    def __init__(self, model):
        self.model = model
        self.counts = cp.empty_counts(model)
        # The measures that hold, by (state, entree diploma, startkwalificatie), as index lists.
        self.measure_table = {(s, e, k): [m for m, v in enumerate(cp.measures_for(s, e, k)) if v]
                              for s in range(cp.N_STATES) for e in (False, True) for k in (False, True)}


class CensusRecord:
    """One student's census history: populations and measures at every 1 October, as
    models/measure/census.cpp counts them. One per student, because SimPy runs the students side by side."""

    def __init__(self, tallies, g, state):
        model = tallies.model
        self.counts, self.measure_table, self.h = tallies.counts, tallies.measure_table, model.horizon
        self.g = g
        self.chain = model.strata[g].starts_in_vo
        self.followed = model.followed(g)
        self.reference = [-1] * len(cp.POPULATIONS)
        self.left_vo = False
        self.in_entree_at_census = False  # at the previous census: CBS's school-leavers
        self.entree_diploma = cp.CREDENTIAL[state] == "entree"
        self.startkwalificatie = cp.CREDENTIAL[state] == "startkwalificatie"

    def transition(self, frm, to):
        cred = cp.CREDENTIAL[to]
        if cred == "entree":
            self.entree_diploma = True
        elif cred == "startkwalificatie":
            self.startkwalificatie = True
        if self.chain and cp.PLACE[frm] == "vo" and cp.PLACE[to] != "vo":
            self.left_vo = True

    def census(self, k, state):
        c = self.counts
        if k < len(c["occupancy"][self.g]):
            c["occupancy"][self.g][k][state] += 1
        ref = self.reference
        value = k if k + self.h < self.followed else -2

        def join(p):
            if ref[p] == -1:
                ref[p] = value
        if self.left_vo:
            join(0)
        if cp.PLACE[state] == "entree":
            join(1)
        if cp.IN_MBO[state]:
            join(2)
        # An entree leaver as CBS counts one: in entree at the last census, not in mbo at this one.
        if self.in_entree_at_census and not cp.IN_MBO[state]:
            join(3)
            join(4 if self.entree_diploma or self.startkwalificatie else 5)
        self.in_entree_at_census = cp.PLACE[state] == "entree"
        holds = self.measure_table[(state, self.entree_diploma, self.startkwalificatie)]
        for p in range(len(ref)):
            r = ref[p]
            if r < 0 or k - r > self.h:
                continue
            c["members"][p][self.g][k - r] += 1
            row = c["counts"][p][self.g][k - r]
            for m in holds:
                row[m] += 1


class Student(Process):
    def __init__(self, sim, model, g, rng, tallies):
        Process.__init__(self, name="student", sim=sim)
        self.model, self.g, self.rng, self.tallies = model, g, rng, tallies

    def life(self):
        model, g, rng = self.model, self.g, self.rng
        stratum = model.strata[g]
        age0, end = stratum.age, stratum.end
        state = choose([(s, p, 0.0) for s, p in stratum.start], rng.random(), NEVER)
        t = entered = 0.0
        hazards, due = [], []

        decision = {"t": NEVER, "n": 0}

        def start_stay():
            yearly = model.yearly[g][state]
            decision["t"] = yearly.first_date(entered) if yearly else NEVER
            decision["n"] = 1
            hazards.clear(); due.clear()
            for risk in model.risks[g][state]:
                h = Hazard(risk.starts, risk.rates).scaled_from(risk.age - (age0 + entered), risk.factor)
                hazards.append(h)
                due.append(entered + h.invert(rng.expovariate(1.0)))

        tally = CensusRecord(self.tallies, g, state)
        start_stay()
        while True:
            yearly = model.yearly[g][state]
            t_census = cp.next_after(t, cp.CENSUS_PHASE)
            t_decision = decision["t"]
            t_risk, k = NEVER, -1
            for i, d in enumerate(due):
                if d < t_risk:
                    t_risk, k = d, i
            t_next = min(t_census, t_decision, t_risk)
            if t_next > end:
                return
            yield hold, self, t_next - self.sim.now()
            t = t_next
            if t_census <= t_decision and t_census <= t_risk:
                tally.census(round(t - cp.CENSUS_PHASE), state)
                continue
            if t_decision <= t_risk:
                u_leave, u_where = rng.random(), rng.random()
                n = decision["n"]
                decision["t"], decision["n"] = cp.next_after(t, yearly.phase), n + 1
                if u_leave < yearly.probability_at(n):
                    to = choose(yearly.to, u_where, age0 + t)
                    if to is not None:
                        tally.transition(state, to)
                        state, entered = to, t
                        start_stay()
                continue
            risk = model.risks[g][state][k]
            to = choose(risk.to, rng.random(), age0 + t)
            if to is None:
                h = hazards[k]
                due[k] = entered + h.invert(h.cumulative(t - entered) + rng.expovariate(1.0))
                continue
            tally.transition(state, to)
            state, entered = to, t
            start_stay()


def simulate(model, students, seed):
    simulated = model.allocate(students)
    rng = random.Random(seed)
    tallies = Tallies(model)
    sim = Simulation()
    sim.initialize()
    for g, n in enumerate(simulated):
        for _ in range(n):
            s = Student(sim, model, g, rng, tallies)
            sim.activate(s, s.life())
    sim.simulate(until=max(s.end for s in model.strata))
    return simulated, tallies.counts


def main(argv=None):
    cp.run_peer("simpy", simulate, 20000, __doc__.split("\n")[0], argv)


if __name__ == "__main__":
    main()
