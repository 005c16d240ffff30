"""Gathers what `make bench` measured into one table, prints it and writes it as Markdown.

Reads the files the earlier steps of `make bench` wrote, and times `doorstroom calibrate` itself:
  - BUILD/bench.json   Google Benchmark's JSON (bench/chain_bench.cpp): BM_ChainOverRng for the
                       chain over the RNG-only loop, BM_RunReplicates/1 and /2 for thread scaling;
  - BUILD/memory.txt   bench/memory.sh's output: peak RSS at 1e6 and 1e7 students;
  - BUILD/instructions.txt  bench/instructions.sh's output: instructions and simulated
                       mispredicted branches per student (cachegrind, the same on a busy machine);
  - BUILD/peers.json   bench/peers/run_peers.py --json: students per CPU-second of the whole
                       doorstroom process, the NumPy and SimPy ratios and their agreement tests;
  - `doorstroom calibrate` with 50 bootstrap draws (into a temporary folder, never models/data),
    CPU and wall seconds; it takes minutes, so BENCH_CALIBRATE=0 in the environment skips it.
A missing input gives "not measured" in its rows instead of an error, so that the table can be
made from any subset. Writes BUILD/bench_table.md (atomically).

Run from the repository root:
  /usr/bin/python3 bench/bench_table.py [--build build]
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

NOT_MEASURED = "not measured"


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def benchmark_rows(path):
    data = read_json(path)
    if data is None:
        return [("chain over RNG-only (BM_ChainOverRng)", NOT_MEASURED),
                ("threads 1 -> 2 (BM_RunReplicates, real time)", NOT_MEASURED)]
    by_name = {b["name"]: b for b in data.get("benchmarks", []) if b.get("run_type", "iteration") == "iteration"}
    chain = next((b for n, b in by_name.items() if n.startswith("BM_ChainOverRng")), None)
    one = next((b for n, b in by_name.items() if n.startswith("BM_RunReplicates/1/")), None)
    two = next((b for n, b in by_name.items() if n.startswith("BM_RunReplicates/2/")), None)
    rows = [("chain over RNG-only (BM_ChainOverRng)",
             f"{chain['chain_over_rng']:.2f}x ({chain['chain_ns_per_student']:.0f} vs "
             f"{chain['rng_ns_per_student']:.0f} ns per student)" if chain else NOT_MEASURED)]
    if one and two:
        a, b = one["students_per_s"], two["students_per_s"]
        rows.append(("threads 1 -> 2 (BM_RunReplicates, real time)",
                     f"{b / a:.2f}x ({a / 1e6:.2f} -> {b / 1e6:.2f} M students/s)"))
    else:
        rows.append(("threads 1 -> 2 (BM_RunReplicates, real time)", NOT_MEASURED))
    return rows


def read_text(path):
    """The file's text, or "" if it cannot be read (a step that did not run)."""
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def memory_rows(path):
    text = read_text(path)
    m = re.search(r"1e6 students (\d+) KiB, 1e7 students (\d+) KiB, ratio ([0-9.]+)", text)
    if not m:
        return [("peak RSS at 1e6 and 1e7 students (bench/memory.sh)", NOT_MEASURED)]
    small, large, ratio = int(m.group(1)), int(m.group(2)), float(m.group(3))
    return [("peak RSS at 1e6 and 1e7 students (bench/memory.sh)",
             f"{small / 1024:.1f} and {large / 1024:.1f} MiB (ratio {ratio:.2f})")]


def instruction_rows(path):
    label = "instructions per student (bench/instructions.sh, cachegrind; portable Philox, as valgrind has no AVX-512)"
    m = re.search(r"(-?[0-9]+) instructions, (-?[0-9.]+) mispredicted branches", read_text(path))
    if not m:
        return [(label, NOT_MEASURED)]
    return [(label, f"{int(m.group(1)):,} ({float(m.group(2)):.1f} mispredicted branches, simulated)")]


def peer_rows(path):
    data = read_json(path)
    if data is None:
        return [("students per CPU-second, whole process (bench/peers)", NOT_MEASURED),
                ("NumPy peer", NOT_MEASURED), ("SimPy peer", NOT_MEASURED)]
    tools = {t["tool"]: t for t in data["tools"]}
    agreement = {a["tool"]: a for a in data["agreement"]}
    door = tools["doorstroom"]
    runs = f", median of {data['repeats']} runs" if data.get("repeats", 1) > 1 else ""
    rows = [("students per CPU-second, whole process (bench/peers)",
             f"{door['students_per_cpu_second'] / 1e6:.2f} M ({door['students']:,} students in "
             f"{door['cpu_seconds']:.2f} CPU-s{runs})")]
    for tool, label in (("numpy", "NumPy peer"), ("simpy", "SimPy peer")):
        if tool not in tools:
            rows.append((label, NOT_MEASURED))
            continue
        a = agreement[tool]
        verdict = "agree" if a["agree"] else "DISAGREE"
        rows.append((label, f"doorstroom {tools[tool]['doorstroom_is_x_faster']:.1f}x faster per CPU-second; "
                            f"{verdict} ({a['cells']} cells, worst abs(z) {a['worst_abs_z']:.2f}, bound {a['bound']:.2f})"))
    return rows


def calibrate_row(binary, draws):
    label = f"calibrate, {draws} bootstrap draws, 2 threads"
    if os.environ.get("BENCH_CALIBRATE", "1") == "0":
        return [(label, "skipped (BENCH_CALIBRATE=0)")]
    if not os.access(binary, os.X_OK):
        return [(label, NOT_MEASURED + f" ({binary} missing)")]
    with tempfile.TemporaryDirectory(prefix="doorstroom-bench-calibrate-") as out:
        print(f"bench_table: doorstroom calibrate --draws {draws} (minutes; BENCH_CALIBRATE=0 skips it) ...",
              flush=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run([binary, "calibrate", "--threads", "2", "--draws", str(draws), "--out", out, "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            return [(label, f"FAILED (exit {done.returncode}): {done.stderr.strip()[:200]}")]
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        with open(os.path.join(out, "calibrated.toml")) as f:
            header = f.read(2000)
    m = re.search(r"cost ([0-9.]+) .*?, (\d+) simulations", header)
    detail = f"; cost {m.group(1)}, {int(m.group(2)):,} simulations" if m else ""
    return [(label, f"{cpu:.0f} CPU-s, {wall:.0f} s wall (CPU-s / 2 = {cpu / 2:.0f} s on two idle cores){detail}")]


def markdown(rows):
    lines = ["| figure | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines) + "\n"


def write_atomically(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".tmp") as f:
        f.write(text)
    os.replace(f.name, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build", help="the build folder with the inputs (default: build)")
    ap.add_argument("--draws", type=int, default=50, help="bootstrap draws for the calibrate row (default 50)")
    args = ap.parse_args(argv)
    rows = (peer_rows(os.path.join(args.build, "peers.json")) + benchmark_rows(os.path.join(args.build, "bench.json"))
            + memory_rows(os.path.join(args.build, "memory.txt"))
            + instruction_rows(os.path.join(args.build, "instructions.txt"))
            + calibrate_row(os.path.join(args.build, "doorstroom"), args.draws))
    table = markdown(rows)
    out = os.path.join(args.build, "bench_table.md")
    write_atomically(out, f"# make bench ({time.strftime('%Y-%m-%d %H:%M')})\n\n{table}")
    print(f"\nbench: one table (also in {out})\n")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
