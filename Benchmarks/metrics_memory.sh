#!/usr/bin/env bash
# Peak memory (max RSS, /usr/bin/time -v) and wall time of `bench metrics` on a pair of
# 2^28-pixel images (16384x16384, the decoder's pixel limit), grey and RGB (issue 12, "Memory").
#
# The images are made here by numpy + Pillow (a gradient; the SR copy adds noise in -2...2), PNG
# compression level 1, in $SCRATCH (kept between runs; ~0.5 GB). Each case runs once per binary:
#   grey, --channel y (default options)   grey, --channel rgb --shave 4
#   rgb,  --channel y                     rgb,  --channel rgb
# With BEFORE=/path/to/other/bench the same cases also run with that binary, and the JSON values
# of both must be identical (the script fails otherwise). Before issue 12 `rgb-rgb` needed about
# 14 GB (Float64 planes of both images); leave it out of CASES on a small machine.
#
# Usage:   Benchmarks/metrics_memory.sh [BENCH]        (default .build/release/bench)
# Env:     SCRATCH=/tmp/srkit-metrics-memory  BEFORE=  PYTHON=/usr/bin/python3  CASES="grey-y grey-rgb rgb-y rgb-rgb"
# Needs /usr/bin/time (Debian package `time`) and python3 with numpy and Pillow. Prints the load
# average first: on a shared machine times vary, peak memory does not.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$repo/.build/release/bench}
scratch=${SCRATCH:-/tmp/srkit-metrics-memory}
python=${PYTHON:-/usr/bin/python3}
cases=${CASES:-grey-y grey-rgb rgb-y rgb-rgb}
mkdir -p "$scratch"
if [ ! -f "$scratch/sr_rgb.png" ]; then
  "$python" - "$scratch" <<'PY'
import sys
import numpy as np
from PIL import Image
out, n = sys.argv[1], 16384
y = np.arange(n, dtype=np.uint16)
grey = ((y[:, None] + y[None, :]) // 128 % 256).astype(np.uint8)
rng = np.random.default_rng(1)
def noisy(a):
    return np.clip(a.astype(np.int16) + rng.integers(-2, 3, size=a.shape, dtype=np.int16), 0, 255).astype(np.uint8)
Image.fromarray(grey).save(f"{out}/hr.png", compress_level=1)
Image.fromarray(noisy(grey)).save(f"{out}/sr.png", compress_level=1)
rgb = np.dstack([grey, grey[::-1], grey.T])
Image.fromarray(rgb).save(f"{out}/hr_rgb.png", compress_level=1)
Image.fromarray(noisy(rgb)).save(f"{out}/sr_rgb.png", compress_level=1)
PY
fi
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(uptime)"
run() {  # binary case -> prints "case  peak MB  seconds  json"
  local bin=$1 name=$2 args
  case $name in
    grey-y) args=(sr.png hr.png) ;;
    grey-rgb) args=(sr.png hr.png --channel rgb --shave 4) ;;
    rgb-y) args=(sr_rgb.png hr_rgb.png) ;;
    rgb-rgb) args=(sr_rgb.png hr_rgb.png --channel rgb) ;;
  esac
  local log; log=$(mktemp)
  (cd "$scratch" && /usr/bin/time -v "$bin" metrics "${args[@]}" --json) >"$log.out" 2>"$log"
  local kb secs
  kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log")
  secs=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$log")
  printf '%-9s %8.0f MB  %8s  %s\n' "$name" "$(echo "$kb / 1024" | bc -l)" "$secs" "$(cat "$log.out")"
  rm -f "$log" "$log.out"
}
for name in $cases; do
  after=$(run "$bench" "$name")
  echo "after   $after"
  if [ -n "${BEFORE:-}" ]; then
    before=$(run "$BEFORE" "$name")
    echo "before  $before"
    [ "{${after#*\{}" = "{${before#*\{}" ] || { echo "values differ for $name" >&2; exit 1; }
  fi
done
