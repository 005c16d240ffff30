#!/usr/bin/env python3
"""Write the backtest's target set: the calibrate-role rows of targets.csv whose cohort ends
in or before 2016, so that a parameter set fitted to them has seen no later cohort.

The cohort rule mirrors cohort_to_2016 in models/studies/validation.cpp (years_in): a year is
four digits not preceded by a digit, '/' or '_' and not followed by a digit; the cohort's last
such year must be <= 2016 (a cohort without a year counts as up to 2016, as there).

Usage: scripts/backtest_targets.py [targets.csv] [out.csv]
"""
import csv
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_IN = os.path.join(ROOT, "models", "data", "targets.csv")
DEFAULT_OUT = os.path.join(ROOT, "models", "data", "backtest", "targets_to_2016.csv")
LAST_YEAR = 2016


def last_year(cohort):
    """The latest year in a cohort label, 0 when it has none (as years_in)."""
    last = 0
    for i in range(len(cohort)):
        word = cohort[i:i + 4]
        if len(word) < 4 or not word.isdigit():
            continue
        if i + 4 < len(cohort) and cohort[i + 4].isdigit():
            continue
        before = cohort[i - 1] if i else " "
        if before.isdigit() or before in "/_":
            continue
        last = max(last, int(word))
    return last


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_IN
    dst = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUT
    with open(src, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = reader.fieldnames
        for need in ("cohort", "role"):
            if need not in fields:
                sys.exit(f"{src}: column '{need}' missing (expected the targets.csv header)")
        rows = [r for r in reader if r["role"] == "calibrate" and last_year(r["cohort"]) <= LAST_YEAR]
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(dst)), suffix=".tmp")
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(tmp, dst)  # atomic: a reader never sees half a file
    print(f"{dst}: {len(rows)} calibrate rows with cohorts up to {LAST_YEAR}")


if __name__ == "__main__":
    main()
