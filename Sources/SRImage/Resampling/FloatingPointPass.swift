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
    /// every sample of the row at once, rows split across cores.
    ///
    /// Input rows are widened to `Double` once per chunk into a small ring of rows (each input
    /// row feeds several output rows when shrinking or enlarging), then each output row is
    /// accumulated in registers eight samples at a time over all taps, so the accumulator
    /// never round-trips through memory.
    static func vertical<In: ResampleSample, Out: ResampleResult>(
        _ source: UnsafeBufferPointer<In>, rowLength: Int, axis: AxisWeights,
        into destination: UnsafeMutableBufferPointer<Out>
    ) {
        precondition(source.count == axis.inputCount * rowLength)
        precondition(destination.count == axis.outputCount * rowLength)
        guard rowLength > 0 else { return }
        let taps = axis.taps
        let window = axis.window
        axis.weights.withUnsafeBufferPointer { weights in
            axis.indices.withUnsafeBufferPointer { indices in
                let src = source.baseAddress!, dst = destination.baseAddress!
                let w = weights.baseAddress!, idx = indices.baseAddress!
                RowParallel.forEachChunk(rows: axis.outputCount, workPerRow: rowLength * taps) { rows in
                    var cache = WidenedRows(source: src, rowLength: rowLength, slots: window)
                    defer { cache.deallocate() }
                    let rowPointers = UnsafeMutablePointer<UnsafePointer<Double>>.allocate(capacity: taps)
                    defer { rowPointers.deallocate() }
                    let acc = UnsafeMutablePointer<Double>.allocate(capacity: rowLength)
                    defer { acc.deallocate() }
                    for r in rows {
                        let base = r * taps
                        for j in 0..<taps { rowPointers[j] = cache.row(Int(idx[base + j])) }
                        let out = dst + r * rowLength
                        if Out.self == Double.self {
                            let direct = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Double.self)
                            verticalRow(rowPointers, weights: w + base, taps: taps, count: rowLength, into: direct)
                        } else {
                            verticalRow(rowPointers, weights: w + base, taps: taps, count: rowLength, into: acc)
                            for i in 0..<rowLength { out[i] = Out(resampled: acc[i]) }
                        }
                    }
                }
            }
        }
    }

    /// `out[i] = w0 * row0[i] + w1 * row1[i] + ...`, summed left to right; eight samples per
    /// step held in registers (`SIMD8<Double>`, four SSE2 registers), then a scalar tail.
    @inline(__always)
    private static func verticalRow(
        _ rows: UnsafePointer<UnsafePointer<Double>>, weights w: UnsafePointer<Double>, taps: Int,
        count n: Int, into out: UnsafeMutablePointer<Double>
    ) {
        var i = 0
        while i + 8 <= n {
            var s = SIMD8<Double>(repeating: w[0]) * UnsafeRawPointer(rows[0] + i).loadUnaligned(as: SIMD8<Double>.self)
            for j in 1..<max(1, taps) {
                s += SIMD8<Double>(repeating: w[j]) * UnsafeRawPointer(rows[j] + i).loadUnaligned(as: SIMD8<Double>.self)
            }
            UnsafeMutableRawPointer(out + i).storeBytes(of: s, as: SIMD8<Double>.self)
            i += 8
        }
        while i < n {
            var s = w[0] * rows[0][i]
            for j in 1..<max(1, taps) { s += w[j] * rows[j][i] }
            out[i] = s
            i += 1
        }
    }

    /// Rows the horizontal pass handles together, one per SIMD lane.
    static let laneRows = 8

    /// Resamples along x: output pixel `x` of each row = sum over taps of
    /// `weight * input pixel index`, channel by channel; rows split across cores.
    ///
    /// Eight rows at a time are transposed into a scratch block where the eight rows' samples
    /// of one column and channel are adjacent, so each tap is one `SIMD8<Double>` load and
    /// multiply-add for eight outputs: vector arithmetic without gathers, and eight independent
    /// dependency chains instead of one.
    static func horizontal<In: ResampleSample, Out: ResampleResult>(
        _ source: UnsafeBufferPointer<In>, rows: Int, channels: Int, axis: AxisWeights,
        into destination: UnsafeMutableBufferPointer<Out>
    ) {
        let inLength = axis.inputCount * channels, outLength = axis.outputCount * channels
        precondition(source.count == rows * inLength && destination.count == rows * outLength)
        guard rows > 0 else { return }
        let taps = axis.taps, outputs = axis.outputCount, lanes = laneRows
        let blocks = (rows + lanes - 1) / lanes
        axis.weights.withUnsafeBufferPointer { weights in
            axis.indices.withUnsafeBufferPointer { indices in
                let src = source.baseAddress!, dst = destination.baseAddress!
                let w = weights.baseAddress!, idx = indices.baseAddress!
                RowParallel.forEachChunk(rows: blocks, workPerRow: lanes * outLength * taps) { range in
                    // block[(column * channels + c) * lanes + lane] = row (first + lane), sample.
                    let block = UnsafeMutablePointer<Double>.allocate(capacity: inLength * lanes)
                    defer { block.deallocate() }
                    block.initialize(repeating: 0, count: inLength * lanes)
                    for b in range {
                        let first = b * lanes, count = min(lanes, rows - first)
                        for lane in 0..<count {
                            let row = src + (first + lane) * inLength
                            for i in 0..<inLength { block[i * lanes + lane] = row[i].resampleValue }
                        }
                        let out = dst + first * outLength
                        if channels == 3 {
                            for x in 0..<outputs {
                                let wx = w + x * taps, ix = idx + x * taps
                                var s0 = SIMD8<Double>(), s1 = SIMD8<Double>(), s2 = SIMD8<Double>()
                                for j in 0..<taps {
                                    let p = UnsafeRawPointer(block + Int(ix[j]) * 3 * lanes)
                                    let wj = SIMD8<Double>(repeating: wx[j])
                                    s0 += wj * p.loadUnaligned(as: SIMD8<Double>.self)
                                    s1 += wj * p.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self)
                                    s2 += wj * p.loadUnaligned(fromByteOffset: 128, as: SIMD8<Double>.self)
                                }
                                for lane in 0..<count {
                                    let o = out + lane * outLength + 3 * x
                                    o[0] = Out(resampled: s0[lane])
                                    o[1] = Out(resampled: s1[lane])
                                    o[2] = Out(resampled: s2[lane])
                                }
                            }
                        } else {
                            for x in 0..<outputs {
                                let wx = w + x * taps, ix = idx + x * taps
                                for c in 0..<channels {
                                    var s = SIMD8<Double>()
                                    for j in 0..<taps {
                                        let p = UnsafeRawPointer(block + (Int(ix[j]) * channels + c) * lanes)
                                        s += SIMD8<Double>(repeating: wx[j]) * p.loadUnaligned(as: SIMD8<Double>.self)
                                    }
                                    for lane in 0..<count { out[lane * outLength + x * channels + c] = Out(resampled: s[lane]) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Input rows of a vertical pass widened to `Double`, cached in a ring of `slots` rows keyed
/// by row index modulo `slots`.
///
/// `slots` is at least the widest range of rows one output reads (``AxisWeights/window``), so
/// fetching the taps of one output never evicts another tap of the same output. `Double` input
/// is not copied at all.
struct WidenedRows<In: ResampleSample> {
    let source: UnsafePointer<In>
    let rowLength: Int
    let slots: Int
    private let storage: UnsafeMutablePointer<Double>?
    private let tags: UnsafeMutablePointer<Int>?

    init(source: UnsafePointer<In>, rowLength: Int, slots: Int) {
        self.source = source
        self.rowLength = rowLength
        self.slots = slots
        if In.self == Double.self {
            storage = nil
            tags = nil
        } else {
            storage = .allocate(capacity: slots * rowLength)
            let tags = UnsafeMutablePointer<Int>.allocate(capacity: slots)
            tags.initialize(repeating: -1, count: slots)
            self.tags = tags
        }
    }

    @inline(__always)
    mutating func row(_ index: Int) -> UnsafePointer<Double> {
        guard let storage, let tags else {
            return UnsafeRawPointer(source + index * rowLength).assumingMemoryBound(to: Double.self)
        }
        let slot = index % slots
        let target = storage + slot * rowLength
        if tags[slot] != index {
            let from = source + index * rowLength
            for i in 0..<rowLength { target[i] = from[i].resampleValue }
            tags[slot] = index
        }
        return UnsafePointer(target)
    }

    func deallocate() {
        storage?.deallocate()
        tags?.deallocate()
    }
}
