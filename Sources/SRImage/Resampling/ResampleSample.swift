/// How samples enter the floating-point resampling passes: read as `Double`, exactly.
///
/// The passes are generic over their input so one specialised loop serves bytes (the byte API),
/// floats (the float API) and the intermediate of a two-pass resize, without a per-pixel
/// existential or a whole-image conversion up front.
protocol ResampleSample {
    /// The sample as a double; exact for every conforming type.
    var resampleValue: Double { get }
}

/// How results leave the floating-point passes: a pass accumulates in `Double` and stores
/// through this conversion (identity, narrowing to `Float`, or MATLAB `uint8()` rounding).
protocol ResampleResult {
    /// Converts one accumulated value.
    init(resampled value: Double)
}

extension UInt8: ResampleSample, ResampleResult {
    @inline(__always) var resampleValue: Double { Double(self) }
    /// MATLAB `uint8()`: round half away from zero, saturate to 0...255.
    @inline(__always) init(resampled value: Double) { self = roundClipToByte(value) }
}

extension Float: ResampleSample, ResampleResult {
    @inline(__always) var resampleValue: Double { Double(self) }
    /// Nearest float; no clipping, so ringing below 0 and above 255 survives.
    @inline(__always) init(resampled value: Double) { self = Float(value) }
}

extension Double: ResampleSample, ResampleResult {
    @inline(__always) var resampleValue: Double { self }
    @inline(__always) init(resampled value: Double) { self = value }
}
