#!/usr/bin/env bash
# Seconds per image against the process's wall time (issue 10, item 5).
#
# Runs `bench score` with the official SRCNN 9-5-5 (ImageNet) x3 weights on Set5 + Set14 at x3,
# RUNS times per binary, and prints for each run the sum of the report's per-image seconds and the
# wall time of the whole process, with the load average before and after. With model calls run
# one at a time the sum can never exceed the wall time; before (calls overlapping on both cores)
# it was about twice the wall time. Pass a second binary (e.g. a build of an older commit) to
# compare both in the same run, alternating.
#
# Usage:   Benchmarks/score_timing.sh [BENCH [OTHER_BENCH [OTHER_CATALOG]]]
# Env:     RUNS=3  DATA_ROOT=../shared/datasets  WEIGHTS=../shared/weights
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bench=${1:-$repo/.build/release/bench}
other=${2:-}
other_catalog=${3:-$repo/Manifests/datasets}
data=${DATA_ROOT:-$repo/../shared/datasets}
weights=${WEIGHTS:-$repo/../shared/weights}
model="$weights/SRCNN_v1_official/model/9-5-5(ImageNet)/x3.mat"
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"

one() {  # binary catalog label
  local start end
  echo "  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s.%N)
  "$1" score --model "$model" --datasets set5,set14 --scales 3 --data-root "$data" --catalog "$2" \
    --format json --output "$tmp/r.json" 2>/dev/null
  end=$(date +%s.%N)
  /usr/bin/python3 - "$tmp/r.json" "$start" "$end" "$3" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
total = sum(i["seconds"] for c in r["cells"] for i in c["images"])
cells = ", ".join("%s x%d %.2f dB" % (c["dataset"], c["scale"], c["psnr"]) for c in r["cells"])
print("  %s: per-image seconds sum %.2f s, process wall %.2f s (timing %s; %s)"
      % (sys.argv[4], total, float(sys.argv[3]) - float(sys.argv[2]), r.get("timing"), cells))
PY
  echo "  load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
}

for i in $(seq "$runs"); do
  echo "run $i"
  one "$bench" "$repo/Manifests/datasets" "this build"
  if [ -n "$other" ]; then one "$other" "$other_catalog" "other"; fi
done
