import SRImage

/// Anything `bench score` can evaluate: an interpolation baseline, a native network, an
/// external command or a folder of precomputed outputs.
///
/// The runner owns the protocol (how LR is made, which channel, rounding, metrics); a plugin
/// only maps one LR image to one SR image. That split is what lets new kinds of model join
/// without changes to the runner.
public protocol ModelPlugin: Sendable {
    /// Name written into reports (`bicubic`, `srcnn-9-5-5`, `exec:…`).
    var name: String { get }

    /// Upscales `input.lr` by `input.scale` to exactly `input.outputWidth`×`input.outputHeight`.
    ///
    /// Samples are on the 0...255 scale. Under the `srcnn` protocol the LR is a float Y plane that
    /// was never rounded; under `basicsr` and `selfexsr` it holds whole numbers (a stored uint8
    /// LR) with the channels the protocol's grey rule gives it. The result is returned unrounded,
    /// with 1 or 3 channels; the runner rounds once and applies the same grey rule to it as to
    /// the HR (a one-channel result is grey, an RGB one is RGB, whatever its values).
    func upscale(_ input: ModelInput) throws -> FloatImage

    /// How this plugin's time is measured (default ``ModelTiming/perImage``).
    var timing: ModelTiming { get }

    /// Facts a reader of the report needs about this model beyond its name (e.g. the command
    /// of an `exec:` model and what it was given); empty by default, written to the JSON report.
    var reportDetails: [String: String] { get }
}

extension ModelPlugin {
    /// Per-image timing, the common case.
    public var timing: ModelTiming { .perImage }

    /// No details by default.
    public var reportDetails: [String: String] { [:] }
}

/// One LR image handed to a plugin, with what the runner expects back.
public struct ModelInput: Sendable {
    /// The low-resolution image (1 channel Y or 3 channels RGB), 0...255 scale.
    public let lr: FloatImage
    /// Integer upscaling factor.
    public let scale: Int
    /// Required output width (the modcropped HR width).
    public let outputWidth: Int
    /// Required output height.
    public let outputHeight: Int
    /// Catalogue name of the image, for plugins that look outputs up by name.
    public let imageName: String
    /// Dataset key, for plugins that look outputs up by dataset.
    public let dataset: String
    /// Other names of the image in the catalogue (SelfExSR's `img_001` for Set5 `baby`, BSDS ids),
    /// so released results named that way are found.
    public let aliases: [String]

    /// Bundles the fields; see each property.
    public init(lr: FloatImage, scale: Int, outputWidth: Int, outputHeight: Int, imageName: String, dataset: String,
                aliases: [String] = []) {
        self.lr = lr
        self.scale = scale
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
        self.imageName = imageName
        self.dataset = dataset
        self.aliases = aliases
    }
}
