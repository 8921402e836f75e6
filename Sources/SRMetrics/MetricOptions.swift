import SRImage

/// How an SR image and its reference are turned into the planes a ``Metric`` compares.
///
/// The fields are the choices on which published evaluation protocols differ; the DocC article
/// "Metrics" tabulates them against BasicSR's `calculate_psnr`/`calculate_ssim` and the SRCNN
/// MATLAB code. The defaults are BasicSR's Y-channel evaluation without a border shave.
public struct MetricOptions: Sendable, Hashable, Codable {
    /// Which channels are compared.
    public enum Channel: String, Sendable, CaseIterable, Codable {
        /// BT.601 luma (MATLAB `rgb2ycbcr`), one plane; the usual choice in SR papers.
        case y
        /// The image's own channels as stored: three for RGB, one for grey.
        case rgb
    }

    /// Pixels removed from every side of both images before the metric (>= 0); protocols set it
    /// to the scale factor (BasicSR `crop_border`, SRCNN `shave`).
    public var shave: Int
    /// Compare Y or the stored channels.
    public var channel: Channel
    /// With `channel == .y`: round Y to integers first (MATLAB `rgb2ycbcr` on uint8, the SRCNN
    /// protocol) instead of keeping it as a float (BasicSR `bgr2ycbcr` on float32).
    public var roundY: Bool
    /// With `channel == .y`: how a one-channel image becomes Y.
    public var grayHandling: YCbCr.GrayHandling

    /// Options with BasicSR's defaults for Y-channel testing unless overridden.
    public init(shave: Int = 0, channel: Channel = .y, roundY: Bool = false,
                grayHandling: YCbCr.GrayHandling = .throughRGB) {
        self.shave = shave
        self.channel = channel
        self.roundY = roundY
        self.grayHandling = grayHandling
    }

    enum CodingKeys: String, CodingKey {
        case shave, channel
        case roundY = "round_y"
        case grayHandling = "gray"
    }
}
