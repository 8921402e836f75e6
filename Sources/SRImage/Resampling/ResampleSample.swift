/// How samples enter the floating-point resampling passes: read as `Double`, exactly.
///
/// The passes are generic over their input so one specialised loop serves bytes (the byte API),
/// floats (the float API) and the intermediate of a two-pass resize, without a per-pixel
/// existential or a whole-image conversion up front.
protocol ResampleSample {
    /// The sample as a double; exact for every conforming type.
    var resampleValue: Double { get }
    /// The sample as a float: exact for bytes and floats, rounded for doubles.
    var resampleFloat: Float { get }
}

extension BinaryFloatingPoint where Self: ResampleSample {
    /// `sample` in this type: through `Float` for `Float` (so a byte converts directly), through
    /// `Double` otherwise.
    @inline(__always)
    static func widening<In: ResampleSample>(_ sample: In) -> Self {
        Self.self == Float.self ? Self(sample.resampleFloat) : Self(sample.resampleValue)
    }
}

/// How results leave the floating-point passes: a pass accumulates in `Double` and stores
/// through this conversion (identity, narrowing to `Float`, or MATLAB `uint8()` rounding).
protocol ResampleResult {
    /// Converts one accumulated value.
    init(resampled value: Double)
}

extension UInt8: ResampleSample, ResampleResult {
    @inline(__always) var resampleValue: Double { Double(self) }
    @inline(__always) var resampleFloat: Float { Float(self) }

    /// MATLAB `uint8()`: round half away from zero, saturate to 0...255, NaN to 0 — the same
    /// function as `roundClipToByte(_: Double)`, written without `rounded()` and without
    /// data-dependent branches: on the x86-64 baseline (no SSE4.1) `rounded()` is a libm call,
    /// and a branch on the fraction mispredicts half the time on image data. `v - Double(t)` is
    /// exact, so there is no `x + 0.5` error (0.49999999999999994 stays 0).
    @inline(__always) init(resampled value: Double) {
        let positive = value > 0 ? value : 0                // negatives, -0 and NaN -> 0
        let v = positive < 255 ? positive : 255
        let t = Int32(v)                                   // truncation, 0...255
        let up: Int32 = v - Double(t) >= 0.5 ? 1 : 0
        self = UInt8(truncatingIfNeeded: t &+ up)
    }
}

extension Float: ResampleSample, ResampleResult {
    @inline(__always) var resampleValue: Double { Double(self) }
    @inline(__always) var resampleFloat: Float { self }
    /// Nearest float; no clipping, so ringing below 0 and above 255 survives.
    @inline(__always) init(resampled value: Double) { self = Float(value) }
}

extension Double: ResampleSample, ResampleResult {
    @inline(__always) var resampleValue: Double { self }
    @inline(__always) var resampleFloat: Float { Float(self) }
    @inline(__always) init(resampled value: Double) { self = value }
}
