/// A two-pass separable resize run in bands of output rows, each band doing both passes for its
/// rows, in one parallel region per call.
///
/// The intermediate image is never materialised: a band keeps only the intermediate rows its
/// output rows read (vertical first: 1 intermediate row per output row, computed
/// `V.scalarCount` at a time straight into the horizontal pass's transposed block; horizontal
/// first: the input rows a sub-band of output rows reads). Each finished output row is handed to
/// `emit` as `V.Scalar` values, so the byte API rounds in place and no full floating-point output
/// exists. The arithmetic of every value is that of ``FloatingPointPass`` for the same pass order:
/// taps summed in increasing order from `w0 * x0`, never reassociated, so with `SIMD8<Double>` and
/// the reference pass order the results are bit-identical to the `Double` path.
enum BandedResize {
    /// Resizes `source` (`height` rows of `width * channels` samples) and calls
    /// `emit(r, values)` once per output row `r` with its `outputWidth * channels` values.
    /// `emit` runs concurrently for different rows.
    static func run<V: SIMD, In: ResampleSample>(
        _ vector: V.Type, _ source: UnsafePointer<In>, channels: Int,
        horizontal: CachedAxis, vertical: CachedAxis, verticalFirst: Bool,
        emit: (_ row: Int, _ values: UnsafePointer<V.Scalar>) -> Void
    ) where V.Scalar: BinaryFloatingPoint & ResampleSample {
        let c = channels
        let h = horizontal.axis, v = vertical.axis
        let outH = v.outputCount, inLen = h.inputCount * c, outLen = h.outputCount * c
        guard outH > 0, outLen > 0 else { return }
        let work = verticalFirst ? outH * (inLen * v.taps + outLen * h.taps)
                                 : outH * outLen * v.taps + v.inputCount * outLen * h.taps
        horizontal.withWeights(V.Scalar.self) { hw in
            vertical.withWeights(V.Scalar.self) { vw in
                h.indices.withUnsafeBufferPointer { hi in
                    v.indices.withUnsafeBufferPointer { vi in
                        let hTaps = Taps(weights: hw.baseAddress!, indices: hi.baseAddress!, count: h.taps, outputs: h.outputCount)
                        let vTaps = Taps(weights: vw.baseAddress!, indices: vi.baseAddress!, count: v.taps, outputs: outH)
                        RowParallel.forEachBand(rows: outH, work: work, alignment: V.scalarCount) { band in
                            if verticalFirst {
                                verticalFirstBand(V.self, source, channels: c, inLen: inLen, window: vertical.window,
                                                  h: hTaps, v: vTaps, rows: band, emit: emit)
                            } else {
                                horizontalFirstBand(V.self, source, channels: c, inLen: inLen, h: hTaps, v: vTaps,
                                                    rows: band, emit: emit)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One axis's taps as raw pointers, weights already in the arithmetic's type.
    struct Taps<Scalar> {
        let weights: UnsafePointer<Scalar>
        let indices: UnsafePointer<Int32>
        let count: Int
        let outputs: Int
    }

    /// Vertical pass then horizontal pass for output rows `rows`, `V.scalarCount` rows at a time.
    private static func verticalFirstBand<V: SIMD, In: ResampleSample>(
        _ vector: V.Type, _ source: UnsafePointer<In>, channels c: Int, inLen: Int, window: Int,
        h: Taps<V.Scalar>, v: Taps<V.Scalar>, rows: Range<Int>,
        emit: (Int, UnsafePointer<V.Scalar>) -> Void
    ) where V.Scalar: BinaryFloatingPoint & ResampleSample {
        let lanes = V.scalarCount, outLen = h.outputs * c
        // Two output rows at a time read at most two windows of input rows.
        var cache = WidenedRows<In, V.Scalar>(source: source, rowLength: inLen, slots: 2 * window)
        defer { cache.deallocate() }
        let rowPointers = UnsafeMutablePointer<UnsafePointer<V.Scalar>>.allocate(capacity: max(1, 2 * v.count))
        defer { rowPointers.deallocate() }
        let block = TransposedBlock<V>(inputLength: inLen, outputLength: outLen)
        defer { block.deallocate() }
        let scalars = block.scalars
        let row = UnsafeMutablePointer<V.Scalar>.allocate(capacity: outLen)
        defer { row.deallocate() }
        var first = rows.lowerBound
        while first < rows.upperBound {
            let count = min(lanes, rows.upperBound &- first)
            var lane = 0
            while lane < count {
                let r = first &+ lane, base = r &* v.count
                if lane &+ 1 < count, let shift = sharedRows(v, r) {
                    // Rows r and r + 1 read the same input rows shifted by `shift` taps: load
                    // each once for both.
                    for u in 0..<(v.count &+ shift) {
                        let index = u < v.count ? v.indices[base &+ u] : v.indices[base &+ v.count &+ u &- shift]
                        rowPointers[u] = cache.row(Int(index))
                    }
                    verticalPair(V.self, rowPointers, weights: v.weights + base, next: v.weights + (base &+ v.count),
                                 taps: v.count, shift: shift, count: inLen, into: block.input + lane, next: block.input + (lane &+ 1),
                                 stride: lanes)
                    lane &+= 2
                } else {
                    for j in 0..<v.count { rowPointers[j] = cache.row(Int(v.indices[base &+ j])) }
                    verticalColumn(V.self, rowPointers, weights: v.weights + base, taps: v.count, count: inLen,
                                   into: block.input + lane, stride: lanes)
                    lane &+= 1
                }
            }
            block.filter(channels: c, taps: h)
            for lane in 0..<count {
                for i in 0..<outLen { row[i] = scalars[i &* lanes &+ lane] }
                emit(first &+ lane, row)
            }
            first &+= count
        }
    }

    /// Horizontal pass over the input rows a sub-band of output rows reads, then the vertical
    /// pass from them, for output rows `rows`.
    private static func horizontalFirstBand<V: SIMD, In: ResampleSample>(
        _ vector: V.Type, _ source: UnsafePointer<In>, channels c: Int, inLen: Int,
        h: Taps<V.Scalar>, v: Taps<V.Scalar>, rows: Range<Int>,
        emit: (Int, UnsafePointer<V.Scalar>) -> Void
    ) where V.Scalar: BinaryFloatingPoint & ResampleSample {
        let lanes = V.scalarCount, outLen = h.outputs * c
        // Sub-bands of output rows small enough that their intermediate rows stay in cache,
        // large enough that the rows shared with the next sub-band are a small overhead.
        let subBand = max(lanes, 64)
        let block = TransposedBlock<V>(inputLength: inLen, outputLength: outLen)
        defer { block.deallocate() }
        let scalars = block.scalars
        let row = UnsafeMutablePointer<V.Scalar>.allocate(capacity: outLen)
        defer { row.deallocate() }
        let rowPointers = UnsafeMutablePointer<UnsafePointer<V.Scalar>>.allocate(capacity: max(1, v.count))
        defer { rowPointers.deallocate() }
        var midCapacity = 0
        var mid = UnsafeMutablePointer<V.Scalar>.allocate(capacity: 0)
        defer { mid.deallocate() }
        var start = rows.lowerBound
        while start < rows.upperBound {
            let end = min(rows.upperBound, start &+ subBand)
            var lo = Int.max, hi = Int.min
            for k in (start &* v.count)..<(end &* v.count) {
                let i = Int(v.indices[k])
                lo = min(lo, i); hi = max(hi, i)
            }
            let n = hi &- lo &+ 1
            if n &* outLen > midCapacity {
                mid.deallocate()
                midCapacity = n &* outLen
                mid = .allocate(capacity: midCapacity)
            }
            // Intermediate rows lo...hi, `lanes` input rows per transposed block.
            var first = 0
            while first < n {
                let count = min(lanes, n &- first)
                block.load(source + (lo &+ first) &* inLen, count: count)
                block.filter(channels: c, taps: h)
                for lane in 0..<count {
                    let o = mid + (first &+ lane) &* outLen
                    for i in 0..<outLen { o[i] = scalars[i &* lanes &+ lane] }
                }
                first &+= count
            }
            for r in start..<end {
                let base = r &* v.count
                for j in 0..<v.count { rowPointers[j] = UnsafePointer(mid + (Int(v.indices[base &+ j]) &- lo) &* outLen) }
                verticalColumn(V.self, rowPointers, weights: v.weights + base, taps: v.count, count: outLen,
                               into: row, stride: 1)
                emit(r, row)
            }
            start = end
        }
    }

    /// The smallest `d <= taps / 2` with row `r + 1`'s tap `j` reading row `r`'s tap `j + d`
    /// for every `j < taps - d`, or nil (borders, irregular steps).
    @inline(__always)
    private static func sharedRows<Scalar>(_ v: Taps<Scalar>, _ r: Int) -> Int? {
        let taps = v.count, a = v.indices + r &* taps, b = a + taps
        for d in 0...(taps / 2) {
            var same = true
            for j in 0..<(taps &- d) where b[j] != a[j &+ d] { same = false; break }
            if same { return d }
        }
        return nil
    }

    /// ``verticalColumn`` for two output rows at once whose taps overlap: `rows[u]` is the
    /// first row's tap `u` for `u < taps` and the second row's tap `u - shift` for `u >= shift`.
    /// Each row's sum keeps its own tap order, so the values equal two ``verticalColumn`` calls.
    @inline(__always)
    private static func verticalPair<V: SIMD>(
        _ vector: V.Type, _ rows: UnsafePointer<UnsafePointer<V.Scalar>>, weights wa: UnsafePointer<V.Scalar>,
        next wb: UnsafePointer<V.Scalar>, taps: Int, shift d: Int, count n: Int,
        into out: UnsafeMutablePointer<V.Scalar>, next out2: UnsafeMutablePointer<V.Scalar>, stride: Int
    ) where V.Scalar: BinaryFloatingPoint {
        let width = V.scalarCount
        var i = 0
        while i &+ width <= n {
            @inline(__always) func load(_ u: Int) -> V { UnsafeRawPointer(rows[u] + i).loadUnaligned(as: V.self) }
            let x0 = load(0)
            var a = V(repeating: wa[0]) * x0
            var b: V
            if d == 0 {
                b = V(repeating: wb[0]) * x0
            } else {
                for u in 1..<d { a += V(repeating: wa[u]) * load(u) }
                let xd = load(d)
                b = V(repeating: wb[0]) * xd
                a += V(repeating: wa[d]) * xd
            }
            for u in (d &+ 1)..<max(d &+ 1, taps) {
                let x = load(u)
                a += V(repeating: wa[u]) * x
                b += V(repeating: wb[u &- d]) * x
            }
            for u in taps..<(taps &+ d) { b += V(repeating: wb[u &- d]) * load(u) }
            for k in 0..<width {
                out[(i &+ k) &* stride] = a[k]
                out2[(i &+ k) &* stride] = b[k]
            }
            i &+= width
        }
        while i < n {
            var a = wa[0] * rows[0][i]
            for u in 1..<max(1, taps) { a += wa[u] * rows[u][i] }
            var b = wb[0] * rows[d][i]
            for u in 1..<max(1, taps) { b += wb[u] * rows[u &+ d][i] }
            out[i &* stride] = a
            out2[i &* stride] = b
            i &+= 1
        }
    }

    /// `out[i * stride] = w0 * row0[i] + w1 * row1[i] + ...`, summed left to right, two vectors
    /// of samples per step (independent dependency chains), then one, then a scalar tail.
    @inline(__always)
    private static func verticalColumn<V: SIMD>(
        _ vector: V.Type, _ rows: UnsafePointer<UnsafePointer<V.Scalar>>, weights w: UnsafePointer<V.Scalar>,
        taps: Int, count n: Int, into out: UnsafeMutablePointer<V.Scalar>, stride: Int
    ) where V.Scalar: BinaryFloatingPoint {
        let width = V.scalarCount
        var i = 0
        @inline(__always) func store(_ s: V, at i: Int) {
            if stride == 1 {
                UnsafeMutableRawPointer(out + i).storeBytes(of: s, as: V.self)
            } else {
                for k in 0..<width { out[(i &+ k) &* stride] = s[k] }
            }
        }
        while i &+ 2 &* width <= n {
            let w0 = V(repeating: w[0])
            var s = w0 * UnsafeRawPointer(rows[0] + i).loadUnaligned(as: V.self)
            var t = w0 * UnsafeRawPointer(rows[0] + (i &+ width)).loadUnaligned(as: V.self)
            for j in 1..<max(1, taps) {
                let wj = V(repeating: w[j])
                s += wj * UnsafeRawPointer(rows[j] + i).loadUnaligned(as: V.self)
                t += wj * UnsafeRawPointer(rows[j] + (i &+ width)).loadUnaligned(as: V.self)
            }
            store(s, at: i)
            store(t, at: i &+ width)
            i &+= 2 &* width
        }
        while i &+ width <= n {
            var s = V(repeating: w[0]) * UnsafeRawPointer(rows[0] + i).loadUnaligned(as: V.self)
            for j in 1..<max(1, taps) {
                s += V(repeating: w[j]) * UnsafeRawPointer(rows[j] + i).loadUnaligned(as: V.self)
            }
            store(s, at: i)
            i &+= width
        }
        while i < n {
            var s = w[0] * rows[0][i]
            for j in 1..<max(1, taps) { s += w[j] * rows[j][i] }
            out[i &* stride] = s
            i &+= 1
        }
    }
}
