#!/usr/bin/env bash
# Builds srkit-fuzz (libFuzzer + AddressSanitizer) and runs fuzz targets for a bounded time each.
# Exit 1 when any target finds a crash, a leak, a timeout or an out-of-memory input; its log
# tail and the offending input (base64) are printed. See Fuzz/README.md.
#
#   Fuzz/run.sh [--seconds N] [--parallel P] [--out DIR] [--no-build] [--nice] [TARGET...]
#
#   --seconds N    libFuzzer -max_total_time per target (default 30)
#   --parallel P   targets run at the same time (default 2; each is one process)
#   --out DIR      keep each target's grown corpus, log and findings in DIR/TARGET/ (default: a
#                  temporary folder, removed when nothing was found); reuse it to continue a run
#   --no-build     use the existing Fuzz/.build/release/srkit-fuzz
#   --nice         run the fuzzers under `nice -n 19` (shared machines)
#   TARGET...      default: every target (`Fuzz/.build/release/srkit-fuzz` lists them)
#
# Extra libFuzzer flags can be passed in FUZZ_FLAGS (e.g. FUZZ_FLAGS="-max_len=16384").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds=30 parallel=2 out="" build=1 nicety=()
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --parallel) parallel="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --nice) nicety=(nice -n 19); shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done

cd "$here"
if [ "$build" = 1 ]; then
    # --sanitize instruments every module, the C shims (png.c, jpeg.c, tiff.c, kernels.c) included.
    # SwiftPM passes the two sanitizers to swiftc as separate -sanitize= options in no fixed
    # order, and swiftc 6.3 keeps only the last: when `address` came last, the Swift modules had
    # no coverage counters and a clean build fuzzed blind. The combined -Xswiftc option comes
    # after both; --sanitize stays for SwiftPM's own link and C flags. The coverage check
    # below fails a target that reports no coverage.
    swift build -c release --sanitize=address --sanitize=fuzzer -Xswiftc -sanitize=address,fuzzer
fi
fuzzer="$here/.build/release/srkit-fuzz"
if [ ${#targets[@]} -eq 0 ]; then
    # The registry's names, from the usage text srkit-fuzz prints without a target.
    mapfile -t targets < <("$fuzzer" 2>&1 | sed -n 's/^  \([a-z0-9-]*\) .*/\1/p')
fi

keep=1
if [ -z "$out" ]; then out="$(mktemp -d "${TMPDIR:-/tmp}/srkit-fuzz-run.XXXXXX")"; keep=0; fi
mkdir -p "$out"
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

# One target: its grown corpus comes first (libFuzzer writes new units there), the committed
# seeds second (read only). -timeout: one input running 10 s is a finding; -rss_limit_mb and
# -malloc_limit_mb: 2 GiB is a finding, whatever an input declares.
run_one() {
    local t="$1" dir="$out/$1"
    mkdir -p "$dir/corpus"
    local rc=0
    # Inputs of past findings (Fuzz/regressions/TARGET/) run first with the seeds, so a finding
    # that comes back fails at once.
    local extra=()
    if [ -d "$here/regressions/$t" ]; then extra=("$here/regressions/$t"); fi
    # shellcheck disable=SC2086
    TMPDIR="$dir" "${nicety[@]}" "$fuzzer" "$t" "$dir/corpus" "$here/corpus/$t" "${extra[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -artifact_prefix="$dir/" -print_final_stats=1 ${FUZZ_FLAGS:-} >"$dir/log" 2>&1 || rc=$?
    echo "$rc" >"$dir/rc"
}

running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

failed=0
printf '%-12s %8s %12s %9s %6s %7s %7s  %s\n' target seconds execs "exec/s" cov ft corpus result
for t in "${targets[@]}"; do
    dir="$out/$t" log="$out/$t/log"
    rc=$(cat "$dir/rc")
    execs=$(sed -n 's/^stat::number_of_executed_units: //p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: //p' "$log" | tail -1)
    took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
    findings=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)
    result="ok"
    if [ "$rc" != 0 ] || [ -n "$(grep -v slow-unit <<<"$findings")" ]; then result="FAILED (exit $rc)"; failed=1; fi
    # A target that reports no coverage is not fuzzing anything: fail rather than pass blind.
    if [ "$result" = ok ] && [ -z "$cov" ]; then result="FAILED (no coverage: is the build instrumented?)"; failed=1; fi
    printf '%-12s %8s %12s %9s %6s %7s %7s  %s\n' "$t" "${took:-?}" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
    if [ "$result" != ok ]; then
        echo "---- $t: log tail ($log)"
        grep -v -E '^#[0-9]+' "$log" | tail -40
        for f in $findings; do
            echo "---- $t: $(basename "$f") ($(stat -c %s "$f") bytes; reproduce: $fuzzer $t FILE)"
            base64 -w 100 "$f" | head -40
        done
    fi
done

if [ "$failed" = 0 ] && [ "$keep" = 0 ]; then rm -rf "$out"; else echo "logs, corpora and findings: $out"; fi
exit "$failed"
