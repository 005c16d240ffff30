#!/usr/bin/env python3
"""How well can any forecast made in 2016 do on the 2017 rows of 003 Tabel B9 and B10?

The 18 validation rows b9_*_share_2017 are the mix of vooropleidingen within bol, bbl and
examendeelnemer in 2017. A model fitted to 2014-2016 can at best know the 2016 figures. This
script takes the 2016 split of each vooropleiding over the three leerwegen as known exactly
(a persistence forecast with the real 2016 data, no model) and combines it with the inflow by
vooropleiding of 2016 (what the backtest knows) or of 2017 (what validate's full calendar knows).
It prints the mean absolute error in points and how many of the 18 rows validate would count as
reproduced (Target::within in models/measure/targets.cpp: within max(2 SE, 1.5 points)). For the
6 B10 shares of 2017 it prints the error of repeating 2016's shares, and then the least mean
absolute error the backtest's 27 rows of lead 1 can have when B9 and B10 are forecast that way
and the other 3 rows (004 Tabel 2.3.1 and 2.3.4) are hit exactly.

Run from the repository root:  python3 scripts/backtest_ceiling.py
"""
import math

ORIGINS = ["onbekend", "geen_diploma_vo", "pro", "vso", "isk", "vbo"]
VARIANTS = ["bol", "bbl", "examendeelnemer"]

# Shares in percent per leerweg and year, in the order of ORIGINS: 003 Tabel B9,
# bol lines 5917-5933, bbl lines 5937-5953, examendeelnemer lines 5957-5973.
B9 = {
    "bol": {2016: [15, 32, 18, 16, 18, 1], 2017: [18, 27, 15, 14, 25, 0]},
    "bbl": {2016: [51, 14, 18, 15, 1, 1], 2017: [41, 17, 22, 17, 2, 1]},
    "examendeelnemer": {2016: [3, 11, 47, 34, 4, 0], 2017: [1, 16, 56, 21, 4, 1]},
}
# Leerweg totals (the "totaal (aantallen)" rows of B9, lines 5933, 5953, 5973).
TOTALS = {
    "bol": {2016: 7581, 2017: 8950},
    "bbl": {2016: 2218, 2017: 2231},
    "examendeelnemer": {2016: 976, 2017: 823},
}
# Entrants by vooropleiding, in the order of ORIGINS: 003 Tabel B10 "totaal (aantallen)" rows,
# lines 5984, 5996, 6008, 6020, 6032, 6044.
B10 = {
    2016: [2277, 2849, 2185, 1815, 1435, 77],
    2017: [2508, 2945, 2317, 1834, 2325, 75],
}
LEAD_1_ROWS = 27  # backtest rows of school year 2017 (docs/projections.md)
TOLERANCE = 0.015  # Target::within: at least 1.5 points


def counts(year):
    """Entrants per (leerweg, vooropleiding): B9 share times the leerweg total."""
    return {v: [B9[v][year][i] / 100 * TOTALS[v][year] for i in range(len(ORIGINS))] for v in VARIANTS}


def inflow_by_origin(year):
    c = counts(year)
    return [sum(c[v][i] for v in VARIANTS) for i in range(len(ORIGINS))]


def split_by_origin(year):
    """Each vooropleiding's split over the three leerwegen."""
    c = counts(year)
    inflow = inflow_by_origin(year)
    return [[c[v][i] / inflow[i] for v in VARIANTS] for i in range(len(ORIGINS))]


def composition(split, inflow):
    """The mix of vooropleidingen within each leerweg."""
    entrants = {v: [split[i][k] * inflow[i] for i in range(len(ORIGINS))] for k, v in enumerate(VARIANTS)}
    return {v: [x / sum(entrants[v]) for x in entrants[v]] for v in VARIANTS}


def score(forecast):
    errors, within = [], 0
    for v in VARIANTS:
        n = TOTALS[v][2017]
        for i in range(len(ORIGINS)):
            observed = B9[v][2017][i] / 100
            error = forecast[v][i] - observed
            errors.append(abs(error))
            standard_error = math.sqrt(observed * (1 - observed) / n)
            within += abs(error) <= max(2 * standard_error, TOLERANCE)
    return 100 * sum(errors) / len(errors), within


def b10_persistence_error():
    """Summed absolute error (points) of 2016's B10 shares as the forecast of 2017's."""
    shares = {y: [c / sum(B10[y]) for c in B10[y]] for y in B10}
    return 100 * sum(abs(a - b) for a, b in zip(shares[2016], shares[2017]))


def main():
    split_2016 = split_by_origin(2016)
    b9_mae = {}
    for inflow_year, what in ((2016, "inflow by vooropleiding of 2016 (as the backtest knows it)"),
                              (2017, "inflow by vooropleiding of 2017 (as validate's full calendar knows it)")):
        b9_mae[inflow_year], within = score(composition(split_2016, inflow_by_origin(inflow_year)))
        print(f"B9, 2016 split, {what}: MAE {b9_mae[inflow_year]:.2f} points, {within} of 18 rows within validate's tolerance")
    b10 = b10_persistence_error()
    print(f"B10, 2016 shares for 2017: MAE {b10 / len(ORIGINS):.2f} points over {len(ORIGINS)} rows")
    floor = (18 * b9_mae[2016] + b10) / LEAD_1_ROWS
    print(f"lead 1 of the backtest with these forecasts and the other rows exact: MAE {floor:.2f} points over {LEAD_1_ROWS} rows")


if __name__ == "__main__":
    main()
