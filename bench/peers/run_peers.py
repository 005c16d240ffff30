"""Runs doorstroom and its two peers (SimPy 2, NumPy) on the baseline, checks that they agree within
Monte Carlo error, and prints how many students per second each simulates on one core.

All three read the same parameter files (models/data/parameters.toml with
models/data/calibrated.toml and scenarios/baseline.toml merged over it; doorstroom has the first
two compiled in). Agreement is tested cell by cell with two-sample z-tests on
  - census.csv: per stratum, the share of its students in each state at every 1 October, and
  - outcomes.csv: per population, single-stratum origin and horizon, the share for whom each
    census measure holds (variant "all"),
with a Bonferroni bound over all cells tested, so that the run fails with probability at most
--alpha when the models are the same. A cell is tested only when the normal approximation holds
(at least 10 expected students on each side of the share in the smaller sample).

Exit status: 0 when every peer agrees with doorstroom, 1 when one does not, 2 on a usage error.

Run from the repository root:
  /usr/bin/python3 bench/peers/run_peers.py --doorstroom build/doorstroom
"""
import argparse
import csv
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import chain_params as cp  # noqa: E402

# Fewer expected students than this on either side of a share and the z-test's normal tail is too
# thin for a Bonferroni bound near 4.6 (small binomials are skewed), so such a cell is not tested.
MIN_EXPECTED = 10

SINGLE_THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def fail(message, code=2):
    print(f"run_peers: error: {message}", file=sys.stderr)
    sys.exit(code)


def timed(cmd, env=None):
    """Runs cmd; returns (wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        fail(f"'{' '.join(cmd)}' failed (exit {done.returncode}):\n{done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def read_csv(path):
    try:
        with open(path, newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        fail(f"cannot read '{path}': {e.strerror}")


def run_doorstroom(binary, scenario, students, seed, out):
    wall, cpu = timed([binary, "run", scenario, "--students", str(students), "--replications", "1",
                       "--threads", "1", "--seed", str(seed), "--out", out, "--quiet", "--no-flows"])
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    sim = manifest.get("timings", {}).get("simulate_seconds")
    if sim is None:
        fail(f"{out}/manifest.json: no timings.simulate_seconds")
    return {"tool": "doorstroom", "students": students, "simulate_seconds": float(sim),
            "total_seconds": wall, "cpu_seconds": cpu,
            "census": read_csv(os.path.join(out, "census.csv")),
            "outcomes": read_csv(os.path.join(out, "outcomes.csv"))}


def run_peer(tool, students, seed, out, files):
    script = os.path.join(HERE, f"{tool}_chain.py")
    env = dict(os.environ, **SINGLE_THREAD_ENV)
    wall, cpu = timed([sys.executable, script, "--students", str(students), "--seed", str(seed),
                       "--out", out, "--parameters", files[0], "--calibrated", files[1],
                       "--scenario", files[2]], env=env)
    with open(out) as f:
        result = json.load(f)
    result.update(students=students, process_seconds=wall, cpu_seconds=result["simulate_cpu_seconds"])
    return result


def median_of_runs(run, repeats):
    """Runs run(i) for i = 0 .. repeats - 1 and returns the first run's result with the median of
    the runs' CPU and simulate seconds (every run is all kept in cpu_seconds_each). One run's CPU
    time on a shared machine moves by 10% or more; the outputs are the same every time (same seed)."""
    results = [run(i) for i in range(repeats)]
    first = dict(results[0])
    first["cpu_seconds_each"] = [r["cpu_seconds"] for r in results]
    first["cpu_seconds"] = statistics.median(first["cpu_seconds_each"])
    first["simulate_seconds"] = statistics.median(r["simulate_seconds"] for r in results)
    return first


def write_json(path, data):
    """Writes data to path atomically (a reader never sees half a file)."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".tmp") as f:
        json.dump(data, f, indent=1)
    os.replace(f.name, path)


def z_test(p1, n1, p2, n2):
    """Two-sample z for shares p1 of n1 and p2 of n2; None where the normal approximation fails."""
    if n1 <= 0 or n2 <= 0:
        return None
    p = (p1 * n1 + p2 * n2) / (n1 + n2)
    small = min(n1, n2)
    if p * small < MIN_EXPECTED or (1 - p) * small < MIN_EXPECTED:
        return None
    return (p1 - p2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))


