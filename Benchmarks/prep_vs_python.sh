#!/usr/bin/env bash
# `prep run Pipelines/t91.yaml` against the same recipe in Python (issue 4, item 10).
#
# All sides turn the 91 T91 images into 22,227 shuffled (HR 32x32, LR 32x32) uint8 pairs: RGB decode,
# 32x32 patches every 14 px, LR = bicubic x1/4 then x4 (uint8 after each), global seeded shuffle,
# written to disk. Wall clock of the whole process (start-up, imports, decode, resize, write) and
# peak RSS ("Maximum resident set size") come from `/usr/bin/time -v`.
#
#   SRKit:   $PREP run Pipelines/t91.yaml --jobs 2 --force --quiet --output TMP      (RUNS times)
#   OpenCV:  python/t91_prep_peers.py --impl opencv  (INTER_AREA down, INTER_CUBIC up; not
#            MATLAB-exact, the speed peer; CV_RUNS times)
#   BasicSR: python/t91_prep_peers.py --impl basicsr (basicsr.utils.matlab_functions.imresize, the
#            same MATLAB bicubic SRKit computes; BSR_RUNS times, it is slow)
# SRKit and OpenCV runs are interleaved so that load drifting over time hits both alike. Then SRKit
# once more with --set augment=rot90 (88,908 pairs) for peak RSS against record count, and after
# the first BasicSR run (untimed) its LR bytes are compared with SRKit's shards (--compare-shards,
# records matched by HR bytes; prints how many LR patches differ).
#
# Usage:  Benchmarks/prep_vs_python.sh [T91_DIR]        (default ../shared/datasets/T91)
# Env:    PREP=.build/release/prep  RUNS=5  CV_RUNS=5  BSR_RUNS=1  PROCS="1"  (PROCS="1 2" adds the
#         2-process variants of both peers)  ROT90=1  COMPARE=1  PYTHON=/usr/bin/python3
#         BASICSR_TARGET=/tmp/basicsr-pkg  KEEP=0 (1 keeps the outputs)  EXPECT=22227 (pair count the
#         peers must produce; 0 = any, for another T91_DIR)
#
# Build SRKit first (swift build -c release --product prep). Python needs Debian's numpy, OpenCV and
# torch (/usr/bin/python3, not a pyenv python) and BasicSR outside the repository; when missing it is
# installed once without dependencies:  /usr/bin/python3 -m pip install --no-deps --target /tmp/basicsr-pkg basicsr
# The machine has 2 cores shared with other builds: the script prints the load average around every
# side; compare medians and minimums from runs at similar load.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
cd "$repo"
data=$(cd "${1:-$repo/../shared/datasets/T91}" && pwd)
prep=${PREP:-.build/release/prep}
runs=${RUNS:-5}
cv_runs=${CV_RUNS:-5}
bsr_runs=${BSR_RUNS:-1}
procs=${PROCS:-1}
python=${PYTHON:-/usr/bin/python3}
basicsr=${BASICSR_TARGET:-/tmp/basicsr-pkg}
out=$(mktemp -d /tmp/prep-vs-python.XXXXXX)
peers=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" "$here/python/t91_prep_peers.py" --data "$data" --basicsr "$basicsr" --expect "${EXPECT:-22227}")

[ -x "$prep" ] || { echo "no prep binary at $prep (swift build -c release --product prep, or PREP=...)" >&2; exit 1; }
if [ ! -d "$basicsr/basicsr" ]; then
    "$python" -m pip install --quiet --no-deps --target "$basicsr" basicsr
fi
if [ "$(cd "$data" && pwd)" != "$(cd "$repo/../shared/datasets/T91" 2>/dev/null && pwd)" ]; then
    prep_source=(--source "images=$data")
else
    prep_source=()
fi

