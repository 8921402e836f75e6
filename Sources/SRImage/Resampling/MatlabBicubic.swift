import CResampleKernels

/// MATLAB `imresize(I, scale, 'bicubic')`, the kernel SR papers use to make LR images.
///
/// Follows MATLAB's `imresize.m` (and BasicSR's `imresize`, which ports it): Keys cubic with
/// a = -0.5, antialiasing when shrinking (kernel stretched by 1 / scale), symmetric mirrored
/// borders, output size `ceil(in * scale)`, the axis with the smaller scale resized first (the
/// vertical axis first when the scales are equal). See ``AxisWeights/matlabCubic(inputCount:outputCount:scale:antialiasing:)``
/// for the taps.
///
/// Precision: the float API accumulates in `Double`, as MATLAB does, in the same tap order, so
/// it matches a float64 reference to the last bit or two. The byte API runs its passes in
/// `Float` (twice the SIMD width) and recomputes in `Double` every sample whose `Float` value is
/// within the proven error bound of a rounding tie (``NearTieRepair``), so its bytes are exactly
/// those of the `Double` computation (0 of 106,398 samples differ on Set5 at 1/4).
///
/// - `.final` (registry `matlab-bicubic`): both passes in floating point, rounded half away
///   from zero and clipped to 0...255 once at the end — MATLAB given a `double` image, BasicSR.
/// - `.perPass` (registry `matlab-bicubic-uint8`): rounded and clipped after each 1-D pass —
///   MATLAB given a `uint8` image.
public struct MatlabBicubic: Resampler {
    /// When results are rounded to 8 bits.
    public enum Rounding: Sendable {
        /// One rounding at the end, floating point in between (MATLAB on double input, BasicSR).
        case final
        /// Round and clip after each 1-D pass (MATLAB on uint8 input).
        case perPass
    }

    /// When the byte API rounds; the float API never rounds.
    public let rounding: Rounding
    /// Whether shrinking stretches the kernel (MATLAB's `'Antialiasing'`, default true).
    public let antialiasing: Bool

    /// A MATLAB bicubic resampler; the defaults are MATLAB's defaults on double input.
    public init(rounding: Rounding = .final, antialiasing: Bool = true) {
        self.rounding = rounding
        self.antialiasing = antialiasing
    }

    /// `matlab-bicubic`, `matlab-bicubic-uint8`, with `-noaa` appended without antialiasing.
    public var name: String {
        (rounding == .final ? "matlab-bicubic" : "matlab-bicubic-uint8") + (antialiasing ? "" : "-noaa")
    }

    /// Resizes a float image (0...255 scale) with no rounding and no clipping: ringing below 0
    /// and above 255 is kept, as MATLAB's double output. ``rounding`` does not apply.
    public func resize(_ image: FloatImage, to target: ResizeTarget) throws -> FloatImage {
        let plan = try MatlabPlan(width: image.width, height: image.height, target: target, antialiasing: antialiasing)
        return plan.runFloat(image)
    }

    /// Resizes an 8-bit image, rounding as ``rounding`` says (half away from zero, clipped).
    public func resize(_ image: ByteImage, to target: ResizeTarget) throws -> ByteImage {
        let plan = try MatlabPlan(width: image.width, height: image.height, target: target, antialiasing: antialiasing)
        switch rounding {
        case .final: return plan.runBytesFinal(image)
        case .perPass: return plan.runBytesPerPass(image)
        }
    }
}

/// The per-axis taps and pass order of one MATLAB resize, computed before any pixel is touched.
struct MatlabPlan {
    let inputWidth: Int, inputHeight: Int
    /// Taps along x and y, from the shared cache.
    let cachedHorizontal: CachedAxis, cachedVertical: CachedAxis
    var horizontal: AxisWeights { cachedHorizontal.axis }
    var vertical: AxisWeights { cachedVertical.axis }
    /// MATLAB sorts the dimensions by scale and resizes the smaller scale first; `sort` is
    /// stable, so equal scales keep dimension 1 (rows, i.e. the vertical axis) first.
    let verticalFirst: Bool