def cells(door, peer, model, horizons):
    """(label, doorstroom share, its n, peer share, its n) for every comparable cell."""
    names = peer["strata"]
    sim_door = model.allocate(door["students"])
    sim_peer = peer["simulated"]
    index = {n: g for g, n in enumerate(names)}
    state = {n: s for s, n in enumerate(cp.STATE_NAMES)}
    out = []
    for row in door["census"]:
        g, k, s = index[row["origin"]], int(row["census_year"]), state[row["state"]]
        if k >= len(peer["occupancy"][g]):
            continue
        out.append((f"census {row['origin']} k={k} {row['state']}", float(row["mean"]), sim_door[g],
                    peer["occupancy"][g][k][s] / sim_peer[g], sim_peer[g]))
    # Outcome origins that hold one stratum, so that the stratum weights cancel.
    measure = {m: i for i, m in enumerate(cp.MEASURES)}
    population = {p: i for i, p in enumerate(cp.POPULATIONS)}
    for row in door["outcomes"]:
        if row["variant"] != "all" or row["measure"] not in measure or row["population"] not in population:
            continue
        h = int(row["horizon_years"])
        if h not in horizons:
            continue
        p = population[row["population"]]
        by_origin = p not in (0, 2)  # chain_leavers and mbo_entrants are tabled by stratum name
        strata = [g for g in range(len(names))
                  if (peer["entree_origin"][g] if by_origin else names[g]) == row["origin"]]
        if len(strata) != 1:
            continue
        g = strata[0]
        m_peer = peer["members"][p][g][h]
        if m_peer == 0:
            continue
        # outcomes.csv holds shares, not member counts: doorstroom's members are estimated from
        # the peer's membership rate, scaled to doorstroom's students.
        m_door = m_peer / sim_peer[g] * sim_door[g]
        out.append((f"{row['population']} {row['origin']} h={h} {row['measure']}", float(row["mean"]), m_door,
                    peer["counts"][p][g][h][measure[row["measure"]]] / m_peer, m_peer))
    return out


