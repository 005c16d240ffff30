#!/bin/sh
# Instructions and (simulated) mispredicted branches per student, counted by Valgrind's cachegrind:
# the same figure on a busy or an idle machine, so a change's effect on the driver loop can be read
# without the noise of CPU time on a shared machine. Two runs of `doorstroom run` (20,000 and
# 60,000 students, one replicate, one thread) under cachegrind; their difference over 40,000
# students leaves out start-up and output.
#   bench/instructions.sh [path/to/doorstroom]        (default: build/doorstroom)
# cachegrind's branch predictor is a simple model, not the CPU's: its mispredictions rank where a
# loop's branches are hard to predict, they are not the CPU's count. Valgrind does not run
# AVX-512 code, so a binary built with -march=x86-64-v4 cannot be counted.
set -eu
BIN=${1:-build/doorstroom}
if [ ! -x "$BIN" ]; then echo "instructions.sh: $BIN: no such executable (build first, or pass its path)" >&2; exit 2; fi
if ! command -v valgrind >/dev/null 2>&1; then echo "instructions.sh: valgrind is missing (Debian package 'valgrind'; make deps)" >&2; exit 2; fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT INT TERM

# Prints "instructions mispredictions" of one run, read by name from cachegrind's events and
# summary lines (events: Ir Bc Bcm Bi Bim).
count() {
  if ! valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --cachegrind-out-file="$OUT/cg.$1" \
       "$BIN" run --students "$1" --replications 1 --threads 1 --no-flows --quiet --out "$OUT/run_$1" \
       >"$OUT/log.$1" 2>&1; then
    echo "instructions.sh: $BIN run --students $1 under valgrind failed:" >&2; cat "$OUT/log.$1" >&2; exit 1
  fi
  if ! awk '
    /^events:/  { for (i = 2; i <= NF; i++) name[i] = $i }
    /^summary:/ { for (i = 2; i <= NF; i++) v[name[i]] = $i; found = 1 }
    END {
      if (!found || !("Ir" in v) || !("Bcm" in v) || !("Bim" in v)) exit 1
      print v["Ir"], v["Bcm"] + v["Bim"]
    }' "$OUT/cg.$1"; then
    echo "instructions.sh: cachegrind's output for $1 students has no summary of Ir, Bcm and Bim (expected lines 'events: Ir Bc Bcm Bi Bim' and 'summary: ...')" >&2
    exit 1
  fi
}

small=$(count 20000)
large=$(count 60000)
awk -v small="$small" -v large="$large" 'BEGIN {
  split(small, a, " "); split(large, b, " ")
  printf "per student (cachegrind, 60,000 minus 20,000 students): %.0f instructions, %.1f mispredicted branches (simulated)\n",
         (b[1] - a[1]) / 40000, (b[2] - a[2]) / 40000
}'
