"""doorstroom's baseline chain vectorised with NumPy: arrays of students, one event per step.

All students of all strata live in flat arrays (stratum, state, clock, stay start, due time of
each competing risk, census flags). Each step gives every student still in follow-up their own
next event, exactly as engine/simulate.h orders them (census first, then the yearly decision,
then the earliest due risk), and handles the three kinds in bulk with masks, gathers from
per-(stratum, state) tables and bincounts. A student's step is the same as in doorstroom; only
the bookkeeping is by array. Hazards are inverted in closed form per piece, with the age effect
(kwalificatieplicht) as a factor on the cumulative hazard from the age on.

Run: /usr/bin/python3 bench/peers/numpy_chain.py --students 1000000 --out /tmp/numpy.json
"""
import os
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chain_params as cp  # noqa: E402

INF = np.inf


class Tables:
    """The compiled model as dense arrays, so that a student's rules are one gather away."""

    def __init__(self, model):
        G, S = len(model.strata), cp.N_STATES
        hazards, branches = [], []
        self.R = max(1, max(len(model.risks[g][s]) for g in range(G) for s in range(S)))
        self.risk_id = np.full((G, S, self.R), -1, dtype=np.int64)
        self.yearly_id = np.full((G, S), -1, dtype=np.int64)
        yearly = []
        for g in range(G):
            for s in range(S):
                for r, risk in enumerate(model.risks[g][s]):
                    self.risk_id[g, s, r] = len(hazards)
                    hazards.append(risk)
                    branches.append(risk.to)
                y = model.yearly[g][s]
                if y is not None:
                    self.yearly_id[g, s] = len(yearly)
                    yearly.append(y)
        P = max([len(h.starts) for h in hazards] + [1])
        nh = max(len(hazards), 1)
        self.starts = np.full((nh, P), INF)
        self.rates = np.zeros((nh, P))
        self.age = np.zeros(nh)
        self.factor = np.ones(nh)
        for i, h in enumerate(hazards):
            self.starts[i, :len(h.starts)] = h.starts
            self.rates[i, :len(h.rates)] = h.rates
            self.age[i], self.factor[i] = h.age, h.factor
        # A piece ends where the next starts; the last real piece runs to infinity.
        self.ends = np.concatenate([self.starts[:, 1:], np.full((nh, 1), INF)], axis=1)
        with np.errstate(invalid="ignore"):  # padding: inf - inf where the rate is 0 anyway
            widths = np.where(self.rates > 0, self.ends - self.starts, 0.0)
        self.mass = np.where(self.rates > 0, self.rates * widths, 0.0)
        self.cum = np.cumsum(self.mass, axis=1)  # cumulative hazard at each piece's end
        self.cum_before = np.concatenate([np.zeros((nh, 1)), self.cum[:, :-1]], axis=1)
        # Branches: hazard risks first, then yearly decisions at an offset.
        self.yearly_branch0 = len(branches)
        branches += [y.to for y in yearly]
        B = max(len(b) for b in branches)
        nb = len(branches)
        self.b_cum = np.full((nb, B), INF)
        self.b_to = np.zeros((nb, B), dtype=np.int64)
        self.b_min_age = np.zeros((nb, B))
        self.b_n = np.zeros(nb, dtype=np.int64)
        for i, b in enumerate(branches):
            probs = np.array([p for _, p, _ in b])
            self.b_cum[i, :len(b)] = np.cumsum(probs)
            self.b_to[i, :len(b)] = [t for t, _, _ in b]
            self.b_min_age[i, :len(b)] = [a for _, _, a in b]
            self.b_n[i] = len(b)
        self.b_total = self.b_cum[np.arange(nb), self.b_n - 1]
        L = max([len(y.leave) for y in yearly] + [1])
        self.leave = np.zeros((max(len(yearly), 1), L))
        self.leave_n = np.ones(max(len(yearly), 1), dtype=np.int64)
        for i, y in enumerate(yearly):
            self.leave[i, :len(y.leave)] = y.leave
            self.leave_n[i] = len(y.leave)
        self.has_yearly = self.yearly_id >= 0
        self.phase = np.array([y.phase for y in yearly] + [0.0])
        self.min_stay = np.array([y.min_stay for y in yearly] + [0.0])
        # State attributes as arrays.
        self.place_vo = np.array([p == "vo" for p in cp.PLACE])
        self.place_entree = np.array([p == "entree" for p in cp.PLACE])
        self.in_mbo = np.array(cp.IN_MBO)
        self.cred_entree = np.array([c == "entree" for c in cp.CREDENTIAL])
        self.cred_sk = np.array([c == "startkwalificatie" for c in cp.CREDENTIAL])
        self.measures = np.array([[[cp.measures_for(s, bool(e), bool(k)) for k in (0, 1)] for e in (0, 1)]
                                  for s in range(S)], dtype=np.float64)  # [s, entree, sk, m]

    def cumulative(self, h, d):
        """Cumulative hazard of hazards h at durations d (no age effect)."""
        span = np.clip(np.minimum(self.ends[h], d[:, None]) - self.starts[h], 0.0, None)
        return np.sum(np.where(self.rates[h] > 0, self.rates[h] * span, 0.0), axis=1)

    def invert(self, h, e):
        """The duration at which the cumulative hazard of h reaches e (inf if never)."""
        reach = (self.cum[h] >= e[:, None]) & (self.rates[h] > 0)
        j = np.argmax(reach, axis=1)
        found = reach[np.arange(len(h)), j]
        rate = self.rates[h, j]
        d = self.starts[h, j] + (e - self.cum_before[h, j]) / np.where(found, rate, 1.0)
        return np.where(found, d, INF)

    def effective_cumulative(self, h, d, age_at_entry):
        """Cumulative hazard with the age factor applied from the age on."""
        c = np.maximum(self.age[h] - age_at_entry, 0.0)
        f = self.factor[h]
        base = self.cumulative(h, d)
        before = self.cumulative(h, np.minimum(d, c))
        return np.where(f == 1.0, base, before + f * (base - before))

    def effective_invert(self, h, e, age_at_entry):
        """Inverse of the cumulative hazard with the age factor (engine PiecewiseHazard::scaled_from)."""
        f = self.factor[h]
        out = self.invert(h, e)
        aged = f != 1.0
        if aged.any():
            ha, ea = h[aged], e[aged]
            c = np.maximum(self.age[ha] - age_at_entry[aged], 0.0)
            at_c = self.cumulative(ha, c)
            fa = f[aged]
            with np.errstate(divide="ignore", invalid="ignore"):
                later = np.where(fa > 0, self.invert(ha, at_c + (ea - at_c) / np.where(fa > 0, fa, 1.0)), INF)
            out[aged] = np.where(ea <= at_c, out[aged], later)
        return out

    def choose(self, b, u, age):
        """Destinations of branches b for uniforms u; -1 where the admission age is not reached."""
        x = u * self.b_total[b]
        i = np.sum(self.b_cum[b] <= x[:, None], axis=1)
        i = np.minimum(i, self.b_n[b] - 1)
        to = self.b_to[b, i]
        return np.where(age + 1e-12 >= self.b_min_age[b, i], to, -1)