    init(width: Int, height: Int, target: ResizeTarget, antialiasing: Bool) throws {
        let resolved = try target.resolve(width: width, height: height)
        inputWidth = width
        inputHeight = height
        cachedHorizontal = .matlabCubic(inputCount: width, outputCount: resolved.width, scale: resolved.xScale, antialiasing: antialiasing)
        cachedVertical = .matlabCubic(inputCount: height, outputCount: resolved.height, scale: resolved.yScale, antialiasing: antialiasing)
        verticalFirst = resolved.yScale <= resolved.xScale
    }

    /// Runs both passes in `Double` (the exact path); `Mid` is the intermediate sample type.
    func run<In: ResampleSample, Mid: ResampleSample & ResampleResult, Out: ResampleResult & ImageSample>(
        _ image: Image<In>, intermediate: Mid.Type
    ) -> Image<Out> {
        run(image, vector: SIMD8<Double>.self, intermediate: Mid.self)
    }

    /// Runs both passes with the arithmetic of `V`, `Mid` as the intermediate sample type.
    func run<V: SIMD, In: ResampleSample, Mid: ResampleSample & ResampleResult, Out: ResampleResult & ImageSample>(
        _ image: Image<In>, vector: V.Type, intermediate: Mid.Type
    ) -> Image<Out> where V.Scalar: BinaryFloatingPoint & ResampleSample {
        let c = image.channels
        let outW = horizontal.outputCount, outH = vertical.outputCount
        let midCount = verticalFirst ? outH * inputWidth * c : inputHeight * outW * c
        let mid = [Mid](unsafeUninitializedCapacity: midCount) { buffer, count in
            image.samples.withUnsafeBufferPointer { src in
                if verticalFirst {
                    FloatingPointPass.vertical(V.self, src, rowLength: inputWidth * c, axis: vertical, into: buffer)
                } else {
                    FloatingPointPass.horizontal(V.self, src, rows: inputHeight, channels: c, axis: horizontal, into: buffer)
                }
            }
            count = midCount
        }
        let outCount = outW * outH * c
        let out = [Out](unsafeUninitializedCapacity: outCount) { buffer, count in
            mid.withUnsafeBufferPointer { src in
                if verticalFirst {
                    FloatingPointPass.horizontal(V.self, src, rows: outH, channels: c, axis: horizontal, into: buffer)
                } else {
                    FloatingPointPass.vertical(V.self, src, rowLength: outW * c, axis: vertical, into: buffer)
                }
            }
            count = outCount
        }
        return Image(width: outW, height: outH, channels: c, samples: out)
    }
}

extension MatlabPlan {
    /// Axes in the order they are applied.
    var passes: (first: AxisWeights, second: AxisWeights) {
        verticalFirst ? (vertical, horizontal) : (horizontal, vertical)
    }

    /// The float API: ``run(_:intermediate:)`` with `Double` arithmetic, in bands
    /// (``BandedResize``) with the same operations in the same order, so the same bits.
    func runFloat(_ image: FloatImage) -> FloatImage {
        let c = image.channels, outW = horizontal.outputCount, outH = vertical.outputCount
        let outLen = outW * c, outCount = outLen * outH
        let samples = [Float](unsafeUninitializedCapacity: outCount) { buffer, count in
            let dst = buffer.baseAddress
            image.samples.withUnsafeBufferPointer { src in
                guard let base = src.baseAddress, let dst else { return }
                BandedResize.run(SIMD8<Double>.self, base, channels: c, horizontal: cachedHorizontal,
                                 vertical: cachedVertical, verticalFirst: verticalFirst) { r, values in
                    let out = dst + r * outLen
                    for i in 0..<outLen { out[i] = Float(values[i]) }
                }
            }
            count = outCount
        }
        return FloatImage(width: outW, height: outH, channels: c, samples: samples)
    }

