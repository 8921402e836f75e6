/// The two 1-D passes of a separable floating-point resize, generic over the SIMD vector `V`
/// that sets the arithmetic: `SIMD8<Double>` (the exact path) or `SIMD16<Float>` (the fast path
/// of the byte API, whose few results near a rounding tie are recomputed in `Double` by
/// ``NearTieRepair``).
///
/// Every output is `w0 * x0 + w1 * x1 + ...` summed in increasing tap order, never reassociated,
/// so the `Double` instantiation performs the same operations as the float64 reference.
/// Images are rows of `rowLength` samples (`width * channels`, HWC interleaved).
enum FloatingPointPass {
    /// Resamples along y: output row `r` = sum over taps of `weight * input row index`, for
    /// every sample of the row at once, rows split across cores.
    ///
    /// Input rows are widened once per chunk into a small ring of rows (each input row feeds
    /// several output rows when shrinking or enlarging), then each output row is accumulated in
    /// registers `V.scalarCount` samples at a time over all taps, so the accumulator never
    /// round-trips through memory.
    static func vertical<V: SIMD, In: ResampleSample, Out: ResampleResult>(
        _ vector: V.Type, _ source: UnsafeBufferPointer<In>, rowLength: Int, axis: AxisWeights,
        into destination: UnsafeMutableBufferPointer<Out>
    ) where V.Scalar: BinaryFloatingPoint & ResampleSample {
        precondition(source.count == axis.inputCount * rowLength)
        precondition(destination.count == axis.outputCount * rowLength)
        guard rowLength > 0 else { return }
        let taps = axis.taps
        let window = axis.window
        let weights = axis.weights.map { V.Scalar($0) }
        weights.withUnsafeBufferPointer { weights in
            axis.indices.withUnsafeBufferPointer { indices in
                let src = source.baseAddress!, dst = destination.baseAddress!
                let w = weights.baseAddress!, idx = indices.baseAddress!
                RowParallel.forEachChunk(rows: axis.outputCount, workPerRow: rowLength * taps) { rows in
                    var cache = WidenedRows<In, V.Scalar>(source: src, rowLength: rowLength, slots: window)
                    defer { cache.deallocate() }
                    let rowPointers = UnsafeMutablePointer<UnsafePointer<V.Scalar>>.allocate(capacity: taps)
                    defer { rowPointers.deallocate() }
                    let acc = UnsafeMutablePointer<V.Scalar>.allocate(capacity: rowLength)
                    defer { acc.deallocate() }
                    for r in rows {
                        let base = r * taps
                        for j in 0..<taps { rowPointers[j] = cache.row(Int(idx[base + j])) }
                        let out = dst + r * rowLength
                        if Out.self == V.Scalar.self {
                            let direct = UnsafeMutableRawPointer(out).assumingMemoryBound(to: V.Scalar.self)
                            verticalRow(V.self, rowPointers, weights: w + base, taps: taps, count: rowLength, into: direct)
                        } else {
                            verticalRow(V.self, rowPointers, weights: w + base, taps: taps, count: rowLength, into: acc)
                            for i in 0..<rowLength { out[i] = Out(resampled: acc[i].resampleValue) }
                        }
                    }
                }
            }
        }
    }

    /// `out[i] = w0 * row0[i] + w1 * row1[i] + ...`, summed left to right; `V.scalarCount`
    /// samples per step held in registers, then a scalar tail.
    @inline(__always)
    private static func verticalRow<V: SIMD>(
        _ vector: V.Type, _ rows: UnsafePointer<UnsafePointer<V.Scalar>>, weights w: UnsafePointer<V.Scalar>,
        taps: Int, count n: Int, into out: UnsafeMutablePointer<V.Scalar>
    ) where V.Scalar: BinaryFloatingPoint {
        let width = V.scalarCount
        var i = 0
        while i + width <= n {
            var s = V(repeating: w[0]) * UnsafeRawPointer(rows[0] + i).loadUnaligned(as: V.self)
            for j in 1..<max(1, taps) {
                s += V(repeating: w[j]) * UnsafeRawPointer(rows[j] + i).loadUnaligned(as: V.self)
            }
            UnsafeMutableRawPointer(out + i).storeBytes(of: s, as: V.self)
            i += width
        }
        while i < n {
            var s = w[0] * rows[0][i]
            for j in 1..<max(1, taps) { s += w[j] * rows[j][i] }
            out[i] = s
            i += 1
        }
    }