def next_after(t, phase):
    return phase + np.floor(t - phase + 1e-9) + 1.0


def simulate(model, students, seed):
    tb = Tables(model)
    rng = np.random.default_rng(seed)
    simulated = model.allocate(students)
    G, K, H, S = len(model.strata), model.censuses(), model.horizon, cp.N_STATES
    NP = len(cp.POPULATIONS)
    n = sum(simulated)
    g = np.repeat(np.arange(G), simulated)
    age0 = np.array([s.age for s in model.strata])[g]
    end = np.array([s.end for s in model.strata])[g]
    followed = np.array([model.followed(i) for i in range(G)])[g]
    chain = np.array([s.starts_in_vo for s in model.strata])[g]

    # Start states.
    state = np.empty(n, dtype=np.int64)
    u = rng.random(n)
    for i, s in enumerate(model.strata):
        sel = g == i
        cum = np.cumsum([p for _, p in s.start])
        idx = np.minimum(np.searchsorted(cum, u[sel] * cum[-1], side="right"), len(cum) - 1)
        state[sel] = np.array([st for st, _ in s.start])[idx]
    t = np.zeros(n)
    entered = np.zeros(n)
    due = np.full((n, tb.R), INF)
    entree_diploma = tb.cred_entree[state].copy()
    startkwal = tb.cred_sk[state].copy()
    left_vo = np.zeros(n, dtype=bool)
    in_entree_at_census = np.zeros(n, dtype=bool)  # at the previous census: CBS's school-leavers
    t_dec = np.full(n, INF)  # the stay's next decision or exam date, and its number in the stay
    dec_n = np.ones(n, dtype=np.int64)
    reference = np.full((NP, n), -1, dtype=np.int64)  # population-major: one row per gather

    occupancy = np.zeros(G * K * S, dtype=np.int64)
    by_kind = np.zeros(NP * G * (H + 1) * S * 4, dtype=np.int64)

    def start_stay(idx):
        """New due times for every risk of the state each student in idx has just entered."""
        rid = tb.risk_id[g[idx], state[idx]]  # (len, R)
        y = tb.yearly_id[g[idx], state[idx]]
        t_dec[idx] = np.where(y >= 0, next_after(entered[idx] + tb.min_stay[y], tb.phase[y]), INF)
        dec_n[idx] = 1
        due[idx] = INF
        for r in range(tb.R):
            has = rid[:, r] >= 0
            if not has.any():
                continue
            who = idx[has]
            e = rng.exponential(size=len(who))
            due[who, r] = entered[who] + tb.effective_invert(rid[has, r], e, age0[who] + entered[who])

    def move(idx, to):
        frm = state[idx]
        entree_diploma[idx] |= tb.cred_entree[to]
        startkwal[idx] |= tb.cred_sk[to]
        left_vo[idx] |= chain[idx] & tb.place_vo[frm] & ~tb.place_vo[to]
        state[idx] = to
        entered[idx] = t[idx]
        start_stay(idx)

    def census(idx):
        k = np.rint(t[idx] - cp.CENSUS_PHASE).astype(np.int64)
        s = state[idx]
        gi = g[idx]
        occupancy[:] += np.bincount((gi * K + k) * S + s, minlength=G * K * S)
        value = np.where(k + H < followed[idx], k, -2)

        def join(p, cond):
            sel = cond & (reference[p, idx] == -1)
            reference[p, idx[sel]] = value[sel]
        join(0, left_vo[idx])
        join(1, tb.place_entree[s])
        join(2, tb.in_mbo[s])
        # An entree leaver as CBS counts one: in entree at the last census, not in mbo at this one.
        lev = in_entree_at_census[idx] & ~tb.in_mbo[s]
        diploma = entree_diploma[idx] | startkwal[idx]
        join(3, lev)
        join(4, lev & diploma)
        join(5, lev & ~diploma)
        in_entree_at_census[idx] = tb.place_entree[s]
        # Count students by (population, stratum, horizon, state, diplomas); the measures follow
        # from state and diplomas alone, so they are expanded once at the end.
        kind = (s * 2 + entree_diploma[idx]) * 2 + startkwal[idx]
        for p in range(NP):
            ref = reference[p, idx]
            ok = (ref >= 0) & (k - ref <= H)
            if not ok.any():
                continue
            cell = ((p * G + gi[ok]) * (H + 1) + (k[ok] - ref[ok])) * (S * 4) + kind[ok]
            by_kind[:] += np.bincount(cell, minlength=len(by_kind))

    start_stay(np.arange(n))
    active = np.arange(n)
    while len(active):
        tt, st = t[active], state[active]
        t_census = next_after(tt, cp.CENSUS_PHASE)
        t_decision = t_dec[active]
        d = due[active]
        k_risk = np.argmin(d, axis=1)
        t_risk = d[np.arange(len(active)), k_risk]
        t_next = np.minimum(np.minimum(t_census, t_decision), t_risk)
        going = t_next <= end[active]
        active, t_census, t_decision, t_risk, k_risk, t_next = (
            a[going] for a in (active, t_census, t_decision, t_risk, k_risk, t_next))
        if not len(active):
            break
        t[active] = t_next
        is_census = (t_census <= t_decision) & (t_census <= t_risk)
        is_decision = ~is_census & (t_decision <= t_risk)
        is_risk = ~is_census & ~is_decision

        census(active[is_census])

        who = active[is_decision]
        if len(who):
            u_leave = rng.random(len(who))
            u_where = rng.random(len(who))
            y = tb.yearly_id[g[who], state[who]]
            nth = dec_n[who]
            t_dec[who] = next_after(t[who], tb.phase[y])
            dec_n[who] += 1
            prob = tb.leave[y, np.minimum(nth, tb.leave_n[y]) - 1]
            leave = u_leave < prob
            who, y, u_where = who[leave], y[leave], u_where[leave]
            to = tb.choose(tb.yearly_branch0 + y, u_where, age0[who] + t[who])
            ok = to >= 0
            move(who[ok], to[ok])

        who = active[is_risk]
        if len(who):
            r = k_risk[is_risk]
            rid = tb.risk_id[g[who], state[who], r]
            to = tb.choose(rid, rng.random(len(who)), age0[who] + t[who])
            gated = to < 0
            if gated.any():
                # Below the admission age: the risk waits for its next occurrence, same clock.
                wg, rg, hg = who[gated], r[gated], rid[gated]
                a_in = age0[wg] + entered[wg]
                now = tb.effective_cumulative(hg, t[wg] - entered[wg], a_in)
                due[wg, rg] = entered[wg] + tb.effective_invert(hg, now + rng.exponential(size=len(wg)), a_in)
            move(who[~gated], to[~gated])

    by_kind = by_kind.reshape(NP, G, H + 1, S, 2, 2)
    measures = tb.measures.astype(np.int64)  # [s, entree, sk, m]
    return simulated, {
        "occupancy": occupancy.reshape(G, K, S).tolist(),
        "members": by_kind.sum(axis=(3, 4, 5)).tolist(),
        "counts": np.einsum("pghsek,sekm->pghm", by_kind, measures).tolist(),
    }


def main(argv=None):
    cp.run_peer("numpy", simulate, 1000000, __doc__.split("\n")[0], argv)


if __name__ == "__main__":
    main()
