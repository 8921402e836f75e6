#!/usr/bin/env bash
# Partitioned prep (issue 13): T91 with --set augment=rot90 (88,908 records) run as N = 1, 2, 4
# parts, each part a separate `prep run --partition K/N` process (all N started at once, as a job
# array would on N machines; here they share this machine's cores), then `prep merge`, against one
# plain `prep run`. Per configuration: wall time of the parts (first start to last exit), of the
# merge, the total, the merge's share of it, merge throughput (shard bytes read / merge wall time)
# and the merge's peak RSS (/usr/bin/time -v). Then merge peak RSS against record count: the same
# N = 4 merge for augment=none (22,227 records), rot90 (88,908) and dihedral (177,816).
# Every merged dataset is checked byte-identical to the single run (cmp of every file).
#
# Usage:  Benchmarks/prep_partition.sh [DATASETS_DIR]   (default ../shared/datasets)
# Env:    PREP=.build/release/prep  RUNS=3 (runs per configuration; the minimum and median are printed)
#         JOBS=2 (--jobs of each process)
# Build first: swift build -c release --product prep. The machine is shared: load is printed
# around every configuration; compare figures taken at similar load.
set -euo pipefail
cd "$(dirname "$0")/.."
datasets=$(cd "${1:-../shared/datasets}" && pwd)
PREP=${PREP:-.build/release/prep}
RUNS=${RUNS:-3}
JOBS=${JOBS:-2}
work=$(mktemp -d /tmp/srkit-partition-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load $(load)"
stats() { sort -n | awk '{v[NR]=$1} END {printf "min %.2f median %.2f", v[1], (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
same() { for f in "$1"/*; do cmp -s "$f" "$2/$(basename "$f")" || { echo "DIFFERENT: $f" >&2; exit 1; }; done; }

# peak RSS (kB) of a command from /usr/bin/time -v
rss() { grep "Maximum resident" "$1" | awk '{print $NF}'; }

augment=rot90
single="$work/single"
: > "$work/single.t"
for _ in $(seq "$RUNS"); do
    t0=$(now)
    "$PREP" run Pipelines/t91.yaml --set data="$datasets" --set augment=$augment --jobs "$JOBS" --output "$single" --force --quiet >/dev/null
    echo "$(now) - $t0" | bc >> "$work/single.t"
done
echo "single prep run (augment=$augment): $(stats < "$work/single.t") s; load $(load)"
records=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['provenance']['counts']['records'])" "$single/index.json")
bytes=$(du -b --apparent-size "$single" | cut -f1)
echo "  $records records, $bytes bytes"

for n in 1 2 4; do
    : > "$work/parts.t"; : > "$work/merge.t"; : > "$work/total.t"; : > "$work/share.t"; : > "$work/mbs.t"; : > "$work/rss.t"
    for _ in $(seq "$RUNS"); do
        rm -rf "$work/parts" "$work/merged"
        t0=$(now)
        for k in $(seq 0 $((n - 1))); do
            "$PREP" run Pipelines/t91.yaml --set data="$datasets" --set augment=$augment --jobs "$JOBS" \
                --partition "$k/$n" --output "$work/parts/$k" --quiet >/dev/null &
        done
        wait
        t1=$(now)
        /usr/bin/time -v -o "$work/merge.time" "$PREP" merge "$work/parts" --output "$work/merged" --quiet > "$work/merge.out"
        t2=$(now)
        same "$single" "$work/merged"
        tp=$(echo "$t1 - $t0" | bc) tm=$(echo "$t2 - $t1" | bc) tt=$(echo "$t2 - $t0" | bc)
        echo "$tp" >> "$work/parts.t"; echo "$tm" >> "$work/merge.t"; echo "$tt" >> "$work/total.t"
        echo "100 * $tm / $tt" | bc -l >> "$work/share.t"
        grep -o '([0-9.]* MB/s read)' "$work/merge.out" | tr -d '(' | cut -d' ' -f1 >> "$work/mbs.t"
        rss "$work/merge.time" >> "$work/rss.t"
    done
    echo "N=$n: parts $(stats < "$work/parts.t") s | merge $(stats < "$work/merge.t") s | total $(stats < "$work/total.t") s | merge share $(stats < "$work/share.t") % | merge $(stats < "$work/mbs.t") MB/s | merge peak RSS $(stats < "$work/rss.t") kB; byte-identical; load $(load)"
done

echo "merge peak RSS against records (N=4):"
for augment in none rot90 dihedral; do
    rm -rf "$work/parts" "$work/merged"
    for k in 0 1 2 3; do
        "$PREP" run Pipelines/t91.yaml --set data="$datasets" --set augment=$augment --jobs 1 --partition "$k/4" --output "$work/parts/$k" --quiet >/dev/null &
    done
    wait
    /usr/bin/time -v -o "$work/merge.time" "$PREP" merge "$work/parts" --output "$work/merged" --quiet > "$work/merge.out"
    echo "  augment=$augment: $(grep -o '[0-9]* records, [0-9]* bytes' "$work/merge.out"), peak RSS $(rss "$work/merge.time") kB; load $(load)"
done
