#!/bin/sh
# Peak memory must not grow with the number of students: a run streams every student into fixed
# census tallies. Runs `doorstroom run` with 1e6 and 1e7 students (one replicate, one thread)
# under /usr/bin/time and fails if the peak RSS differs by 10% or more.
#   bench/memory.sh [path/to/doorstroom]        (default: build/doorstroom)
set -eu
BIN=${1:-build/doorstroom}
if [ ! -x "$BIN" ]; then echo "memory.sh: $BIN: no such executable (build first, or pass its path)" >&2; exit 2; fi
if [ ! -x /usr/bin/time ]; then echo "memory.sh: /usr/bin/time is missing (Debian package 'time')" >&2; exit 2; fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

peak_kb() {
  if ! /usr/bin/time -f %M -o "$OUT/rss" "$BIN" run --students "$1" --replications 1 --threads 1 --quiet \
       --out "$OUT/run_$1" >"$OUT/log" 2>&1; then
    echo "memory.sh: $BIN run --students $1 failed:" >&2; cat "$OUT/log" >&2; exit 1
  fi
  tail -n 1 "$OUT/rss"
}

small=$(peak_kb 1000000)
large=$(peak_kb 10000000)
awk -v a="$small" -v b="$large" 'BEGIN {
  r = b / a
  printf "peak RSS: 1e6 students %d KiB, 1e7 students %d KiB, ratio %.3f (limit 1.10)\n", a, b, r
  if (r >= 1.10 || r <= 1 / 1.10) { print "memory.sh: FAIL: peak memory grows with the number of students"; exit 1 }
  print "memory.sh: OK: memory does not grow with the number of students"
}'
