#!/usr/bin/env python3
"""Fit the cohort effects of models/data/calendar.toml to the single-cohort target rows.

Usage: python3 scripts/fit_cohort_effects.py CALIBRATION_CSV CALENDAR_TOML [--write] [--damping D]

CALIBRATION_CSV is the calibration.csv that `doorstroom validate` writes (every target with its
observed and simulated value, simulated with the calendar as it is now). For each [effect.NAME]
and each cohort year of its `factors`, the row that `fit` names (population entree_entrants, the
first of its measures found for that year, its origin and variant, a cohort of that one year)
gives a step in log-odds, logit(observed) - logit(simulated), added to log(factor). Then all
log-factors are shifted so that their inflow-weighted mean over the years of `factors` is 0: the
effects say how a cohort differs from the blend, and the pooled rows stay the calibration's. The relation between an
effect and its row is not one to one (a diploma effect also moves the positions), so the fit is a
fixed-point iteration: run validate and this script twice (docs/projections.md, "Refitting").

Without --write the new factors are printed; with it the `factors = { ... }` line of each effect
is replaced in place and everything else in the file is kept.
"""
import argparse
import csv
import math
import re
import sys
import tomllib

MIN_FACTOR, MAX_FACTOR = 0.05, 20.0


def logit(p):
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def single_year(cohort):
    """The year of a one-year cohort ('2016', '2016/17'), else None."""
    m = re.fullmatch(r"\s*(\d{4})(?:/\d{2})?\s*", cohort)
    return int(m.group(1)) if m else None


def read_rows(path):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"fit_cohort_effects: cannot read {path}: {e.strerror}")
    need = {"target", "role", "population", "origin", "variant", "cohort", "measure", "observed", "simulated_mean", "within"}
    if not rows or not need <= set(rows[0]):
        sys.exit(f"fit_cohort_effects: {path}: expected the calibration.csv of `doorstroom validate` with columns {sorted(need)}")
    return rows


def find_row(rows, fit, year):
    measures = fit["measure"] if isinstance(fit["measure"], list) else [fit["measure"]]
    for measure in measures:
        for r in rows:
            if (r["population"] == "entree_entrants" and r["measure"] == measure and r["origin"] == fit.get("origin", "all")
                    and r["variant"] == fit.get("variant", "all") and single_year(r["cohort"]) == year
                    and r["simulated_mean"] != ""):
                return r
    return None


def last_year(cohort):
    """The largest four-digit year in a cohort text (0 without one), as validate reads it."""
    years = [int(y) for y in re.findall(r"(?<![\d/_])(\d{4})(?!\d)", cohort)]
    return max(years) if years else 0


def held_out_summary(rows, fitted_ids):
    """Validation rows of cohorts up to 2016 that no cohort effect was fitted to, and how many the
    model reproduces: the rows this fit uses are no longer a test of the model."""
    to_2016 = [r for r in rows if r["role"] == "validate" and last_year(r["cohort"]) <= 2016]
    held = [r for r in to_2016 if r["target"] not in fitted_ids]
    ok = sum(r["within"] == "yes" for r in held)
    used = len(to_2016) - len(held)
    return (f"validation rows of cohorts up to 2016: {len(to_2016)}, of which {used} fit a cohort effect; "
            f"the other {len(held)} reproduced {ok} ({100.0 * ok / max(len(held), 1):.1f}%)")


def fit_effect(name, effect, rows, weights, damping):
    factors = {int(y): float(v) for y, v in effect["factors"].items()}
    logs = dict((y, math.log(v)) for y, v in factors.items())
    fitted, used = set(), []
    for year in sorted(factors):
        row = find_row(rows, effect["fit"], year)
        if row is None:
            continue
        step = logit(float(row["observed"])) - logit(float(row["simulated_mean"]))
        logs[year] += damping * step
        fitted.add(year)
        used.append(row["target"])
    # Keep the inflow-weighted mean of log(factor) over the years at 0: the effects say how a cohort
    # differs from the 2014-2016 blend, whose level the calibration owns.
    if fitted:
        w = {y: weights.get(y, 1.0) for y in factors}
        level = sum(w[y] * logs[y] for y in factors) / sum(w.values())
        for y in factors:
            logs[y] -= level
    new = {y: min(max(math.exp(v), MIN_FACTOR), MAX_FACTOR) for y, v in logs.items()}
    return new, used


def format_factors(factors):
    return "factors = { " + ", ".join(f"{y} = {v:.3f}" for y, v in sorted(factors.items())) + " }"


def write_factors(path, text, new_by_effect):
    out, section = [], None
    for line in text.splitlines(keepends=True):
        m = re.match(r"\s*\[effect\.([A-Za-z0-9_]+)\]", line)
        if m:
            section = m.group(1)
        elif re.match(r"\s*\[", line):
            section = None
        if section in new_by_effect and re.match(r"\s*factors\s*=", line):
            line = format_factors(new_by_effect[section]) + "\n"
        out.append(line)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("".join(out))
    import os
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("calibration_csv")
    ap.add_argument("calendar_toml")
    ap.add_argument("--write", action="store_true", help="replace the factors in CALENDAR_TOML")
    ap.add_argument("--damping", type=float, default=1.0, help="share of each step taken (default 1)")
    args = ap.parse_args()
    rows = read_rows(args.calibration_csv)
    try:
        with open(args.calendar_toml, encoding="utf-8") as f:
            text = f.read()
        calendar = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as e:
        sys.exit(f"fit_cohort_effects: {args.calendar_toml}: {e}")
    inflow = calendar.get("inflow", {})
    new_by_effect, fitted_ids = {}, set()
    for name, effect in calendar.get("effect", {}).items():
        if "fit" not in effect:
            continue
        counts = inflow.get(effect.get("origin", ""), {}).get("counts", {})
        weights = {int(y): float(v) for y, v in counts.items()}
        new, used = fit_effect(name, effect, rows, weights, args.damping)
        new_by_effect[name] = new
        fitted_ids.update(used)
        print(f"{name}: {format_factors(new)}  <- {', '.join(used) if used else 'no single-cohort row'}")
    print(held_out_summary(rows, fitted_ids))
    if args.write:
        write_factors(args.calendar_toml, text, new_by_effect)
        print(f"wrote {args.calendar_toml}")


if __name__ == "__main__":
    main()
