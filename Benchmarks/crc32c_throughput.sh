#!/usr/bin/env bash
# CRC32C throughput of SRShards' software CRC (Sources/SRShards/Format/CRC32C.swift), the
# checksum in the shard writer's hot path. Compiles that one file with a small driver at -O
# (no package build needed) and reports the best of 7 passes over 64 MiB in MB/s (10^6 bytes/s).
#   Benchmarks/crc32c_throughput.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/main.swift" <<'SWIFT'
import Foundation
let n = 64 << 20
let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: n, alignment: 64)
for i in 0..<n { buf[i] = UInt8(truncatingIfNeeded: (i &* 2654435761) >> 13) }
var best = Double.infinity
var sink: UInt32 = 0
for _ in 0..<7 {
    let t0 = DispatchTime.now().uptimeNanoseconds
    sink ^= CRC32C.checksum(UnsafeRawBufferPointer(buf))
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
}
precondition(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
print(String(format: "CRC32C: %.0f MB/s (best of 7 passes over 64 MiB; checksum %08x)", Double(n) / best / 1e6, sink))
SWIFT
swiftc -O -module-name crc32cbench "$root/Sources/SRShards/Format/CRC32C.swift" "$work/main.swift" -o "$work/crc32c"
"$work/crc32c"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
