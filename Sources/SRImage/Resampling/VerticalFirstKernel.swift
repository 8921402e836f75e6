import CResampleKernels

/// The byte API's `Float` passes, vertical first, and their rounding, through the AVX2+FMA C
/// kernel (`CResampleKernels`) when the CPU has it.
///
/// Same bands and threads as ``BandedResize``; the kernel differs only in the last bits of the
/// `Float` values (FMA rounds once per multiply-add), which stay within ``NearTieRepair``'s bound,
/// and every sample near a tie is recomputed by the caller, so the bytes are those of the
/// portable passes. At x1/4 on 512x512 RGB, 2 threads, load 8, the byte resize went from
/// 1.02 / 0.52 ms (median / min) to 0.37 / 0.26 ms (Benchmarks/README.md).
enum VerticalFirstKernel {
    /// Whether ``run(_:channels:horizontal:vertical:limit:into:repair:)`` can run on this CPU.
    static let isAvailable = CResampleKernels_available() != 0

    /// Output rows per kernel block (the kernel's SIMD lanes); bands are multiples of it.
    private static let lanes = 8

    /// Resizes `source` (vertical pass first) into `destination` (output rows of
    /// `outputWidth * channels` bytes): `Float` values rounded half to even and clipped, and
    /// every value at least `limit` from its nearest integer replaced by `repair(row, sample)`,
    /// called concurrently for different rows. Returns false, writing nothing, when the kernel
    /// is unavailable. Traps if the kernel cannot allocate its scratch (under 1 MB per band).
    static func run(
        _ source: UnsafePointer<UInt8>, channels c: Int, horizontal: CachedAxis, vertical: CachedAxis,
        limit: Float, into destination: UnsafeMutablePointer<UInt8>,
        repair: (_ row: Int, _ sample: Int) -> UInt8
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
                            let flagged = UnsafeMutablePointer<Int32>.allocate(capacity: band.count * outLen)
                            defer { flagged.deallocate() }
                            let out = destination + band.lowerBound * outLen
                            var count = 0
                            let status = CResampleKernels_verticalFirstRows(
                                source, h.inputCount, c, vw.baseAddress, vi.baseAddress, v.taps,
                                hw.baseAddress, hi.baseAddress, h.taps, h.outputCount,
                                band.lowerBound, band.upperBound, limit, out, flagged, &count)
                            precondition(status == CResampleKernels_STATUS_OK,
                                         "CResampleKernels_verticalFirstRows failed with status \(status): out of memory")
                            for k in 0..<count {
                                let index = Int(flagged[k])
                                out[index] = repair(band.lowerBound + index / outLen, index % outLen)
                            }
                        }
                    }
                }
            }
        }
        return true
    }
}