    /// `.final` on bytes: `Float` passes in bands, each output row rounded as it is finished;
    /// samples near a tie are recomputed in `Double` in MATLAB's order (``NearTieRepair``).
    ///
    /// The `Float` passes may run in either order (the cheaper one: vertical first when
    /// shrinking, horizontal first when enlarging): the error bound is computed for the order
    /// run, and the repair follows MATLAB's, so the bytes are those of ``run(_:intermediate:)``.
    /// Vertical first on a CPU with AVX2+FMA, the passes, the rounding and the repair of
    /// MATLAB-order samples run in C (``VerticalFirstKernel``), with the same bytes;
    /// `useKernel: false` runs the portable passes anyway, so tests cover them on every CPU.
    func runBytesFinal(_ image: ByteImage, useKernel: Bool = true) -> ByteImage {
        let c = image.channels, h = horizontal, v = vertical
        let outW = h.outputCount, outH = v.outputCount, outLen = outW * c, outCount = outLen * outH
        // A horizontal multiply-add costs about twice a vertical one (transposing, gathers).
        let verticalFirstCost = outH * (inputWidth * c * v.taps + 2 * outLen * h.taps)
        let horizontalFirstCost = outH * outLen * v.taps + 2 * inputHeight * outLen * h.taps
        let floatVerticalFirst = verticalFirstCost <= horizontalFirstCost
        let order = floatVerticalFirst ? (v, h) : (h, v)
        let first = NearTieRepair.errorBound(axis: order.0, inputMagnitude: 255, inputError: 0)
        let second = NearTieRepair.errorBound(axis: order.1, inputMagnitude: first.magnitude, inputError: first.error)
        // See NearTieRepair.round: rint by adding 1.5 * 2^23, ties to even; values within
        // 2 * error of a tie are recomputed exactly.
        let magic: Float = 12_582_912
        let limit = (0.5 - Float(2 * second.error)).nextDown
        let bytes = [UInt8](unsafeUninitializedCapacity: outCount) { buffer, count in
            let dst = buffer.baseAddress
            image.samples.withUnsafeBufferPointer { src in
                guard let base = src.baseAddress, let dst else { return }
                let emit = { (r: Int, values: UnsafePointer<Float>) in
                    let out = dst + r * outLen
                    // 32 samples at a time, in a loop LLVM vectorises: round, and OR together
                    // the near-tie flags; only a chunk with a flag is scanned again.
                    var start = 0
                    while start < outLen {
                        let end = min(outLen, start &+ 32)
                        var flagged: UInt32 = 0
                        for i in start..<end {
                            let x = values[i]
                            var clipped = x > 0 ? x : 0
                            clipped = clipped < 255 ? clipped : 255
                            out[i] = UInt8(truncatingIfNeeded: (clipped + magic).bitPattern)
                            // |x - rint(x)| is exact; it is >= limit only within tolerance of a tie.
                            let d = x - ((x + magic) - magic)
                            flagged |= (d >= limit ? 1 : 0) | (d <= -limit ? 1 : 0)
                        }
                        if flagged != 0 {
                            for i in start..<end where abs(values[i] - ((values[i] + magic) - magic)) >= limit {
                                out[i] = UInt8(resampled: exactFinal(src, row: r, sample: i, channels: c, useKernel: useKernel))
                            }
                        }
                        start = end
                    }
                }
                if useKernel, floatVerticalFirst,
                   VerticalFirstKernel.run(base, channels: c, horizontal: cachedHorizontal, vertical: cachedVertical,
                                           limit: limit, into: dst, repair: { r, i in
                                               UInt8(resampled: exactFinal(src, row: r, sample: i, channels: c, useKernel: true))
                                           }) {
                    return
                }
                BandedResize.run(SIMD16<Float>.self, base, channels: c, horizontal: cachedHorizontal,
                                 vertical: cachedVertical, verticalFirst: floatVerticalFirst, emit: emit)
            }
            count = outCount
        }
        return ByteImage(width: outW, height: outH, channels: c, samples: bytes)
    }

