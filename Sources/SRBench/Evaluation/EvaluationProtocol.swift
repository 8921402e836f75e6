import SRImage
import SRMetrics

/// How LR images are made and SR images are scored: the choices on which published tables
/// differ, as one named value. Presets: ``srcnn`` and ``basicsr``; every field can be overridden.
///
/// | setting | `srcnn` (SRCNN MATLAB code) | `basicsr` (BasicSR, SwinIR) |
/// |---|---|---|
/// | HR modcropped to the scale | yes | yes |
/// | model works on | Y | RGB |
/// | Y rounded | yes, before degradation | no, computed as float from uint8 SR/HR |
/// | grey image | used as Y directly | three equal channels |
/// | LR | float, never rounded | uint8 (rounded once) |
/// | degradation | MATLAB bicubic | MATLAB bicubic |
/// | shave | scale | scale |
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
    /// How a grey HR becomes Y.
    public var gray: YCbCr.GrayHandling
    /// Border shave in pixels; nil means the scale.
    public var shave: Int?

    /// The SRCNN evaluation protocol that reproduces the published "Bicubic" rows
    /// (`../shared/reference/README.md`).
    public static let srcnn = EvaluationProtocol(
        name: "srcnn", modcrop: true, modelSpace: .y, lrStorage: .float, degradeKernel: "matlab-bicubic",
        channel: .y, roundY: true, gray: .useAsY, shave: nil)

    /// The modern BasicSR flow: LR = MATLAB bicubic of the RGB HR stored as uint8, model in RGB,
    /// Y computed as float from the uint8 SR and HR.
    public static let basicsr = EvaluationProtocol(
        name: "basicsr", modcrop: true, modelSpace: .rgb, lrStorage: .uint8, degradeKernel: "matlab-bicubic",
        channel: .y, roundY: false, gray: .throughRGB, shave: nil)

    /// Presets by name.
    public static let presets: [String: EvaluationProtocol] = ["srcnn": srcnn, "basicsr": basicsr]

    /// The preset called `name`, or an error listing the presets.
    public static func preset(_ name: String) throws -> EvaluationProtocol {
        guard let p = presets[name] else { throw BenchError.unknownProtocol(name: name, known: presets.keys.sorted()) }
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
