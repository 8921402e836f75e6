import CResampleKernels

/// The byte API's `Float` passes, vertical first, through the AVX2+FMA C kernel
/// (`CResampleKernels`) when the CPU has it.
///
/// Same bands and threads as ``BandedResize``; the kernel differs only in the last bits of the
/// `Float` values (FMA rounds once per multiply-add), which stay within ``NearTieRepair``'s bound,
/// so the rounded bytes are those of the portable passes. At x1/4 on 512x512 RGB it took the
/// byte resize from 0.39 ms to about 0.1 ms (Benchmarks/README.md).
enum VerticalFirstKernel {
    /// Whether ``run(_:channels:horizontal:vertical:emit:)`` can run on this CPU.
    static let isAvailable = CResampleKernels_available() != 0

    /// Output rows per kernel block (the kernel's SIMD lanes); bands are multiples of it.
    private static let lanes = 8

    /// Resizes `source` (vertical pass first) and calls `emit(r, values)` once per output row,
    /// concurrently for different rows; false (nothing emitted) when the kernel is unavailable.
    /// Traps if the kernel cannot allocate its scratch (tens of KB per band).
    static func run(
        _ source: UnsafePointer<UInt8>, channels c: Int, horizontal: CachedAxis, vertical: CachedAxis,
        emit: (_ row: Int, _ values: UnsafePointer<Float>) -> Void
    ) -> Bool {
        guard isAvailable else { return false }
        let h = horizontal.axis, v = vertical.axis
        let outH = v.outputCount, inLen = h.inputCount * c, outLen = h.outputCount * c
        guard outH > 0, outLen > 0 else { return true }
        let work = outH * (inLen * v.taps + outLen * h.taps)
        horizontal.withWeights(Float.self) { hw in
            vertical.withWeights(Float.self) { vw in
                h.indices.withUnsafeBufferPointer { hi in
                    v.indices.withUnsafeBufferPointer { vi in
                        RowParallel.forEachBand(rows: outH, work: work, alignment: lanes) { band in
                            let values = UnsafeMutablePointer<Float>.allocate(capacity: band.count * outLen)
                            defer { values.deallocate() }
                            let status = CResampleKernels_verticalFirstRows(
                                source, h.inputCount, c, vw.baseAddress, vi.baseAddress, v.taps,
                                hw.baseAddress, hi.baseAddress, h.taps, h.outputCount,
                                band.lowerBound, band.upperBound, values)
                            precondition(status == CResampleKernels_STATUS_OK,
                                         "CResampleKernels_verticalFirstRows failed with status \(status): out of memory")
                            for r in band { emit(r, values + (r - band.lowerBound) * outLen) }
                        }
                    }
                }
            }
        }
        return true
    }
}
