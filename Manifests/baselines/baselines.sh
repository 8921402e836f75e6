#!/usr/bin/env bash
# Interpolation baselines: every built-in model on Set5, Set14 and BSD100 at x2/x3/x4, under both
# protocols. Reports are bench's JSON; `bench check` compares fresh runs with these files.
#
#   Manifests/baselines/baselines.sh write   # regenerate the committed baselines (on purpose only)
#   Manifests/baselines/baselines.sh check   # CI: score again and fail if any cell moved
#
# Needs a release build (.build/release/bench) and the datasets in ../shared/datasets
# (override with DATA_ROOT=...).
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-check}
bench=${BENCH:-.build/release/bench}
data=${DATA_ROOT:-../shared/datasets}
out=Manifests/baselines
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for protocol in srcnn basicsr; do
  for model in bicubic nearest bilinear pillow-bicubic lanczos; do
    name="$model-$protocol.json"
    "$bench" score --model "$model" --protocol "$protocol" --datasets set5,set14,bsd100 --scales 2,3,4 \
      --data-root "$data" --format json --output "$tmp/$name"
    if [ "$mode" = write ]; then
      cp "$tmp/$name" "$out/$name"
      echo "wrote $out/$name"
    else
      "$bench" check "$tmp/$name" --baseline "$out/$name" || status=1
    fi
  done
done
exit $status
