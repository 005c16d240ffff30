#!/bin/sh
# Regenerate the backtest inputs from scratch: the target rows of cohorts up to 2016 and the
# parameter set calibrated to them alone (no bootstrap draws). Rerun after a recalibration or a
# change of the random number streams. Usage: scripts/refresh_backtest.sh [path/to/doorstroom]
set -eu
# Paths relative to the repository root, so the header of the written file names no machine folder.
cd "$(dirname "$0")/.."
bin=${1:-build/doorstroom}
out=models/data/backtest
[ -x "$bin" ] || { echo "refresh_backtest.sh: $bin is not an executable doorstroom (build it first)" >&2; exit 1; }
/usr/bin/python3 scripts/backtest_targets.py models/data/targets.csv "$out/targets_to_2016.csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" calibrate --draws 0 --targets "$out/targets_to_2016.csv" --out "$tmp"
mv "$tmp/calibrated.toml" "$out/calibrated_to_2016.toml"
echo "refresh_backtest.sh: wrote $out/targets_to_2016.csv and $out/calibrated_to_2016.toml"
