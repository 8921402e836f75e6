import SRImage

/// A full-reference image quality measure with BasicSR's single metric signature:
/// SR image, reference, options.
///
/// A metric implements one thing, ``evaluate(_:reference:)-(Planes,Planes)``, on Float64
/// planes of equal shape; the extension turns byte images (RGB or Y, shaved) and float images
/// into planes, so every input form shares that one implementation. To add a metric, write a
/// type conforming to `Metric` and register it (``MetricRegistry/standard`` lists the built-ins).
public protocol Metric: Sendable {
    /// Registry key, lower-case (`"psnr"`), also the key in JSON output.
    var name: String { get }
    /// Name for people (`"PSNR"`), used in text output and error messages.
    var displayName: String { get }
    /// Unit printed after the value in text output (`"dB"`), or nil for a unitless metric.
    var unit: String? { get }
    /// Decimals printed in text output.
    var fractionDigits: Int { get }
    /// Side of the square sliding window the metric needs (SSIM: 11), or nil for a pixelwise one;
    /// smaller images are rejected with ``MetricsError/smallerThanWindow(metric:width:height:shave:window:)``.
    var window: Int? { get }

    /// The metric of `image` against `reference`, planes of one shape on the 0...255 scale.
    ///
    /// Multi-plane inputs are combined the way the metric's reference does (PSNR: one MSE over
    /// all planes; SSIM: mean of per-plane values).
    /// - Throws: ``MetricsError`` when the shapes differ or the planes are too small.
    func evaluate(_ image: Planes, reference: Planes) throws -> Double
}

extension Metric {
    /// No unit.
    public var unit: String? { nil }
    /// Pixelwise: any size of at least one pixel is accepted.
    public var window: Int? { nil }

    /// The metric of an 8-bit SR image against its 8-bit reference, prepared as `options` says
    /// (Y or RGB, rounding, grey handling, shave); see ``MetricPair/init(_:reference:options:)-(ByteImage,ByteImage,MetricOptions)``.
    public func evaluate(_ image: ByteImage, reference: ByteImage, options: MetricOptions) throws -> Double {
        try evaluate(MetricPair(image, reference: reference, options: options))
    }

    /// The metric of float images (0...255 scale, 1 or 3 channels) taken as they are, after
    /// removing `shave` pixels from every side; for protocols that evaluate unrounded Y planes.
    public func evaluate(_ image: FloatImage, reference: FloatImage, shave: Int = 0) throws -> Double {
        try evaluate(MetricPair(image, reference: reference, shave: shave))
    }

    /// The metric of a prepared pair; checks the window first so the error can name the shave.
    public func evaluate(_ pair: MetricPair) throws -> Double {
        try pair.image.checkSameShape(as: pair.reference)
        try checkWindow(pair.image, shave: pair.shave)
        return try evaluate(pair.image, reference: pair.reference)
    }

    /// Throws ``MetricsError/smallerThanWindow(metric:width:height:shave:window:)`` when `planes`
    /// cannot hold one ``window``.
    func checkWindow(_ planes: Planes, shave: Int) throws {
        guard let window, planes.width < window || planes.height < window else { return }
        throw MetricsError.smallerThanWindow(metric: displayName, width: planes.width,
                                             height: planes.height, shave: shave, window: window)
    }
}
