#!/usr/bin/env bash
# Submits a partitioned run and its merge, chained with --dependency=afterok:
#
#   Examples/slurm/submit.sh prep  N MANIFEST PARTS OUTPUT [prep run args...]
#   Examples/slurm/submit.sh bench N PARTS OUTPUT bench-score-args...
#
# Prints the merge job's id. SBATCH_WAIT=1 blocks until the merge ends (exit status = the merge's),
# GRES=gpu:1 gives every bench task a GPU, SBATCH_ARGS adds options to both sbatch calls (e.g.
# --partition=gpu --time=2:00:00), PREP and BENCH name the executables (default: on PATH).
# Values travel in the environment with --export=ALL (--export=NAME=value would split at commas).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kind=$1 n=$2; shift 2
wait=(); [ "${SBATCH_WAIT:-0}" = 1 ] && wait=(--wait)
case "$kind" in
prep)
    export MANIFEST=$1 PARTS=$2 OUTPUT=$3; shift 3
    export PREP_ARGS="$*"
    array=$(sbatch --parsable --array=0-$((n - 1)) ${SBATCH_ARGS:-} --export=ALL "$here/prep-array.sbatch")
    sbatch --parsable "${wait[@]}" --dependency=afterok:"${array%%;*}" ${SBATCH_ARGS:-} --export=ALL "$here/prep-merge.sbatch"
    ;;
bench)
    export PARTS=$1 OUTPUT=$2; shift 2
    BENCH_ARGS=$(printf '%q ' "$@"); export BENCH_ARGS
    gres=(); [ -n "${GRES:-}" ] && gres=(--gres="$GRES")
    array=$(sbatch --parsable --array=0-$((n - 1)) "${gres[@]}" ${SBATCH_ARGS:-} --export=ALL "$here/bench-array.sbatch")
    sbatch --parsable "${wait[@]}" --dependency=afterok:"${array%%;*}" ${SBATCH_ARGS:-} --export=ALL "$here/bench-merge.sbatch"
    ;;
*) echo "usage: $0 prep|bench N ..." >&2; exit 2 ;;
esac