    /// Resamples along x: output pixel `x` of each row = sum over taps of
    /// `weight * input pixel index`, channel by channel; rows split across cores.
    ///
    /// `V.scalarCount` rows at a time go through a ``TransposedBlock``, so each tap is one vector
    /// load and multiply-add for that many outputs.
    static func horizontal<V: SIMD, In: ResampleSample, Out: ResampleResult>(
        _ vector: V.Type, _ source: UnsafeBufferPointer<In>, rows: Int, channels: Int, axis: AxisWeights,
        into destination: UnsafeMutableBufferPointer<Out>
    ) where V.Scalar: BinaryFloatingPoint & ResampleSample {
        let inLength = axis.inputCount * channels, outLength = axis.outputCount * channels
        precondition(source.count == rows * inLength && destination.count == rows * outLength)
        guard rows > 0 else { return }
        let outputs = axis.outputCount, lanes = V.scalarCount
        let blocks = (rows + lanes - 1) / lanes
        let weights = axis.weights.map { V.Scalar($0) }
        weights.withUnsafeBufferPointer { weights in
            axis.indices.withUnsafeBufferPointer { indices in
                let src = source.baseAddress!, dst = destination.baseAddress!
                let w = weights.baseAddress!, idx = indices.baseAddress!
                let taps = BandedResize.Taps(weights: w, indices: idx, count: axis.taps, outputs: outputs)
                RowParallel.forEachChunk(rows: blocks, workPerRow: lanes * outLength * axis.taps) { range in
                    let block = TransposedBlock<V>(inputLength: inLength, outputLength: outLength)
                    defer { block.deallocate() }
                    let scalars = block.scalars
                    for b in range {
                        let first = b &* lanes, count = min(lanes, rows &- first)
                        block.load(src + first &* inLength, count: count)
                        block.filter(channels: channels, taps: taps)
                        let out = dst + first &* outLength
                        for lane in 0..<count {
                            let o = out + lane &* outLength
                            for i in 0..<outLength { o[i] = Out(resampled: scalars[i &* lanes &+ lane].resampleValue) }
                        }
                    }
                }
            }
        }
    }
}

/// Input rows of a vertical pass widened to `Scalar`, cached in a ring of `slots` rows keyed
/// by row index modulo `slots`.
///
/// `slots` is at least the widest range of rows one output reads (``AxisWeights/window``), so
/// fetching the taps of one output never evicts another tap of the same output. Input that is
/// already `Scalar` is not copied at all.
struct WidenedRows<In: ResampleSample, Scalar: BinaryFloatingPoint & ResampleSample> {
    let source: UnsafePointer<In>
    let rowLength: Int
    let slots: Int
    private let storage: UnsafeMutablePointer<Scalar>?
    private let tags: UnsafeMutablePointer<Int>?

    init(source: UnsafePointer<In>, rowLength: Int, slots: Int) {
        self.source = source
        self.rowLength = rowLength
        self.slots = slots
        if In.self == Scalar.self {
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
    mutating func row(_ index: Int) -> UnsafePointer<Scalar> {
        guard let storage, let tags else {
            return UnsafeRawPointer(source + index * rowLength).assumingMemoryBound(to: Scalar.self)
        }
        let slot = index % slots
        let target = storage + slot * rowLength
        if tags[slot] != index {
            let from = source + index * rowLength
            for i in 0..<rowLength { target[i] = Scalar.widening(from[i]) }
            tags[slot] = index
        }
        return UnsafePointer(target)
    }

    func deallocate() {
        storage?.deallocate()
        tags?.deallocate()
    }
}
