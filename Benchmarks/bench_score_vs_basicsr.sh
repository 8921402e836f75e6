#!/usr/bin/env bash
# `bench score --model bicubic` against BasicSR's metric flow, end to end (issue 3, item 9).
#
# Both sides score the bicubic baseline on Set5 + Set14 + BSD100 (119 images) at x2, x3, x4:
# modcrop, MATLAB-bicubic downscale to uint8 LR, MATLAB-bicubic upscale to uint8 SR, PSNR and
# SSIM on Y with shave = scale. Wall clock of the whole process (start-up, decoding, resizing,
# metrics) is measured with /usr/bin/time, which also gives peak RSS.
#
#   SRKit:   bench score --model bicubic --protocol basicsr|srcnn --datasets set5,set14,bsd100 --scales 2,3,4
#            (release build, RUNS times each, median reported)
#   BasicSR: Benchmarks/python/basicsr_metric_flow.py (cv2.imread, basicsr imresize, basicsr.metrics
#            calculate_psnr/calculate_ssim; one process, torch and OpenCV on 2 threads, PY_RUNS times;
#            with PY_PROCS="1 2" also a 2-process variant)
# and the script prints both timings, the ratio, and the largest |ΔPSNR| / |ΔSSIM| between the
# SRKit basicsr-protocol means and BasicSR's over the 9 dataset x scale cells.
#
# Usage:   Benchmarks/bench_score_vs_basicsr.sh [DATA_DIR]      (default ../shared/datasets)
# Env:     RUNS=3  PY_RUNS=1  PY_PROCS=1  SKIP_BUILD=0  SCRATCH=.build-benchflow
#          PYTHON=/usr/bin/python3  BASICSR_TARGET=/tmp/basicsr-pkg
#
# Needs Debian's python3-numpy, python3-opencv and python3-torch (through /usr/bin/python3, not a
# pyenv python) and BasicSR, which is only imported and lives outside the repository. When missing
# it is installed once, without dependencies (torch stays Debian's):
#   /usr/bin/python3 -m pip install --no-deps --target /tmp/basicsr-pkg basicsr
# Numbers are only meaningful on an otherwise idle machine: the script prints the load average
# before each side.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
data=$(cd "${1:-$repo/../shared/datasets}" && pwd)
runs=${RUNS:-3}
py_runs=${PY_RUNS:-1}
py_procs=${PY_PROCS:-1}
scratch=${SCRATCH:-$repo/.build-benchflow}
python=${PYTHON:-/usr/bin/python3}
basicsr=${BASICSR_TARGET:-/tmp/basicsr-pkg}
out=$(mktemp -d /tmp/bench-score-vs-basicsr.XXXXXX)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$repo" && swift build -c release --scratch-path "$scratch" --product bench)
fi
bench=$scratch/release/bench
if [ ! -d "$basicsr/basicsr" ]; then
    "$python" -m pip install --quiet --no-deps --target "$basicsr" basicsr
fi

# timed LABEL OUTFILE CMD...: runs CMD with stdout to OUTFILE, appends "LABEL wall_s peak_kib" to $out/times
timed() {
    local label=$1 file=$2; shift 2
    /usr/bin/time -f "%e %M" -o "$out/time.tmp" "$@" >"$file" 2>>"$out/stderr.log"
    echo "$label $(cat "$out/time.tmp")" >>"$out/times"
}
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

load
for protocol in basicsr srcnn; do
    for i in $(seq 1 "$runs"); do
        timed "srkit-$protocol" "$out/srkit-$protocol.csv" "$bench" score --model bicubic --protocol "$protocol" \
            --datasets set5,set14,bsd100 --scales 2,3,4 --data-root "$data" --format csv
    done
done
load
for procs in $py_procs; do
    for i in $(seq 1 "$py_runs"); do
        timed "basicsr-p$procs" "$out/basicsr-p$procs.csv" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
            "$python" "$here/python/basicsr_metric_flow.py" --data "$data" --basicsr "$basicsr" --procs "$procs"
    done
done

"$python" - "$out" "$py_procs" <<'EOF'
import csv, statistics, sys
out, procs = sys.argv[1], sys.argv[2].split()
times = {}
for line in open(f"{out}/times"):
    label, wall, rss = line.split()
    times.setdefault(label, []).append((float(wall), int(rss)))

def summary(label):
    walls = [w for w, _ in times[label]]
    return statistics.median(walls), max(r for _, r in times[label]) / 1024, walls

print("\nwall clock, whole process (median of runs; peak RSS over runs)")
print(f"{'side':<22}{'median s':>10}{'peak MiB':>10}  runs")
for label in times:
    med, rss, walls = summary(label)
    print(f"{label:<22}{med:>10.2f}{rss:>10.1f}  {', '.join(f'{w:.2f}' for w in walls)}")

print("\nratio BasicSR / SRKit (higher = SRKit faster; target >= 10)")
for p in procs:
    b = summary(f"basicsr-p{p}")[0]
    for protocol in ["basicsr", "srcnn"]:
        s = summary(f"srkit-{protocol}")[0]
        print(f"  BasicSR {p} proc vs SRKit --protocol {protocol}: {b / s:.1f}x")

def cells(path, key):
    return {(r["dataset"], int(r["scale"])): (float(r["psnr"]), float(r["ssim"])) for r in csv.DictReader(open(path))}

srkit = cells(f"{out}/srkit-basicsr.csv", None)
srcnn = cells(f"{out}/srkit-srcnn.csv", None)
print("\nmean PSNR / SSIM per cell: SRKit basicsr protocol | BasicSR | delta   (SRKit srcnn protocol for reference)")
worst = [0.0, 0.0]
for p in procs:
    peer = cells(f"{out}/basicsr-p{p}.csv", None)
    for k in sorted(peer, key=lambda k: (["set5", "set14", "bsd100"].index(k[0]), k[1])):
        (sp, ss), (bp, bs) = srkit[k], peer[k]
        worst = [max(worst[0], abs(sp - bp)), max(worst[1], abs(ss - bs))]
        if p == procs[0]:
            print(f"  {k[0]:<7} x{k[1]}  {sp:.4f} / {ss:.5f} | {bp:.4f} / {bs:.5f} | {sp - bp:+.2e} / {ss - bs:+.2e}"
                  f"   ({srcnn[k][0]:.4f} / {srcnn[k][1]:.5f})")
print(f"max |dPSNR| = {worst[0]:.2e} dB, max |dSSIM| = {worst[1]:.2e} over {len(srkit)} cells")
print(f"\nraw outputs in {out}")
EOF
