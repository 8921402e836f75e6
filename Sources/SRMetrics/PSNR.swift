import Foundation

/// Peak signal-to-noise ratio in decibels: `10 · log10(255² / MSE)`.
///
/// MSE is the mean of squared differences over every sample of every plane, accumulated in
/// Float64, as in BasicSR `calculate_psnr` and scikit-image `peak_signal_noise_ratio(data_range=255)`;
/// for RGB that is one MSE over all three channels, not a mean of per-channel PSNRs.
/// Identical images (MSE = 0) give `+infinity`, never NaN. The peak is 255 for float input too,
/// since float images use the 0...255 scale.
public struct PSNR: Metric {
    /// The peak signal value L (8-bit data range).
    public static let peak: Double = 255

    /// The PSNR metric (no parameters).
    public init() {}

    /// Registry and JSON key: `"psnr"`.
    public var name: String { "psnr" }
    /// `"PSNR"`.
    public var displayName: String { "PSNR" }
    /// Decibels.
    public var unit: String? { "dB" }
    /// Four decimals (0.0001 dB), as tables print two and regressions are checked at 0.005 dB.
    public var fractionDigits: Int { 4 }

    /// - Complexity: O(samples), one pass, no allocation.
    public func evaluate(_ image: Planes, reference: Planes) throws -> Double {
        try image.checkSameShape(as: reference)
        var sum = 0.0
        image.samples.withUnsafeBufferPointer { a in
            reference.samples.withUnsafeBufferPointer { b in
                for i in 0..<a.count {
                    let d = a[i] - b[i]
                    sum += d * d
                }
            }
        }
        let mse = sum / Double(image.samples.count)
        // log10(x / 0) is already +inf in IEEE arithmetic; saying so keeps the contract visible.
        guard mse > 0 else { return .infinity }
        return 10 * log10(Self.peak * Self.peak / mse)
    }
}
