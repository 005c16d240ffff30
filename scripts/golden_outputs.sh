#!/usr/bin/env bash
# Writes the outputs a refactoring must not change, at a fixed seed, into one folder, so that two
# builds can be compared byte for byte:
#
#   scripts/golden_outputs.sh build /tmp/golden_before      # on the commit before the change
#   scripts/golden_outputs.sh build /tmp/golden_after       # on the commit after it
#   diff -r /tmp/golden_before /tmp/golden_after && echo identical
#
# It covers outcomes.csv, census.csv and flows.csv (run), comparison.csv and costs.csv (compare,
# every scenario), sweep.csv (a three-point design) and calibration.csv (validate). Sizes are small
# (a few seconds each); the seed is fixed, so any difference is a change of behaviour.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: scripts/golden_outputs.sh BUILD_DIR OUT_DIR" >&2
  exit 2
fi
build=$1
out=$2
bin="$build/doorstroom"
[ -x "$bin" ] || { echo "golden_outputs: no executable $bin (run make build)" >&2; exit 2; }
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

"$bin" run scenarios/baseline.toml --students 70000 --replications 4 --seed 7 --threads 2 --quiet --out "$work/run"
cp "$work/run/outcomes.csv" "$work/run/census.csv" "$work/run/flows.csv" "$out/"

scenarios=$(ls scenarios/*.toml | grep -v '/baseline.toml$')
# shellcheck disable=SC2086
"$bin" compare scenarios/baseline.toml $scenarios --students 35000 --replications 3 --seed 7 --threads 2 --quiet --out "$work/compare"
cp "$work/compare/comparison.csv" "$work/compare/costs.csv" "$out/"

cat > "$work/design.csv" <<'EOF'
point,route.niveau2_uitval.rates[0],modifier.bbl_diploma.rate
0,0.25,1.1
1,0.30,1.3
2,0.35,1.5
EOF
"$bin" sweep scenarios/baseline.toml --design "$work/design.csv" --students 14000 --replications 2 --seed 7 --threads 2 --quiet --out "$work/sweep"
cp "$work/sweep/sweep.csv" "$out/"

# validate exits 3 when the fit is below its threshold; the file is written all the same.
"$bin" validate --students 70000 --replications 2 --seed 7 --threads 2 --quiet --doc '' --out "$work/validate" || [ $? -eq 3 ]
cp "$work/validate/calibration.csv" "$out/"
echo "golden_outputs: wrote $(ls "$out" | wc -l) files to $out"
