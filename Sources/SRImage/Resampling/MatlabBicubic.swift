/// MATLAB `imresize(I, scale, 'bicubic')`, the kernel SR papers use to make LR images.
///
/// Follows MATLAB's `imresize.m` (and BasicSR's `imresize`, which ports it): Keys cubic with
/// a = -0.5, antialiasing when shrinking (kernel stretched by 1 / scale), symmetric mirrored
/// borders, output size `ceil(in * scale)`, the axis with the smaller scale resized first (the
/// vertical axis first when the scales are equal). See ``AxisWeights/matlabCubic(inputCount:outputCount:scale:antialiasing:)``
/// for the taps. Accumulation is in `Double`, as MATLAB's, in the same tap order.
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
        return plan.run(image, intermediate: Double.self)
    }

    /// Resizes an 8-bit image, rounding as ``rounding`` says (half away from zero, clipped).
    public func resize(_ image: ByteImage, to target: ResizeTarget) throws -> ByteImage {
        let plan = try MatlabPlan(width: image.width, height: image.height, target: target, antialiasing: antialiasing)
        switch rounding {
        case .final: return plan.run(image, intermediate: Double.self)
        case .perPass: return plan.run(image, intermediate: UInt8.self)
        }
    }
}

/// The per-axis taps and pass order of one MATLAB resize, computed before any pixel is touched.
struct MatlabPlan {
    let inputWidth: Int, inputHeight: Int
    let horizontal: AxisWeights
    let vertical: AxisWeights
    /// MATLAB sorts the dimensions by scale and resizes the smaller scale first; `sort` is
    /// stable, so equal scales keep dimension 1 (rows, i.e. the vertical axis) first.
    let verticalFirst: Bool

    init(width: Int, height: Int, target: ResizeTarget, antialiasing: Bool) throws {
        let resolved = try target.resolve(width: width, height: height)
        inputWidth = width
        inputHeight = height
        horizontal = .matlabCubic(inputCount: width, outputCount: resolved.width, scale: resolved.xScale, antialiasing: antialiasing)
        vertical = .matlabCubic(inputCount: height, outputCount: resolved.height, scale: resolved.yScale, antialiasing: antialiasing)
        verticalFirst = resolved.yScale <= resolved.xScale
    }

    /// Runs both passes; `Mid` is the intermediate sample type (`Double`, or `UInt8` for
    /// MATLAB's per-pass rounding).
    func run<In: ResampleSample, Mid: ResampleSample & ResampleResult, Out: ResampleResult & ImageSample>(
        _ image: Image<In>, intermediate: Mid.Type
    ) -> Image<Out> {
        let c = image.channels
        let outW = horizontal.outputCount, outH = vertical.outputCount
        let midCount = verticalFirst ? outH * inputWidth * c : inputHeight * outW * c
        let mid = [Mid](unsafeUninitializedCapacity: midCount) { buffer, count in
            image.samples.withUnsafeBufferPointer { src in
                if verticalFirst {
                    FloatingPointPass.vertical(src, rowLength: inputWidth * c, axis: vertical, into: buffer)
                } else {
                    FloatingPointPass.horizontal(src, rows: inputHeight, channels: c, axis: horizontal, into: buffer)
                }
            }
            count = midCount
        }
        let outCount = outW * outH * c
        let out = [Out](unsafeUninitializedCapacity: outCount) { buffer, count in
            mid.withUnsafeBufferPointer { src in
                if verticalFirst {
                    FloatingPointPass.horizontal(src, rows: outH, channels: c, axis: horizontal, into: buffer)
                } else {
                    FloatingPointPass.vertical(src, rowLength: outW * c, axis: vertical, into: buffer)
                }
            }
            count = outCount
        }
        return Image(width: outW, height: outH, channels: c, samples: out)
    }
}
