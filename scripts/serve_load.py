#!/usr/bin/env python3
"""A room against `doorstroom serve`: CLIENTS participants at once, each asking REQUESTS comparisons.

Starts `doorstroom serve` on a free loopback port (or uses --url), lets the clients run in
threads, and prints the response times (p50, p95, max) and the status codes. The clients pick
slider positions from a small set (--positions), as participants in one room do, so some settings
repeat and come from the server's cache. docs/workshop.md quotes the figures.

    python3 scripts/serve_load.py --doorstroom build/doorstroom
"""
import argparse
import concurrent.futures
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request


def start_server(binary, students):
    proc = subprocess.Popen([binary, "serve", "--port", "0", "--quiet", "--students", str(students)],
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, f"http://127.0.0.1:{m.group(1)}"
    raise SystemExit(f"serve_load: {binary} serve did not start")


def one_client(base, client, requests, positions, scenario):
    out = []
    for j in range(requests):
        factor = 0.8 + 0.4 * ((client + 7 * j) % positions) / max(1, positions - 1)
        url = f"{base}/api/compare?scenario={scenario}&world.entree_uitval={factor:.2f}"
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=120) as res:
                res.read()
                status = res.status
        except urllib.error.HTTPError as e:
            status = e.code
        out.append((time.monotonic() - t0, status))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--doorstroom", default="build/doorstroom")
    ap.add_argument("--url", help="an already running server instead of starting one")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=3, help="per client")
    ap.add_argument("--positions", type=int, default=10, help="distinct slider positions the clients choose from")
    ap.add_argument("--students", type=int, default=100000, help="students per variant (serve's default)")
    ap.add_argument("--scenario", default="warme_overdracht")
    args = ap.parse_args()
    proc, base = (None, args.url) if args.url else start_server(args.doorstroom, args.students)
    try:
        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            results = [r for f in [pool.submit(one_client, base, c, args.requests, args.positions, args.scenario)
                                   for c in range(args.clients)] for r in f.result()]
        wall = time.monotonic() - t0
    finally:
        if proc:
            proc.terminate()
            proc.wait()
    times = sorted(t for t, _ in results)
    codes = {}
    for _, s in results:
        codes[s] = codes.get(s, 0) + 1
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"{args.clients} clients x {args.requests} requests, {args.positions} slider positions, "
          f"{args.students} students per variant: p50 {statistics.median(times):.2f} s, p95 {p95:.2f} s, "
          f"max {times[-1]:.2f} s; all done in {wall:.1f} s; status {codes}")
    return 0 if set(codes) == {200} else 1


if __name__ == "__main__":
    sys.exit(main())
