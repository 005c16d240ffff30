"""The doorstroom baseline model read from the same files doorstroom reads, for the peers.

Reads models/data/parameters.toml, merges models/data/calibrated.toml and then the scenario file
over it the way models/chain/scenario.cpp does (tables merge key by key, except `to`, `start` and `odds`,
which a patch replaces whole), and compiles the result the way models/chain/chain_model.cpp does: per
(stratum, state) the competing hazard risks in route-name order and at most one yearly decision,
each with its destination distribution (mixes expanded, odds modifiers applied, admission ages
attached). The peers (simpy_chain.py, numpy_chain.py) run these tables; neither knows any number
of its own.

Only what the peers need is checked here: doorstroom itself validates these files with file:line
messages, and this reader stops with the file and key when something it relies on is missing.
"""
import argparse
import json
import math
import os
import sys
import time
import tomllib
from dataclasses import dataclass, field

# models/chain/states.h: name, place, variant, credential, activity, in enum order.
STATES = [
    ("pro", "vo", None, "none", "in_education"),
    ("vso", "vo", None, "none", "in_education"),
    ("vmbo_b", "vo", None, "none", "in_education"),
    ("isk", "vo", None, "none", "in_education"),
    ("entree_bol", "entree", "bol", "none", "in_education"),
    ("entree_bbl", "entree", "bbl", "none", "in_education"),
    ("entree_examendeelnemer", "entree", "examendeelnemer", "none", "in_education"),
    ("niveau2", "niveau2plus", None, "none", "in_education"),
    ("niveau2_met_entreediploma", "niveau2plus", None, "entree", "in_education"),
    ("mbo3plus", "niveau2plus", None, "startkwalificatie", "in_education"),
    ("ander_onderwijs", "other_education", None, "none", "in_education"),
    ("werk_zonder_diploma", "outside", None, "none", "work"),
    ("werk_met_entreediploma", "outside", None, "entree", "work"),
    ("werk_met_startkwalificatie", "outside", None, "startkwalificatie", "work"),
    ("uitkering_zonder_diploma", "outside", None, "none", "uitkering"),
    ("uitkering_met_entreediploma", "outside", None, "entree", "uitkering"),
    ("uitkering_met_startkwalificatie", "outside", None, "startkwalificatie", "uitkering"),
    ("thuis_zonder_diploma", "outside", None, "none", "no_school_no_work"),
    ("thuis_met_entreediploma", "outside", None, "entree", "no_school_no_work"),
    ("thuis_met_startkwalificatie", "outside", None, "startkwalificatie", "no_school_no_work"),
    ("beschut_werk_dagbesteding", "outside", None, "none", "beschut"),
    ("buiten_brp", "outside", None, "none", "not_in_brp"),
]
STATE_NAMES = [s[0] for s in STATES]
STATE_INDEX = {name: i for i, name in enumerate(STATE_NAMES)}
N_STATES = len(STATES)
PLACE = [s[1] for s in STATES]
CREDENTIAL = [s[3] for s in STATES]
ACTIVITY = [s[4] for s in STATES]
IN_MBO = [p in ("entree", "niveau2plus") for p in PLACE]

CENSUS_PHASE = 2.0 / 12.0  # 1 October
DECISION_PHASE = 0.0  # 1 August

# models/measure/census.h, in order.
POPULATIONS = ["chain_leavers", "entree_entrants", "mbo_entrants", "entree_leavers",
               "entree_leavers_met_diploma", "entree_leavers_zonder_diploma"]
MEASURES = ["position_not_in_mbo_no_diploma", "position_not_in_mbo_with_diploma", "position_entree",
            "position_niveau2plus", "entree_diploma", "mbo2_diploma", "any_mbo_diploma",
            "highest_diploma_level1", "highest_diploma_level2plus", "work", "uitkering",
            "no_school_no_work", "in_education", "beschut_werk_dagbesteding", "not_in_brp", "in_mbo"]