    /// The `Double` path's value of sample `i` of output row `r`, computed alone, with
    /// MATLAB's pass order and tap order.
    private func exactFinal(_ src: UnsafeBufferPointer<UInt8>, row r: Int, sample i: Int, channels c: Int,
                            useKernel: Bool) -> Double {
        let x = i / c, channel = i % c, inLen = inputWidth * c
        return horizontal.weights.withUnsafeBufferPointer { hw in
            horizontal.indices.withUnsafeBufferPointer { hi in
                vertical.weights.withUnsafeBufferPointer { vw in
                    vertical.indices.withUnsafeBufferPointer { vi in
                        let src = src.baseAddress!
                        let ht = horizontal.taps, vt = vertical.taps
                        let hw = hw.baseAddress! + x * ht, hi = hi.baseAddress! + x * ht
                        let vw = vw.baseAddress! + r * vt, vi = vi.baseAddress! + r * vt
                        var value = 0.0
                        if useKernel, verticalFirst, VerticalFirstKernel.isAvailable,
                           CResampleKernels_exactVerticalFirst(src, inputWidth, c, channel, vw, vi, vt, hw, hi, ht, &value)
                            == CResampleKernels_STATUS_OK {
                            return value
                        }
                        // Each intermediate is summed in its own tap order; the intermediates
                        // are interleaved (independent dependency chains), which changes no bit.
                        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(ht, vt)) { m in
                            let m = m.baseAddress!
                            if verticalFirst {
                                // Output (r, x, c) from Double intermediates (r, column, c) of the
                                // vertical pass, as NearTieRepair.horizontal(vertical(...)).
                                let first = src + Int(vi[0]) * inLen
                                for j in 0..<ht { m[j] = vw[0] * Double(first[Int(hi[j]) * c + channel]) }
                                for t in 1..<max(1, vt) {
                                    let row = src + Int(vi[t]) * inLen, w = vw[t]
                                    for j in 0..<ht { m[j] += w * Double(row[Int(hi[j]) * c + channel]) }
                                }
                                var s = 0.0
                                for j in 0..<ht { s += hw[j] * m[j] }
                                return s
                            }
                            // Output (r, x, c) from Double intermediates (row, x, c) of the
                            // horizontal pass.
                            for t in 0..<vt { m[t] = 0 }
                            for j in 0..<ht {
                                let k = Int(hi[j]) * c + channel, w = hw[j]
                                for t in 0..<vt { m[t] += w * Double(src[Int(vi[t]) * inLen + k]) }
                            }
                            var s = vw[0] * m[0]
                            for t in 1..<max(1, vt) { s += vw[t] * m[t] }
                            return s
                        }
                    }
                }
            }
        }
    }

    /// `.perPass` on bytes: each pass in `Float`, rounded to bytes with near-tie repair.
    func runBytesPerPass(_ image: ByteImage) -> ByteImage {
        let mid = roundedPass(image, axis: passes.first, vertically: verticalFirst)
        return roundedPass(mid, axis: passes.second, vertically: !verticalFirst)
    }

    /// One pass over `image` along one axis, rounded to bytes as MATLAB's uint8 path.
    private func roundedPass(_ image: ByteImage, axis: AxisWeights, vertically: Bool) -> ByteImage {
        let c = image.channels
        let outW = vertically ? image.width : axis.outputCount
        let outH = vertically ? axis.outputCount : image.height
        let count = outW * outH * c
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, n in
            image.samples.withUnsafeBufferPointer { src in
                if vertically {
                    FloatingPointPass.vertical(SIMD16<Float>.self, src, rowLength: image.width * c, axis: axis, into: buffer)
                } else {
                    FloatingPointPass.horizontal(SIMD16<Float>.self, src, rows: image.height, channels: c, axis: axis, into: buffer)
                }
            }
            n = count
        }
        let bound = NearTieRepair.errorBound(axis: axis, inputMagnitude: 255, inputError: 0)
        let bytes = image.samples.withUnsafeBufferPointer { src in
            NearTieRepair.round(values, tolerance: 2 * bound.error) { index in
                if vertically {
                    let rowLength = image.width * c
                    return NearTieRepair.vertical(src, rowLength: rowLength, axis: axis, row: index / rowLength, sample: index % rowLength)
                }
                let pixel = index / c, r = pixel / outW
                return NearTieRepair.horizontal(axis: axis, column: pixel % outW, channel: index % c, channels: c) { k in
                    src[r * image.width * c + k].resampleValue
                }
            }
        }
        return ByteImage(width: outW, height: outH, channels: c, samples: bytes)
    }
}
