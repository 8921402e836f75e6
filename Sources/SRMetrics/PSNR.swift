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

    /// - Complexity: O(samples), one pass in plane, row, column order (the order of the sum, so
    ///   the bits never depend on how rows are produced); two rows of Float64 allocated.
    public func evaluate(_ image: Planes, reference: Planes) throws -> Double {
        try image.checkSameShape(as: reference)
        let w = image.width
        let a = UnsafeMutablePointer<Double>.allocate(capacity: w), b = UnsafeMutablePointer<Double>.allocate(capacity: w)
        defer { a.deallocate(); b.deallocate() }
        var sum = 0.0
        for p in 0..<image.count {
            for y in 0..<image.height {
                image.copyRow(plane: p, row: y, into: a)
                reference.copyRow(plane: p, row: y, into: b)
                for x in 0..<w {
                    let d = a[x] - b[x]
                    sum += d * d
                }
            }
        }
        let samples = image.width * image.height * image.count
        let mse = sum / Double(samples)
        // log10(x / 0) is already +inf in IEEE arithmetic; saying so keeps the contract visible.
        guard mse > 0 else { return .infinity }
        return 10 * log10(Self.peak * Self.peak / mse)
    }
}
