/// The two 1-D passes of a separable floating-point resize, accumulating in `Double`.
///
/// Why `Double`: the MATLAB reference computes in double, and the byte result depends on which
/// side of .5 each value falls. With `Double` and the same tap order as the reference, a sum
/// differs from it by a few ulps at most (~1e-13 at 255), so a rounding flip needs a value
/// within 1e-13 of a tie; with `Float` (~3e-5 after two passes) about one sample in 10^4 would
/// flip. Tap order is always increasing `j`, never reassociated.
///
/// Images are rows of `rowLength` samples (`width * channels`, HWC interleaved).
enum FloatingPointPass {
    /// Resamples along y: output row `r` = sum over taps of `weight * input row index`, for
    /// every sample of the row at once (contiguous, vectorisable), rows split across cores.
    static func vertical<In: ResampleSample, Out: ResampleResult>(
        _ source: UnsafeBufferPointer<In>, rowLength: Int, axis: AxisWeights,
        into destination: UnsafeMutableBufferPointer<Out>
    ) {
        precondition(source.count == axis.inputCount * rowLength)
        precondition(destination.count == axis.outputCount * rowLength)
        guard rowLength > 0 else { return }
        let taps = axis.taps
        axis.weights.withUnsafeBufferPointer { weights in
            axis.indices.withUnsafeBufferPointer { indices in
                let src = source.baseAddress!, dst = destination.baseAddress!
                let w = weights.baseAddress!, idx = indices.baseAddress!
                RowParallel.forEachChunk(rows: axis.outputCount, workPerRow: rowLength * taps) { rows in
                    let acc = UnsafeMutablePointer<Double>.allocate(capacity: rowLength)
                    defer { acc.deallocate() }
                    for r in rows {
                        let base = r * taps
                        verticalRow(src, rowLength: rowLength, weights: w + base, indices: idx + base,
                                    taps: taps, accumulator: acc)
                        let out = dst + r * rowLength
                        for i in 0..<rowLength { out[i] = Out(resampled: acc[i]) }
                    }
                }
            }
        }
    }

    /// One output row of the vertical pass into `accumulator`; taps are folded four at a time
    /// into one load/store of the accumulator, keeping the left-to-right summation order.
    @inline(__always)
    private static func verticalRow<In: ResampleSample>(
        _ src: UnsafePointer<In>, rowLength n: Int, weights w: UnsafePointer<Double>,
        indices idx: UnsafePointer<Int32>, taps: Int, accumulator acc: UnsafeMutablePointer<Double>
    ) {
        let r0 = src + Int(idx[0]) * n
        let w0 = w[0]
        for i in 0..<n { acc[i] = w0 * r0[i].resampleValue }
        var j = 1
        while j + 4 <= taps {
            let a = src + Int(idx[j]) * n, b = src + Int(idx[j + 1]) * n
            let c = src + Int(idx[j + 2]) * n, d = src + Int(idx[j + 3]) * n
            let wa = w[j], wb = w[j + 1], wc = w[j + 2], wd = w[j + 3]
            for i in 0..<n {
                var s = acc[i]
                s += wa * a[i].resampleValue
                s += wb * b[i].resampleValue
                s += wc * c[i].resampleValue
                s += wd * d[i].resampleValue
                acc[i] = s
            }
            j += 4
        }
        while j < taps {
            let a = src + Int(idx[j]) * n
            let wa = w[j]
            for i in 0..<n { acc[i] += wa * a[i].resampleValue }
            j += 1
        }
    }

    /// Resamples along x: output pixel `x` of each row = sum over taps of
    /// `weight * input pixel index`, channel by channel; rows split across cores.
    static func horizontal<In: ResampleSample, Out: ResampleResult>(
        _ source: UnsafeBufferPointer<In>, rows: Int, channels: Int, axis: AxisWeights,
        into destination: UnsafeMutableBufferPointer<Out>
    ) {
        let inLength = axis.inputCount * channels, outLength = axis.outputCount * channels
        precondition(source.count == rows * inLength && destination.count == rows * outLength)
        guard rows > 0 else { return }
        let taps = axis.taps, outputs = axis.outputCount
        axis.weights.withUnsafeBufferPointer { weights in
            axis.indices.withUnsafeBufferPointer { indices in
                let src = source.baseAddress!, dst = destination.baseAddress!
                let w = weights.baseAddress!, idx = indices.baseAddress!
                RowParallel.forEachChunk(rows: rows, workPerRow: outLength * taps) { range in
                    for r in range {
                        let row = src + r * inLength, out = dst + r * outLength
                        if channels == 3 {
                            for x in 0..<outputs {
                                let wx = w + x * taps, ix = idx + x * taps
                                var s0 = 0.0, s1 = 0.0, s2 = 0.0
                                for j in 0..<taps {
                                    let p = row + Int(ix[j]) * 3, wj = wx[j]
                                    s0 += wj * p[0].resampleValue
                                    s1 += wj * p[1].resampleValue
                                    s2 += wj * p[2].resampleValue
                                }
                                out[3 * x] = Out(resampled: s0)
                                out[3 * x + 1] = Out(resampled: s1)
                                out[3 * x + 2] = Out(resampled: s2)
                            }
                        } else {
                            for x in 0..<outputs {
                                let wx = w + x * taps, ix = idx + x * taps
                                for c in 0..<channels {
                                    var s = 0.0
                                    for j in 0..<taps { s += wx[j] * row[Int(ix[j]) * channels + c].resampleValue }
                                    out[x * channels + c] = Out(resampled: s)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