def measures_for(state, entree_diploma, startkwalificatie):
    """Which census measures hold (models/measure/census.cpp measures_for), as a list of 16 bools."""
    mbo = IN_MBO[state]
    anyd = entree_diploma or startkwalificatie
    act = ACTIVITY[state]
    return [not mbo and not anyd, not mbo and anyd, PLACE[state] == "entree",
            PLACE[state] == "niveau2plus", entree_diploma, startkwalificatie, anyd,
            entree_diploma and not startkwalificatie, startkwalificatie, act == "work",
            act == "uitkering", act == "no_school_no_work", act == "in_education", act == "beschut",
            act == "not_in_brp", mbo]


def censuses_within(end):
    """Censuses at 2/12 + k that fall within [0, end] (models/measure/outcomes.cpp)."""
    return 0 if end < CENSUS_PHASE else int(math.floor(end - CENSUS_PHASE + 1e-9)) + 1


def date_phase(text, where):
    """"MM-DD" as a phase of the year from 1 August, a month a twelfth and a day a thirtieth of a
    month (models/chain/parameters.cpp date_phase)."""
    try:
        month, day = (int(x) for x in text.split("-"))
    except ValueError:
        raise ParameterError(f"{where}: expected a date \"MM-DD\", found \"{text}\"") from None
    return (((month + 4) % 12) + (day - 1) / 30.0) / 12.0


def with_odds(p, factor):
    """A probability with its odds multiplied (models/chain/chain_model.cpp with_odds)."""
    if p <= 0.0 or p >= 1.0:
        return p
    return factor * p / (1.0 - p + factor * p)


def next_after(t, phase):
    """The first occurrence of a yearly date strictly after t (engine/time.h)."""
    return phase + math.floor(t - phase + 1e-9) + 1.0


class ParameterError(Exception):
    pass


