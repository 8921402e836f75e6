#!/usr/bin/env bash
# Times `bench datasets fetch` of DATASETS (default set5 set14 bsd100) through the loopback
# mirror of Tests/mirror/mirror_server.py, laid out from Manifests/datasets/sources/*.tsv with
# symlinks into ../shared/datasets, into an empty data root. Usage (from the repository root):
#   Benchmarks/fetch_mirror.sh [DATASETS...]     (needs .build/release/bench; SRKIT_SHARED overrides ../shared)
set -euo pipefail
shared="${SRKIT_SHARED:-../shared}/datasets"
sets=("${@:-set5 set14 bsd100}"); sets=(${sets[*]})
tmp=$(mktemp -d); trap 'exec 3>&-; rm -rf "$tmp"' EXIT
for s in "${sets[@]}"; do
  grep -v '^#' "Manifests/datasets/sources/$s.tsv" | while IFS=$'\t' read -r path bytes sha url; do
    p="${url#*://}"; p="${p#*/}"; mkdir -p "$tmp/mirror/$(dirname "$p")"; ln -s "$(realpath "$shared/$path")" "$tmp/mirror/$p"
  done
done
mkfifo "$tmp/in"; python3 Tests/mirror/mirror_server.py "$tmp/mirror" < "$tmp/in" > "$tmp/port" & exec 3>"$tmp/in"
while [ ! -s "$tmp/port" ]; do sleep 0.1; done
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(nproc) cores; load: $(uptime | sed 's/.*load average/load average/')"
SRKIT_MIRROR="http://127.0.0.1:$(cat "$tmp/port")/ok" /usr/bin/time -f "wall %e s, user %U s, sys %S s" \
  .build/release/bench datasets fetch "${sets[@]}" --data-root "$tmp/data" --quiet
