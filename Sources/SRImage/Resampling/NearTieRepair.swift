/// Rounds the `Float` fast path's results to bytes exactly as the `Double` path would.
///
/// The byte API computes in `Float` (twice the SIMD width of `Double`, half the memory) and
/// bounds the worst-case difference `e` from the float64 result with a standard error bound
/// (``errorBound(axis:inputMagnitude:inputError:)``). A value farther than `2e` from a rounding
/// tie (k + 0.5) rounds the same way in both; the few within `2e` (about 0.1–0.5% at 1/4) are
/// recomputed from the input in `Double` with the same operations in the same order as the
/// `Double` passes, so the bytes equal those of the exact path — and of MATLAB's float64.
struct NearTieRepair {
    /// Worst-case |float result - exact result| of one pass over `axis`, for inputs of
    /// magnitude at most `inputMagnitude` already off by at most `inputError`.
    ///
    /// Each output is n = taps products and n - 1 sums plus the rounding of each weight to
    /// `Float`: at most (n + 2) roundings of relative size u = 2^-24 on the magnitude
    /// `sum |w| * (M + e)` (Higham, Accuracy and Stability, eq. 3.5), plus the incoming error
    /// scaled by `sum |w|`. A 10% margin covers the second-order terms.
    static func errorBound(axis: AxisWeights, inputMagnitude: Double, inputError: Double) -> (magnitude: Double, error: Double) {
        var gain = 0.0
        for o in 0..<axis.outputCount {
            var s = 0.0
            for j in 0..<axis.taps { s += abs(axis.weights[o * axis.taps + j]) }
            gain = max(gain, s)
        }
        let u = 0x1p-24
        let own = Double(axis.taps + 2) * u * gain * (inputMagnitude + inputError) * 1.1
        return (gain * (inputMagnitude + inputError), gain * inputError + own)
    }

    /// Bytes of `values`, with every value within `tolerance` of a tie replaced by
    /// `UInt8(resampled: exact(index))`.
    static func round(_ values: [Float], tolerance: Double, exact: (Int) -> Double) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: values.count)
        var flagged: [Int] = []
        // Adding 1.5 * 2^23 leaves rint(x) in the low mantissa bits for |x| < 2^22: a
        // branch-free, vectorisable rounding (no SSE4.1 `roundps` on the x86-64 baseline). It
        // rounds ties to even, not away from zero, but every value near a tie is repaired below.
        let magic: Float = 12_582_912
        // Round the limit down so the float test errs towards repairing.
        let limit = (0.5 - Float(tolerance)).nextDown
        values.withUnsafeBufferPointer { v in
            bytes.withUnsafeMutableBufferPointer { out in
                for i in 0..<v.count {
                    var x = v[i]
                    x = x > 0 ? x : 0
                    x = x < 255 ? x : 255
                    out[i] = UInt8(truncatingIfNeeded: (x + magic).bitPattern)
                }
            }
            for i in 0..<v.count {
                let x = v[i]
                // |x - rint(x)| is exact; it is >= limit only within tolerance of a tie.
                if abs(x - ((x + magic) - magic)) >= limit { flagged.append(i) }
            }
        }
        for i in flagged { bytes[i] = UInt8(resampled: exact(i)) }
        return bytes
    }

    /// The `Double` vertical pass's value at sample `i` of output row `r`.
    @inline(__always)
    static func vertical<In: ResampleSample>(_ src: UnsafeBufferPointer<In>, rowLength: Int, axis: AxisWeights, row r: Int, sample i: Int) -> Double {
        let base = r * axis.taps
        var s = axis.weights[base] * src[Int(axis.indices[base]) * rowLength + i].resampleValue
        for j in 1..<max(1, axis.taps) {
            s += axis.weights[base + j] * src[Int(axis.indices[base + j]) * rowLength + i].resampleValue
        }
        return s
    }

    /// The `Double` horizontal pass's value at output column `x`, channel `c` of input row
    /// `row`; `sample(k)` gives input sample `k` of that row.
    @inline(__always)
    static func horizontal(axis: AxisWeights, column x: Int, channel c: Int, channels: Int, sample: (Int) -> Double) -> Double {
        let base = x * axis.taps
        var s = 0.0
        for j in 0..<axis.taps {
            s += axis.weights[base + j] * sample(Int(axis.indices[base + j]) * channels + c)
        }
        return s
    }
}
