import Foundation

/// Pillow's per-axis taps in 22-bit fixed point (`precompute_coeffs` and
/// `normalize_coeffs_8bpc` in Pillow's `Resample.c`).
///
/// Output `o` reads `count[o]` inputs starting at `start[o]` with weights
/// `coefficients[o * stride ..< o * stride + count[o]]`; `stride` is Pillow's `ksize`.
struct PillowCoefficients {
    /// Fraction bits of a coefficient: 8 bits of result and 2 spare bits below the sign bit
    /// of a 32-bit accumulator, because filters with negative lobes can overshoot.
    static let precisionBits: Int32 = 32 - 8 - 2

    let inputCount: Int
    let outputCount: Int
    /// Coefficients per output in `coefficients` (Pillow's ksize = 2 ceil(support) + 1).
    let stride: Int
    /// First input index of each output.
    let start: [Int32]
    /// Number of inputs each output reads (may be shorter than `stride` at the border).
    let count: [Int32]
    /// Fixed-point weights, `outputCount * stride`, zero past `count`.
    let coefficients: [Int32]

    /// The taps for resizing `inputCount` samples to `outputCount` over the whole axis (Pillow's
    /// box `0...inputCount`, the `Image.resize` default).
    init(inputCount: Int, outputCount: Int, filter: PillowResampler.Filter) {
        let (support0, kernel) = Self.kernel(filter)
        // Pillow passes the box as C floats; (in1 - in0) is computed in float, then widened.
        let scale = Double(Float(inputCount)) / Double(outputCount)
        let filterScale = max(scale, 1)
        let support = support0 * filterScale
        let ksize = Int(support.rounded(.up)) * 2 + 1
        var start = [Int32](repeating: 0, count: outputCount)
        var count = [Int32](repeating: 0, count: outputCount)
        var coefficients = [Int32](repeating: 0, count: outputCount * ksize)
        var k = [Double](repeating: 0, count: ksize)
        let inverse = 1.0 / filterScale
        for xx in 0..<outputCount {
            let center = (Double(xx) + 0.5) * scale
            // C's (int) cast truncates toward zero; the clamps then bound the range.
            let xmin = max(0, Int(center - support + 0.5))
            let xmax = min(inputCount, Int(center + support + 0.5)) - xmin
            var sum = 0.0
            for x in 0..<max(0, xmax) {
                let w = kernel((Double(x + xmin) - center + 0.5) * inverse)
                k[x] = w
                sum += w
            }
            for x in 0..<max(0, xmax) {
                let v = sum != 0 ? k[x] / sum : k[x]
                // Round half away from zero into 2^22 fixed point, as normalize_coeffs_8bpc.
                let scaled = v * Double(1 << Self.precisionBits)
                coefficients[xx * ksize + x] = Int32(v < 0 ? scaled - 0.5 : scaled + 0.5)
            }
            start[xx] = Int32(xmin)
            count[xx] = Int32(max(0, xmax))
        }
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.stride = ksize
        self.start = start
        self.count = count
        self.coefficients = coefficients
    }

    /// Support and kernel function of each filter, as Pillow's `filter` structs.
    static func kernel(_ filter: PillowResampler.Filter) -> (Double, (Double) -> Double) {
        switch filter {
        case .bilinear: return (1, bilinear)
        case .bicubic: return (2, bicubic)
        case .lanczos: return (3, lanczos)
        case .nearest: preconditionFailure("NEAREST is not a convolution in Pillow; see PillowNearest")
        }
    }

    static func bilinear(_ x: Double) -> Double {
        let a = abs(x)
        return a < 1 ? 1 - a : 0
    }

    /// Keys cubic, a = -0.5, in Pillow's Horner form (differs from MATLAB's form in the last bit).
    static func bicubic(_ x: Double) -> Double {
        let a = -0.5
        let t = abs(x)
        if t < 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
        if t < 2 { return (((t - 5) * t + 8) * t - 4) * a }
        return 0
    }

    /// sinc(x) sinc(x / 3) on [-3, 3), with sinc(x) = sin(pi x) / (pi x) via libm's `sin` as Pillow.
    static func lanczos(_ x: Double) -> Double {
        guard -3 <= x && x < 3 else { return 0 }
        return sinc(x) * sinc(x / 3)
    }

    private static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let t = x * Double.pi
        return sin(t) / t
    }
}