def _load(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ParameterError(f"cannot read '{path}': {e.strerror}") from e
    except tomllib.TOMLDecodeError as e:
        raise ParameterError(f"{path}: not valid TOML: {e}") from e


def _merge(base, patch):
    for key, value in patch.items():
        if key in base and isinstance(base[key], dict) and isinstance(value, dict) \
                and key not in ("to", "start", "odds"):
            _merge(base[key], value)
        else:
            base[key] = value


def _as_list(x):
    return x if isinstance(x, list) else [x]


@dataclass
class Risk:
    """One competing risk: a piecewise-constant hazard by duration, an age effect, a branch."""
    name: str
    starts: list  # piece starts, starts[0] == 0
    rates: list
    age: float = 0.0  # the factor applies from this age on
    factor: float = 1.0
    to: list = field(default_factory=list)  # [(state, probability, min_age)], state order


@dataclass
class Yearly:
    """A yearly decision or an exam (engine/process.h YearlyDecision): its n-th date in a stay is
    the n-th occurrence of `phase` after entry + min_stay, where leave[n - 1] applies (the last repeats)."""
    name: str
    leave: list
    to: list = field(default_factory=list)
    phase: float = DECISION_PHASE
    min_stay: float = 0.0

    def first_date(self, entered):
        return next_after(entered + self.min_stay, self.phase)

    def probability_at(self, n):
        if n < 1:
            return 0.0
        return self.leave[min(n, len(self.leave)) - 1]


@dataclass
class Stratum:
    name: str
    entree_origin: str
    start: list  # [(state, probability)]
    age: float
    cohort: float
    end: float
    starts_in_vo: bool


@dataclass
class Model:
    strata: list
    risks: list  # risks[g][s] -> [Risk], in route-name order
    yearly: list  # yearly[g][s] -> Yearly or None
    horizon: int
    files: list

    def followed(self, g):
        return censuses_within(self.strata[g].end)

    def censuses(self):
        return max(self.followed(g) for g in range(len(self.strata)))

    def allocate(self, students):
        """Students per stratum: divided equally, the first strata take the remainder."""
        n = len(self.strata)
        return [students // n + (1 if g < students % n else 0) for g in range(n)]


def _require(table, key, where):
    if key not in table:
        raise ParameterError(f"{where}: missing key '{key}'")
    return table[key]


def load_model(parameters, calibrated, scenario):
    """The compiled model of parameters.toml with calibrated.toml and a scenario merged over it."""
    root = _load(parameters)
    files = [parameters]
    if calibrated:
        _merge(root, _load(calibrated))
        files.append(calibrated)
    if scenario:
        patch = _load(scenario)
        patch.pop("scenario", None)
        _merge(root, patch)
        files.append(scenario)
    return compile_model(root, files)


def compile_model(root, files):
    # tomllib keeps no line numbers, so an error names the files that were merged.
    where = files[0] + (f" (with {', '.join(files[1:])} merged over it)" if len(files) > 1 else "")
    horizon = int(root.get("model", {}).get("horizon_years", 8))
    mixes = {name: m["to"] for name, m in root.get("mix", {}).items()}
    # A mix with `replaces` stands in for another for routes out of the states in `when_from`.
    replacing = sorted(root.get("mix", {}).items())

    def mix_for(name, from_name):
        for mname, m in replacing:
            if m.get("replaces") == name and from_name in m.get("when_from", []):
                return m["to"]
        return mixes[name]
    admissions = list(root.get("admission", {}).values())

    def state(name, key):
        if name not in STATE_INDEX:
            raise ParameterError(f"{where}: {key}: unknown state '{name}'")
        return STATE_INDEX[name]

    # TOML tables are read sorted by key in doorstroom (toml++), so records come in name order.
    strata = []
    for name in sorted(_require(root, "stratum", where)):
        s = root["stratum"][name]
        key = f"stratum.{name}"
        start = [(state(k, key + ".start"), float(v)) for k, v in sorted(_require(s, "start", key).items())]
        start = [(st, p) for st, p in start if p > 0.0]
        strata.append(Stratum(name, _require(s, "entree_origin", key), start, float(_require(s, "age", key)),
                              float(_require(s, "cohort", key)), float(_require(s, "end", key)),
                              all(PLACE[st] == "vo" for st, _ in start)))

    def expand(to, key, from_name):
        out = {}
        for dest, p in sorted(to.items()):
            if dest.startswith("mix:"):
                if dest[4:] not in mixes:
                    raise ParameterError(f"{where}: {key}: unknown mix '{dest}'")
                for s, q in sorted(mix_for(dest[4:], from_name).items()):
                    out[state(s, key)] = out.get(state(s, key), 0.0) + p * q
            else:
                out[state(dest, key)] = out.get(state(dest, key), 0.0) + p
        return out

    def apply_odds(dist, dest, factor):
        p = dist.get(dest, 0.0)
        if p <= 0.0 or p >= 1.0:
            return
        q = with_odds(p, factor)
        for s in dist:
            dist[s] = q if s == dest else dist[s] * (1.0 - q) / (1.0 - p)

    def to_branch(dist):
        out = []
        for s in sorted(dist):
            if dist[s] <= 0.0:
                continue
            min_age = 0.0
            for a in admissions:
                if STATE_NAMES[s] in _as_list(a["to"]):
                    min_age = max(min_age, float(a["min_age"]))
            out.append((s, min(dist[s], 1.0), min_age))
        return out

    modifiers = sorted(root.get("modifier", {}).items())
    age_rules = sorted(root.get("age_rule", {}).items())
    risks = [[[] for _ in range(N_STATES)] for _ in strata]
    yearly = [[None] * N_STATES for _ in strata]
    for g, st in enumerate(strata):
        for rname, r in sorted(_require(root, "route", where).items()):
            key = f"route.{rname}"
            if "strata" in r and st.name not in r["strata"]:
                continue
            risk_name = r.get("risk", rname)
            for from_name in _as_list(_require(r, "from", key)):
                s = state(from_name, key + ".from")
                dist = expand(_require(r, "to", key), key + ".to", from_name)
                rate_factor = 1.0
                for mname, m in modifiers:
                    if m["risk"] != risk_name or ("strata" in m and st.name not in m["strata"]) \
                            or from_name not in _as_list(m["from"]):
                        continue
                    rate_factor *= float(m.get("rate", 1.0))
                    for dest, factor in sorted(m.get("odds", {}).items()):
                        apply_odds(dist, state(dest, f"modifier.{mname}.odds"), float(factor))
                kind = _require(r, "kind", key)
                if kind in ("yearly", "exam"):
                    # An exam's modifiers multiply the odds of passing; a yearly decision's its probability.
                    if kind == "exam":
                        leave = [with_odds(float(x), rate_factor) for x in _require(r, "pass", key)]
                    else:
                        leave = [min(1.0, float(x) * rate_factor) for x in _require(r, "leave", key)]
                    phase = date_phase(r["date"], key + ".date") if "date" in r else DECISION_PHASE
                    yearly[g][s] = Yearly(rname, leave, to_branch(dist), phase, float(r.get("min_stay", 0.0)))
                elif kind == "hazard":
                    breaks = [float(b) for b in r.get("breaks", [])]
                    rates = [float(x) * rate_factor for x in _require(r, "rates", key)]
                    if len(rates) != len(breaks) + 1:
                        raise ParameterError(f"{where}: {key}.rates: expected one rate more than breaks")
                    risk = Risk(rname, [0.0] + breaks, rates, to=to_branch(dist))
                    for _, a in age_rules:
                        if a["risk"] == risk_name and from_name in _as_list(a["from"]):
                            risk.age = float(a["age"])
                            risk.factor *= float(a["rate"])
                    risks[g][s].append(risk)
                else:
                    raise ParameterError(f"{where}: {key}.kind: expected \"hazard\", \"yearly\" or \"exam\"")
    return Model(strata, risks, yearly, horizon, files)


def empty_counts(model):
    """Tallies as plain lists: occupancy[g][k][s]; members[p][g][h]; counts[p][g][h][m]."""
    G, K, H = len(model.strata), model.censuses(), model.horizon + 1
    return {
        "occupancy": [[[0] * N_STATES for _ in range(K)] for _ in range(G)],
        "members": [[[0] * H for _ in range(G)] for _ in POPULATIONS],
        "counts": [[[[0] * len(MEASURES) for _ in range(H)] for _ in range(G)] for _ in POPULATIONS],
    }


def write_result(path, tool, model, simulated, seconds, total_seconds, counts, cpu_seconds):
    """The peers' common output: what the harness compares with doorstroom's CSV files."""
    out = {"tool": tool, "strata": [s.name for s in model.strata],
           "entree_origin": [s.entree_origin for s in model.strata],
           "starts_in_vo": [s.starts_in_vo for s in model.strata],
           "simulated": simulated, "simulate_seconds": seconds, "total_seconds": total_seconds,
           "simulate_cpu_seconds": cpu_seconds,
           "states": STATE_NAMES, "populations": POPULATIONS, "measures": MEASURES,
           "horizon": model.horizon, "files": model.files}
    out.update(counts)
    with open(path, "w") as f:
        json.dump(out, f)


def run_peer(tool, simulate, default_students, description, argv=None):
    """The command line both peers share: read the parameter files, simulate, write the tallies
    with wall and CPU time of the simulation alone (start-up and file reading excluded)."""
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--students", type=int, default=default_students)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--parameters", default=os.path.join(root, "models/data/parameters.toml"))
    ap.add_argument("--calibrated", default=os.path.join(root, "models/data/calibrated.toml"))
    ap.add_argument("--scenario", default=os.path.join(root, "scenarios/baseline.toml"))
    ap.add_argument("--out", required=True, help="JSON file for the tallies")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        model = load_model(args.parameters, args.calibrated, args.scenario)
    except ParameterError as e:
        sys.exit(f"{tool}_chain: error: {e}")
    t1, c1 = time.perf_counter(), time.process_time()
    simulated, counts = simulate(model, args.students, args.seed)
    t2, c2 = time.perf_counter(), time.process_time()
    write_result(args.out, tool, model, simulated, t2 - t1, t2 - t0, counts, c2 - c1)
