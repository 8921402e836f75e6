#!/usr/bin/env bash
# Real-process check of the `exec:` lifetime promises (issue 12, "Killed runs"), on Set5 x2, with
# a private $TMPDIR per binary:
#   kill     SIGKILL of bench while the command runs: is the command still alive 2 s later
#            (an orphan)? does the next bench remove the dead run's srkit-exec-* folder?
#   bg       exec:'(sleep 61 >&2 &); exit 1' (the issue's command): is `sleep 61` alive after bench exits?
#   INT/TERM the signal sent to bench while the command runs: bench's status, the command, folders
# bench is started through python3 with SIGINT at its default: a `cmd &` of a non-interactive
# shell ignores SIGINT, and bench keeps a signal that was ignored when it started ignored.
# With BEFORE=/path/to/other/bench the same checks also run with that binary.
#
# Usage:   Benchmarks/exec_lifetime.sh [BENCH]        (default .build/release/bench)
# Env:     BEFORE=  DATA=../shared/datasets  PYTHON=/usr/bin/python3
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$repo/.build/release/bench}
data=${DATA:-$repo/../shared/datasets}
python=${PYTHON:-/usr/bin/python3}
catalog=$repo/Manifests/datasets
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(uptime)"
check() {  # binary label
  local b=$1 label=$2 tmp; tmp=$(mktemp -d "${TMPDIR:-/tmp}/exec-lifetime.XXXXXX")
  local args=(score --datasets set5 --scales 2 --data-root "$data" --catalog "$catalog")
  folders() { find "$tmp" -maxdepth 1 -name 'srkit-exec-*' | wc -l; }
  alive() { pgrep -fx "$1" | wc -l; }
  start() {  # command -> bench in the background, SIGINT at its default
    TMPDIR=$tmp "$python" -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
      "$b" "${args[@]}" --model "exec:$1" >/dev/null 2>&1 &
  }
  start 'sleep 31'; local pid=$!; sleep 2; kill -KILL $pid; wait $pid 2>/dev/null; sleep 2
  echo "$label kill: command alive 2 s after SIGKILL of bench: $(alive 'sleep 31'); work folders left: $(folders)"
  pkill -fx 'sleep 31'
  TMPDIR=$tmp "$b" "${args[@]}" --model 'exec:exit 3' >/dev/null 2>&1
  echo "$label kill: work folders after the next run: $(folders)"
  TMPDIR=$tmp "$b" "${args[@]}" --model 'exec:(sleep 61 >&2 &); exit 1' >/dev/null 2>&1; local rc=$?; sleep 1
  echo "$label bg: bench status $rc; 'sleep 61' alive after bench exited: $(alive 'sleep 61'); work folders: $(folders)"
  pkill -fx 'sleep 61'
  for sig in INT TERM; do
    start 'sleep 32'; pid=$!; sleep 2; kill -$sig $pid; wait $pid; rc=$?; sleep 1
    echo "$label $sig: bench status $rc; command alive: $(alive 'sleep 32'); work folders: $(folders)"
    pkill -fx 'sleep 32'
  done
  rm -rf "$tmp"
}
check "$bench" after
[ -z "${BEFORE:-}" ] || check "$BEFORE" before
