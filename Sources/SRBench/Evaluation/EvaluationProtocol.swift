import SRImage
import SRMetrics

/// How LR images are made and SR images are scored: the choices on which published tables
/// differ, as one named value. Presets are registered in ``registry`` (one file each under
/// `Protocols/`); every field can be overridden.
///
/// | setting | `srcnn` (SRCNN MATLAB code) | `basicsr` (BasicSR, SwinIR) | `selfexsr` (SelfExSR, A+ era) |
/// |---|---|---|---|
/// | HR modcropped to the scale | yes | yes | yes |
/// | model works on | Y | RGB (stored channels) | RGB (stored channels) |
/// | Y rounded | yes, before degradation | no, float from uint8 SR/HR | yes, of the uint8 SR and HR |
/// | one-channel file | used as Y directly | three equal channels | used as Y directly |
/// | LR | float, never rounded | uint8 (rounded once) | uint8 (rounded after each pass) |
/// | degradation | MATLAB bicubic | MATLAB bicubic | MATLAB bicubic on uint8 |
/// | shave | scale | scale | scale |
///
/// Whether an image is grey is decided by how its file stores it, never by its pixel values,
/// and the same rule applies to HR, LR and SR (``EvaluationProtocol/metricLuma(_:)``).
public struct EvaluationProtocol: Sendable, Equatable {
    /// What the model is given and returns.
    public enum ModelSpace: String, Sendable, Codable {
        /// The HR is turned into Y first; LR, model and metric all work on Y (SRCNN).
        case y
        /// LR and model work on the stored channels; Y, if asked for, is computed for the metric (BasicSR).
        case rgb
    }

    /// How the LR is kept between degradation and the model.
    public enum LRStorage: String, Sendable, Codable {
        /// Floating point, never rounded (MATLAB on double).
        case float
        /// Rounded and clipped to uint8, as if saved to PNG.
        case uint8
    }

    /// Preset name written into reports.
    public var name: String
    /// One line for `--help` and error messages: whose evaluation this reproduces.
    public var summary: String
    /// Crop HR to a multiple of the scale before anything else.
    public var modcrop: Bool
    /// What the model sees.
    public var modelSpace: ModelSpace
    /// LR storage precision.
    public var lrStorage: LRStorage
    /// Resampler registry name used to make LR (``ResamplerRegistry``).
    public var degradeKernel: String
    /// Compare Y or the stored channels.
    public var channel: MetricOptions.Channel
    /// Round Y to integers (SRCNN) or keep it as a float (BasicSR).
    public var roundY: Bool
    /// How an image stored with one channel (HR, LR or SR alike) becomes Y, and whether an
    /// RGB-space model gets it as one channel (`use-as-y`) or as three equal ones (`through-rgb`).
    public var gray: YCbCr.GrayHandling
    /// Border shave in pixels; nil means the scale.
    public var shave: Int?

    /// Bundles the fields; see each property.
    public init(name: String, summary: String, modcrop: Bool, modelSpace: ModelSpace, lrStorage: LRStorage,
                degradeKernel: String, channel: MetricOptions.Channel, roundY: Bool, gray: YCbCr.GrayHandling, shave: Int?) {
        self.name = name
        self.summary = summary
        self.modcrop = modcrop
        self.modelSpace = modelSpace
        self.lrStorage = lrStorage
        self.degradeKernel = degradeKernel
        self.channel = channel
        self.roundY = roundY
        self.gray = gray
        self.shave = shave
    }

    /// The named protocols, in the order `--help` lists them. A new protocol is one file under
    /// `Protocols/` defining a static preset, plus its line here.
    public static let registry: [EvaluationProtocol] = [.srcnn, .basicsr, .selfexsr]

    /// Presets by name.
    public static var presets: [String: EvaluationProtocol] {
        Dictionary(uniqueKeysWithValues: registry.map { ($0.name, $0) })
    }

    /// Preset names in registry order.
    public static var names: [String] { registry.map(\.name) }

    /// The preset called `name`, or an error listing the presets.
    public static func preset(_ name: String) throws -> EvaluationProtocol {
        guard let p = registry.first(where: { $0.name == name }) else {
            throw BenchError.unknownProtocol(name: name, known: names)
        }
        return p
    }

    /// The shave used at `scale`.
    public func shave(at scale: Int) -> Int { shave ?? scale }

    /// Every setting as text, for reports.
    public var settings: [String: String] {
        [
            "modcrop": String(modcrop),
            "model_space": modelSpace.rawValue,
            "lr_storage": lrStorage.rawValue,
            "degrade": degradeKernel,
            "channel": channel.rawValue,
            "round_y": String(roundY),
            "gray": gray.rawValue,
            "shave": shave.map(String.init) ?? "scale",
        ]
    }

    /// The settings that differ from the preset this protocol is named after, as `key=value`.
    public var overrides: [String] {
        guard let base = Self.presets[name] else { return [] }
        let mine = settings, theirs = base.settings
        return mine.keys.sorted().filter { mine[$0] != theirs[$0] }.map { "\($0)=\(mine[$0]!)" }
    }

    /// Records the settings for a report.
    public var reportSettings: ProtocolSettings {
        ProtocolSettings(name: name, overrides: overrides, settings: settings)
    }
}
