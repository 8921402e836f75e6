/// Scratch for the horizontal pass run on `V.scalarCount` rows at once, shared by
/// ``FloatingPointPass/horizontal(_:_:rows:channels:axis:into:)`` and ``BandedResize``.
///
/// The rows are stored transposed, `input[(column * channels + c) * lanes + lane]` being the
/// sample of row `lane`, so each tap of the pass is one vector load and multiply-add for all the
/// rows: vector arithmetic without gathers, and `lanes` independent dependency chains instead of
/// one. Results keep the same layout, `results[x * channels + c]` holding every lane.
///
/// Owns two buffers allocated once per parallel chunk; the owner calls ``deallocate()``.
struct TransposedBlock<V: SIMD> where V.Scalar: BinaryFloatingPoint & ResampleSample {
    /// Transposed input, `inputLength * lanes` scalars. Lanes past the rows loaded last keep
    /// stale (finite) values whose results are never read.
    let input: UnsafeMutablePointer<V.Scalar>
    /// One vector per output sample.
    let results: UnsafeMutablePointer<V>
    /// Samples per input row (`width * channels`).
    let inputLength: Int

    /// Allocates scratch for rows of `inputLength` samples in and `outputLength` samples out.
    init(inputLength: Int, outputLength: Int) {
        self.inputLength = inputLength
        input = .allocate(capacity: inputLength * V.scalarCount)
        input.initialize(repeating: 0, count: inputLength * V.scalarCount)
        results = .allocate(capacity: outputLength)
    }

    /// Frees both buffers.
    func deallocate() {
        input.deallocate()
        results.deallocate()
    }

    /// The results as scalars: output sample `i` of row `lane` is at `i * lanes + lane`.
    var scalars: UnsafePointer<V.Scalar> {
        UnsafeRawPointer(results).assumingMemoryBound(to: V.Scalar.self)
    }

    /// Widens `count` (at most `lanes`) consecutive rows starting at `rows` into lanes
    /// `0..<count` of ``input``.
    @inline(__always)
    func load<In: ResampleSample>(_ rows: UnsafePointer<In>, count: Int) {
        let lanes = V.scalarCount
        for i in 0..<inputLength {
            let column = input + i &* lanes
            for lane in 0..<count { column[lane] = V.Scalar.widening(rows[lane &* inputLength &+ i]) }
        }
    }

    /// Runs the horizontal pass from ``input`` into ``results``: each output is
    /// `w0 * x0 + w1 * x1 + ...` in increasing tap order, never reassociated, so the `Double`
    /// instantiation performs the float64 reference's operations.
    @inline(__always)
    func filter(channels: Int, taps h: BandedResize.Taps<V.Scalar>) {
        let lanes = V.scalarCount, taps = h.count
        if channels == 3 {
            // The common case, unrolled over channels so the three sums share each weight.
            for x in 0..<h.outputs {
                let wx = h.weights + x &* taps, ix = h.indices + x &* taps
                var s0 = V(), s1 = V(), s2 = V()
                for j in 0..<taps {
                    let p = UnsafeRawPointer(input + Int(ix[j]) &* 3 &* lanes)
                    let wj = V(repeating: wx[j])
                    s0 += wj * p.loadUnaligned(as: V.self)
                    s1 += wj * p.loadUnaligned(fromByteOffset: MemoryLayout<V>.stride, as: V.self)
                    s2 += wj * p.loadUnaligned(fromByteOffset: 2 &* MemoryLayout<V>.stride, as: V.self)
                }
                results[3 &* x] = s0
                results[3 &* x &+ 1] = s1
                results[3 &* x &+ 2] = s2
            }
        } else {
            for x in 0..<h.outputs {
                let wx = h.weights + x &* taps, ix = h.indices + x &* taps
                for c in 0..<channels {
                    var s = V()
                    for j in 0..<taps {
                        let p = UnsafeRawPointer(input + (Int(ix[j]) &* channels &+ c) &* lanes)
                        s += V(repeating: wx[j]) * p.loadUnaligned(as: V.self)
                    }
                    results[x &* channels &+ c] = s
                }
            }
        }
    }
}
