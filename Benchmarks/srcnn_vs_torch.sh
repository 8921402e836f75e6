#!/usr/bin/env bash
# Native SRCNN 9-5-5 against PyTorch on the CPU (issue 5, item 7).
#
# Both sides run the authors' SRCNN 9-5-5 (ImageNet) x3 weights on the 14 Set14 images at x3
# (bicubic-upscaled Y planes, 3.2 Mpixel in all), 2 threads each:
#   SRKit:   bench score --model x3.mat --datasets set14 --scales 3 --protocol srcnn (release build;
#            wall clock of the whole process: start-up, decoding, MATLAB-bicubic LR, the network,
#            metrics), plus the runner's own model seconds per image.
#   PyTorch: Benchmarks/python/srcnn_torch_cpu.py, torch.set_num_threads(2), forward passes only
#            (weights and images loaded before the clock starts; one warm-up pass).
# Runs alternate (torch, SRKit, torch, SRKit, ...) so that load from other processes hits both.
#
# Usage:   Benchmarks/srcnn_vs_torch.sh [DATA_DIR]        (default ../shared/datasets)
# Env:     RUNS=3  SKIP_BUILD=0  SCRATCH=.build-models  PYTHON=/usr/bin/python3
#          MODEL=../shared/weights/SRCNN_v1_official/model/9-5-5(ImageNet)/x3.mat
# Needs Debian's python3-torch, python3-scipy and python3-pil through /usr/bin/python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
data=$(cd "${1:-$repo/../shared/datasets}" && pwd)
runs=${RUNS:-3}
scratch=${SCRATCH:-$repo/.build-models}
python=${PYTHON:-/usr/bin/python3}
model=${MODEL:-$repo/../shared/weights/SRCNN_v1_official/model/9-5-5(ImageNet)/x3.mat}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$repo" && swift build -c release --scratch-path "$scratch" --product bench)
fi
bench="$scratch/release/bench"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
torch_times=()
srkit_times=()
for i in $(seq "$runs"); do
    t=$("$python" "$here/python/srcnn_torch_cpu.py" "$data" "$model" 2 1 | "$python" -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["best"])')
    torch_times+=("$t")
    start=$(date +%s.%N)
    csv=$("$bench" score --model "$model" --datasets set14 --scales 3 --protocol srcnn --data-root "$data" \
          --catalog "$repo/Manifests/datasets" --format csv | tail -1)
    end=$(date +%s.%N)
    s=$(echo "$end - $start" | bc -l)
    srkit_times+=("$(printf '%.3f' "$s")")
    echo "run $i: torch forward ${t}s  SRKit bench score ${s}s  ($csv)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "${torch_times[*]}" "${srkit_times[*]}" <<'PY'
import statistics, sys
t = [float(x) for x in sys.argv[1].split()]
s = [float(x) for x in sys.argv[2].split()]
print(f"torch   median {statistics.median(t):.2f}s  best {min(t):.2f}s")
print(f"SRKit   median {statistics.median(s):.2f}s  best {min(s):.2f}s")
print(f"SRKit / torch: median {statistics.median(s) / statistics.median(t):.2f}x  best {min(s) / min(t):.2f}x (target <= 1.5x)")
PY