def compare(door, peer, model, horizons, alpha):
    tested = []
    for label, p1, n1, p2, n2 in cells(door, peer, model, horizons):
        z = z_test(p1, n1, p2, n2)
        if z is not None:
            tested.append((abs(z), z, label, p1, p2))
    if not tested:
        fail(f"no cell of {peer['tool']} could be tested")
    bound = statistics.NormalDist().inv_cdf(1 - alpha / (2 * len(tested)))
    worst = max(tested)
    return {"tested": len(tested), "bound": bound, "worst": worst, "agree": worst[0] <= bound,
            "mean_z2": sum(t[0] ** 2 for t in tested) / len(tested),
            "over_3": sum(1 for t in tested if t[0] > 3.0),
            "expected_over_3": len(tested) * 2 * (1 - statistics.NormalDist().cdf(3.0))}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--doorstroom", default=os.path.join(ROOT, "build", "doorstroom"),
                    help="the doorstroom binary (default: build/doorstroom)")
    ap.add_argument("--students", type=int, default=1_000_000, help="doorstroom's students (default 1,000,000)")
    ap.add_argument("--numpy-students", type=int, default=1_000_000, help="NumPy peer's students (0 skips it)")
    ap.add_argument("--simpy-students", type=int, default=20_000, help="SimPy peer's students (0 skips it)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--horizons", default="0,1,5,8", help="outcome horizons to compare (default 0,1,5,8)")
    ap.add_argument("--alpha", type=float, default=0.01,
                    help="chance of a false FAIL per peer when the models agree (default 0.01)")
    ap.add_argument("--parameters", default=os.path.join(ROOT, "models/data/parameters.toml"))
    ap.add_argument("--calibrated", default=os.path.join(ROOT, "models/data/calibrated.toml"))
    ap.add_argument("--scenario", default=os.path.join(ROOT, "scenarios/baseline.toml"),
                    help="the scenario all three run (default scenarios/baseline.toml)")
    ap.add_argument("--doorstroom-scenario", default=None,
                    help="run doorstroom on another scenario than the peers (to see the check fail)")
    ap.add_argument("--repeats", type=int, default=3,
                    help="runs of each tool, timed; the table gives the median CPU time (default 3)")
    ap.add_argument("--work", default=None, help="folder for the run outputs (default: a temporary one)")
    ap.add_argument("--json", default=None,
                    help="also write the rates and agreement tests to this JSON file (bench/bench_table.py reads it)")
    args = ap.parse_args(argv)
    if not (os.path.isfile(args.doorstroom) and os.access(args.doorstroom, os.X_OK)):
        fail(f"--doorstroom '{args.doorstroom}': not an executable file (build it: make build)")
    if args.repeats < 1:
        fail(f"--repeats {args.repeats}: expected at least 1")
    if args.students < 7 or args.numpy_students < 0 or args.simpy_students < 0:
        fail("--students needs at least 7 (one per stratum); peer sizes must be >= 0")
    try:
        horizons = {int(h) for h in args.horizons.split(",")}
    except ValueError:
        fail(f"--horizons '{args.horizons}': expected whole numbers separated by commas, such as 0,1,5,8")
    if not 0 < args.alpha < 1:
        fail(f"--alpha {args.alpha}: expected a probability in (0, 1)")
    files = [args.parameters, args.calibrated, args.scenario]
    try:
        model = cp.load_model(*files)
    except cp.ParameterError as e:
        fail(str(e))

    work = args.work or tempfile.mkdtemp(prefix="doorstroom-peers-")
    os.makedirs(work, exist_ok=True)
    print(f"run_peers: outputs in {work}", flush=True)
    door = median_of_runs(lambda i: run_doorstroom(os.path.abspath(args.doorstroom),
                                                   args.doorstroom_scenario or args.scenario, args.students,
                                                   args.seed, os.path.join(work, f"doorstroom_{i}")), args.repeats)
    runs = [door]
    for tool, n in (("numpy", args.numpy_students), ("simpy", args.simpy_students)):
        if n > 0:
            if n < len(model.strata):
                fail(f"--{tool}-students {n}: expected at least one student per stratum ({len(model.strata)})")
            print(f"run_peers: {tool} peer, {n} students, {args.repeats} runs ...", flush=True)
            runs.append(median_of_runs(
                lambda i, tool=tool, n=n: run_peer(tool, n, args.seed + 1, os.path.join(work, f"{tool}_{i}.json"), files),
                args.repeats))

    def per_second(r):
        return r["students"] / r["cpu_seconds"]
    print()
    print("| tool | students | simulate s (wall) | simulate s (CPU) | students/s (CPU) | doorstroom is x faster |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in runs:
        ratio = per_second(door) / per_second(r)
        print(f"| {r['tool']} | {r['students']:,} | {r['simulate_seconds']:.2f} | {r['cpu_seconds']:.2f} | "
              f"{per_second(r):,.0f} | {ratio:,.1f} |")
    print("\n(doorstroom's CPU time is the whole process, start-up and output included; a peer's is its"
          f" simulation only; each the median of {args.repeats} runs.)\n")

    agree = True
    summary = {"repeats": args.repeats,
               "tools": [{"tool": r["tool"], "students": r["students"], "cpu_seconds": r["cpu_seconds"],
                          "cpu_seconds_each": r["cpu_seconds_each"],
                          "students_per_cpu_second": per_second(r),
                          "doorstroom_is_x_faster": per_second(door) / per_second(r)} for r in runs],
               "agreement": []}
    for r in runs[1:]:
        c = compare(door, r, model, horizons, args.alpha)
        summary["agreement"].append({"tool": r["tool"], "cells": c["tested"], "worst_abs_z": c["worst"][0],
                                     "bound": c["bound"], "agree": c["agree"]})
        az, z, label, p1, p2 = c["worst"]
        verdict = "agree" if c["agree"] else "DISAGREE"
        print(f"{r['tool']} vs doorstroom: {c['tested']} cells, worst |z| = {az:.2f} ({label}: doorstroom "
              f"{p1:.4f}, {r['tool']} {p2:.4f}); Bonferroni bound {c['bound']:.2f} -> {verdict}; "
              f"|z| > 3 in {c['over_3']} cells ({c['expected_over_3']:.1f} expected by chance); "
              f"mean z^2 {c['mean_z2']:.2f} (1 expected)")
        agree = agree and c["agree"]
    if args.json:
        write_json(args.json, summary)
    if not agree:
        print("\nFAIL: a peer's outcome shares differ from doorstroom's by more than Monte Carlo error.",
              file=sys.stderr)
        return 1
    print("\nOK: all peers agree with doorstroom within Monte Carlo error.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