# timed LABEL CMD...: runs CMD (stdout+stderr to $out/LABEL.log), appends
# "LABEL wall_s user_s sys_s peak_kib load1" to $out/times; fails if CMD fails.
timed() {
    local label=$1; shift
    local load1; load1=$(cut -d' ' -f1 /proc/loadavg)
    if ! /usr/bin/time -v -o "$out/time.tmp" "$@" >>"$out/$label.log" 2>&1; then
        echo "$label failed:" >&2; tail -20 "$out/$label.log" >&2; exit 1
    fi
    awk -v label="$label" -v load="$load1" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
        /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident set size/ { rss = $2 }
        END { print label, wall, user, sys, rss, load }' "$out/time.tmp" >>"$out/times"
    tail -1 "$out/times"
}
srkit() { timed "$1" "$prep" run Pipelines/t91.yaml "${prep_source[@]}" --jobs 2 --force --quiet --output "$out/$2" "${@:3}"; }
peer() { timed "$1-p$2" "${peers[@]}" --impl "$1" --procs "$2" --out "$out/$1-p$2" "${@:3}"; }
load() { echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u +%H:%M:%S) UTC)"; }

echo "# prep: $prep ($(git -C "$repo" rev-parse --short HEAD)), data: $data, outputs in $out"
load
max=$(( runs > cv_runs ? runs : cv_runs ))
for i in $(seq 1 "$max"); do
    if [ "$i" -le "$runs" ]; then srkit srkit srkit; fi
    for p in $procs; do
        if [ "$i" -le "$cv_runs" ]; then peer opencv "$p"; fi
    done
done
load
if [ "${ROT90:-1}" = 1 ]; then
    srkit srkit-rot90 srkit-rot90 --set augment=rot90
    load
fi
for p in $procs; do
    for i in $(seq 1 "$bsr_runs"); do
        peer basicsr "$p"
        load
        if [ "$i" = 1 ] && [ "$p" = "${procs%% *}" ] && [ "${COMPARE:-1}" = 1 ]; then
            # untimed, so that the comparison's memory is not in BasicSR's peak RSS
            "${peers[@]}" --impl basicsr --out "$out/basicsr-p$p" --no-run --compare-shards "$out/srkit" >>"$out/basicsr-p$p.log" 2>&1
        fi
    done
done

"$python" - "$out" <<'EOF'
import re, statistics, sys
out = sys.argv[1]
rows = {}
for line in open(f"{out}/times"):
    label, wall, user, sys_, rss, load = line.split()
    rows.setdefault(label, []).append((float(wall), float(user) + float(sys_), int(rss), float(load)))

def pairs(label):
    text = open(f"{out}/{label}.log").read()
    found = re.findall(r"(\d+) records", text) or re.findall(r"(\d+) pairs", text)
    return int(found[-1]) if found else None

print("\nwhole process: wall median / min over runs, CPU (user+sys) median, peak RSS max over runs")
print(f"{'side':<14}{'runs':>5}{'wall med':>10}{'wall min':>10}{'CPU med':>9}{'peak MiB':>10}{'pairs':>8}  load1 at start")
summary = {}
for label, r in rows.items():
    walls = [w for w, _, _, _ in r]
    med, mn = statistics.median(walls), min(walls)
    cpu = statistics.median(c for _, c, _, _ in r)
    rss = max(m for _, _, m, _ in r) / 1024
    summary[label] = (med, mn)
    print(f"{label:<14}{len(r):>5}{med:>10.2f}{mn:>10.2f}{cpu:>9.2f}{rss:>10.1f}{pairs(label) or '?':>8}  "
          + " ".join(f"{l:.1f}" for *_, l in r))

print("\nratios peer / SRKit (higher = SRKit faster): median | min   targets: BasicSR >= 30x, OpenCV > 1x")
s_med, s_min = summary["srkit"]
for label, (med, mn) in summary.items():
    if label.startswith(("opencv", "basicsr")):
        print(f"  {label:<12} {med / s_med:7.2f}x | {mn / s_min:7.2f}x")
for label in summary:
    if label.startswith("basicsr"):
        text = open(f"{out}/{label}.log").read()
        for line in text.splitlines():
            if line.startswith("compare:"):
                print(f"  {line}")
print(f"\nraw outputs in {out}")
EOF
if [ "${KEEP:-0}" != 1 ]; then
    find "$out" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
fi
