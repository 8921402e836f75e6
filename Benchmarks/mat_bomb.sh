#!/usr/bin/env bash
# Time and peak memory (max RSS, /usr/bin/time -v) of `bench score --model BOMB` refusing the
# issue-12 probe's zlib bombs (issue 12, "Memory"): ~1 MB files that inflate to 1 GiB.
#   zeros.mat  one compressed element holding 1 GiB of zero bytes (no array tag at all)
#   array.mat  one compressed double array declared 16384x8192 (1 GiB of values, all zero)
#   bomb.pth   torch.save of a zero SRCNN 9-1-5 whose first storage entry is replaced by 1 GiB of
#              deflated zeros (made only when python3 has torch; before issue 12 it was inflated
#              and scored)
# Before issue 12 both were inflated whole (about 8 s and 1.08 GB) and then refused with
# "found 0 tensor(s): ."; now they are refused from the first 64 KiB of the stream.
# With BEFORE=/path/to/other/bench the same files also run with that binary.
#
# Usage:   Benchmarks/mat_bomb.sh [BENCH]        (default .build/release/bench)
# Env:     SCRATCH=/tmp/srkit-mat-bomb  BEFORE=  PYTHON=/usr/bin/python3  DATA=../shared/datasets
# Needs /usr/bin/time (Debian package `time`) and python3 (standard library only).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$repo/.build/release/bench}
scratch=${SCRATCH:-/tmp/srkit-mat-bomb}
python=${PYTHON:-/usr/bin/python3}
data=${DATA:-$repo/../shared/datasets}
mkdir -p "$scratch"
if [ ! -f "$scratch/array.mat" ]; then
  "$python" - "$scratch" <<'PY'
import struct, sys, zlib
out, GiB = sys.argv[1], 1 << 30
def header():  # 116 bytes of text, subsystem offset, version 0x0100, little-endian marker
    return b"MATLAB 5.0 MAT-file, bomb".ljust(116, b" ") + b"\0" * 8 + struct.pack("<H", 0x0100) + b"IM"
def compressed(chunks):  # miCOMPRESSED (15) element
    c = zlib.compressobj(9)
    body = b"".join(c.compress(ch) for ch in chunks) + c.flush()
    return struct.pack("<II", 15, len(body)) + body
def zeros():
    for _ in range(1024): yield b"\0" * (1 << 20)
open(f"{out}/zeros.mat", "wb").write(header() + compressed(zeros()))
sub = struct.pack("<II", 6, 8) + struct.pack("<II", 6, 0)            # array flags: class double
sub += struct.pack("<II", 5, 8) + struct.pack("<ii", 16384, 8192)     # dimensions
sub += struct.pack("<II", 1, 1) + b"w".ljust(8, b"\0")                # name
sub += struct.pack("<II", 9, GiB)                                     # real part: miDOUBLE, 1 GiB
def array():
    yield struct.pack("<II", 14, len(sub) + GiB) + sub                # miMATRIX
    yield from zeros()
open(f"{out}/array.mat", "wb").write(header() + compressed(array()))
PY
fi
if [ ! -f "$scratch/bomb.pth" ] && "$python" -c "import torch" 2>/dev/null; then
  "$python" - "$scratch" <<'PY'
import sys, torch, zipfile
out = sys.argv[1]
shapes = {"conv1.weight": (64, 1, 9, 9), "conv1.bias": (64,), "conv2.weight": (32, 64, 5, 5),
          "conv2.bias": (32,), "conv3.weight": (1, 32, 5, 5), "conv3.bias": (1,)}
torch.save({k: torch.zeros(*v) for k, v in shapes.items()}, f"{out}/small.pth")
zin = zipfile.ZipFile(f"{out}/small.pth")
with zipfile.ZipFile(f"{out}/bomb.pth", "w") as zout:
    for info in zin.infolist():
        if info.filename.endswith("/data/0"):
            zi = zipfile.ZipInfo(info.filename)
            zi.compress_type = zipfile.ZIP_DEFLATED
            with zout.open(zi, "w", force_zip64=True) as f:
                for _ in range(1024): f.write(b"\0" * (1 << 20))
        else:
            zout.writestr(info, zin.read(info.filename))
PY
fi
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(uptime)"
run() {  # binary file -> "file  peak MB  seconds  message"
  local bin=$1 name=$2 log; log=$(mktemp)
  /usr/bin/time -v "$bin" score --model "$scratch/$name" --datasets set5 --scales 3 --data-root "$data" \
    --catalog "$repo/Manifests/datasets" >/dev/null 2>"$log" || true
  local kb secs
  kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log")
  secs=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$log")
  printf '%-10s %6.0f MB  %8s  %s\n' "$name" "$(echo "$kb / 1024" | bc -l)" "$secs" "$(grep -m1 '^Error' "$log")"
  rm -f "$log"
}
for name in zeros.mat array.mat bomb.pth; do
  [ -f "$scratch/$name" ] || continue
  echo "after   $(run "$bench" "$name")"
  [ -z "${BEFORE:-}" ] || echo "before  $(run "$BEFORE" "$name")"
done
