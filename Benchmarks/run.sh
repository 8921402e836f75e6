#!/usr/bin/env bash
# Builds the SRKit benchmarks in release, runs them, runs the Python peers on the same images,
# and prints the three tables plus a comparison. Usage: Benchmarks/run.sh [DATA_DIR]
#
# Needs Debian's python3-opencv, python3-torch, python3-pil, python3-numpy (used through
# /usr/bin/python3, not a pyenv python) and BasicSR, which is only imported and lives outside
# the repository. When missing it is installed once, without dependencies (torch stays Debian's):
#   /usr/bin/python3 -m pip install --no-deps --target /tmp/basicsr-pkg basicsr
# Results (JSON with every run time) go to ../.build-bench/results/.
# On a shared machine, NICE=-20 (root only) runs every timed process at that priority so other
# jobs disturb it less; the numbers are only meaningful on an otherwise idle machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "${1:-$here/../../shared/datasets}" && pwd)
python=${PYTHON:-/usr/bin/python3}
basicsr=${BASICSR_TARGET:-/tmp/basicsr-pkg}
scratch=$here/../.build-bench
results=$scratch/results
mkdir -p "$results"
nice=()
if [ -n "${NICE:-}" ]; then nice=(nice -n "$NICE"); fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

cd "$here"
swift build -c release --scratch-path "$scratch"
"${nice[@]}" "$scratch/release/srkit-benchmarks" --data "$data" --json "$results/srkit.json"

if [ ! -d "$basicsr/basicsr" ]; then
    "$python" -m pip install --quiet --no-deps --target "$basicsr" basicsr
fi
# OpenBLAS tuning variables set for other jobs skew numpy/OpenCV; unset them for the peers only.
peers=("${nice[@]}" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python")
"${peers[@]}" python/decode_peers.py --data "$data" --json "$results/decode_peers.json"
"${peers[@]}" python/resize_peers.py --data "$data" --basicsr "$basicsr" --json "$results/resize_peers.json"
"$python" python/compare.py "$results/srkit.json" "$results/decode_peers.json" "$results/resize_peers.json"
