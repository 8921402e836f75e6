#!/usr/bin/env bash
# Runs Examples/slurm on a real single-node Slurm (Debian slurm-wlm + munge) and checks that the
# merged outputs are byte-identical to single-machine runs:
#   prep:  Pipelines/t91.yaml and Pipelines/pairs-32-128.yaml, sbatch --array=0-3 --wait, then the
#          merge job (--dependency=afterok); SHA-256 of every output file compared.
#   bench: bicubic on Set5+Set14+BSD100 x2/3/4, same array + merge; SHA-256 of the JSON reports
#          compared with the timing fields removed (seconds are measurements, never equal).
# Starts munged, slurmctld and slurmd (Examples/slurm/local-cluster.sh) and stops exactly those on
# exit. Needs root and the release build (.build/release/prep, bench). Usage: .ci/slurm-examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
shared=${SRKIT_SHARED:-$repo/../shared}
datasets=$(cd "$shared/datasets" && pwd)
export PATH="$repo/.build/release:$PATH"
work=$(mktemp -d /tmp/srkit-slurm-ci.XXXXXX)
cluster="$work/cluster"
cleanup() { Examples/slurm/local-cluster.sh stop "$cluster" >/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
Examples/slurm/local-cluster.sh start "$cluster"
export SLURM_CONF="$cluster/slurm.conf"
mkdir -p "$work/log"
# One CPU per task, so the node's cores run tasks side by side; logs out of the working tree.
sb=(--cpus-per-task=1 --chdir="$repo" --export=ALL --output="$work/log/%x-%A_%a.out")

# SHA-256 of every file under a folder, by relative name.
hashes() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum); }

fail() { echo "FAIL: $*" >&2; tail -n 30 "$work"/log/* >&2 || true; exit 1; }

for manifest in Pipelines/t91.yaml Pipelines/pairs-32-128.yaml; do
    name=$(basename "$manifest" .yaml)
    prep run "$manifest" --set data="$datasets" --output "$work/single-$name" --quiet >/dev/null
    export MANIFEST=$manifest PARTS="$work/parts-$name" OUTPUT="$work/merged-$name" PREP_ARGS="--set data=$datasets"
    array=$(sbatch --parsable --wait --array=0-3 "${sb[@]}" Examples/slurm/prep-array.sbatch) || fail "prep array for $manifest"
    sbatch --parsable --wait --dependency=afterok:"${array%%;*}" "${sb[@]}" Examples/slurm/prep-merge.sbatch >/dev/null || fail "prep merge for $manifest"
    diff <(hashes "$work/single-$name") <(hashes "$work/merged-$name") || fail "$manifest: merged output differs from the single run"
    echo "prep $manifest: 4 Slurm tasks + merge = single run ($(hashes "$work/merged-$name" | wc -l) files, SHA-256 equal)"
done

# JSON report without timing: every "seconds*" field removed, keys sorted.
untimed() {
    /usr/bin/python3 -c '
import json, sys
def strip(x):
    if isinstance(x, dict): return {k: strip(v) for k, v in x.items() if not k.startswith("seconds")}
    if isinstance(x, list): return [strip(v) for v in x]
    return x
print(json.dumps(strip(json.load(open(sys.argv[1]))), sort_keys=True, indent=1))' "$1"
}
args=(--model bicubic --datasets set5,set14,bsd100 --scales 2,3,4 --data-root "$datasets")
bench score "${args[@]}" --format json --output "$work/bench-single.json"
export PARTS="$work/bench-parts" OUTPUT="$work/bench-merged.json" FORMAT=json
BENCH_ARGS=$(printf '%q ' "${args[@]}"); export BENCH_ARGS
array=$(sbatch --parsable --wait --array=0-3 "${sb[@]}" Examples/slurm/bench-array.sbatch) || fail "bench array"
sbatch --parsable --wait --dependency=afterok:"${array%%;*}" "${sb[@]}" Examples/slurm/bench-merge.sbatch >/dev/null || fail "bench merge"
a=$(untimed "$work/bench-single.json" | sha256sum) b=$(untimed "$work/bench-merged.json" | sha256sum)
[ "$a" = "$b" ] || { diff <(untimed "$work/bench-single.json") <(untimed "$work/bench-merged.json") | head -20; fail "bench: merged report differs from the single run"; }
echo "bench bicubic Set5+Set14+BSD100 x2/3/4: 4 Slurm tasks + merge = single run (SHA-256 of the report without timing: ${a%% *})"
