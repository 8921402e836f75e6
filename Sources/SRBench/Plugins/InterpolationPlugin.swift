import Foundation
import SRImage

/// The classic baselines as models: `bicubic` (MATLAB imresize, the "Bicubic" row of every SR
/// table), `bicubic-uint8` (MATLAB imresize on a uint8 image, SelfExSR's "Bicubic" column),
/// `nearest`, `bilinear`, `pillow-bicubic` and `lanczos` (Pillow-exact).
public struct InterpolationPlugin: ModelPlugin {
    /// The resampling used to enlarge.
    public enum Method: String, Sendable, CaseIterable {
        /// MATLAB `imresize(lr, scale, 'bicubic')` in floating point (no intermediate rounding).
        case bicubic
        /// MATLAB `imresize(lr, scale, 'bicubic')` on a uint8 image: rounded and clipped after
        /// each 1-D pass, the vertical pass first, symmetric borders (``MatlabBicubic`` `.perPass`,
        /// resampler `matlab-bicubic-uint8`). How SelfExSR's `_bicubic.png` results were made
        /// (`imresize(imread(lr), s)`). An unrounded float LR (`srcnn`) is rounded first, as
        /// storing it as uint8 would.
        case bicubicUInt8 = "bicubic-uint8"
        /// Pillow `NEAREST`.
        case nearest
        /// Pillow `BILINEAR`.
        case bilinear
        /// Pillow `BICUBIC`.
        case pillowBicubic = "pillow-bicubic"
        /// Pillow `LANCZOS`.
        case lanczos
    }

    /// Which interpolation this plugin applies.
    public let method: Method

    /// A baseline plugin for `method`.
    public init(method: Method) { self.method = method }

    public var name: String { method.rawValue }

    public func upscale(_ input: ModelInput) throws -> FloatImage {
        let out: FloatImage
        switch method {
        case .bicubic:
            // MATLAB derives the kernel from the scale, not from the sizes, so pass the scale.
            out = try MatlabBicubic().resize(input.lr, to: .scale(Double(input.scale)))
        case .bicubicUInt8:
            out = try MatlabBicubic(rounding: .perPass).resize(input.lr.toBytes(), to: .scale(Double(input.scale))).toFloat()
        case .nearest, .bilinear, .pillowBicubic, .lanczos:
            // Pillow works on bytes; an unrounded float LR is rounded first, as saving it would.
            let filter: PillowResampler.Filter = switch method {
            case .nearest: .nearest
            case .bilinear: .bilinear
            case .lanczos: .lanczos
            default: .bicubic
            }
            out = try PillowResampler(filter: filter)
                .resize(input.lr.toBytes(), to: .size(width: input.outputWidth, height: input.outputHeight)).toFloat()
        }
        guard out.width == input.outputWidth, out.height == input.outputHeight else {
            throw ImageError.invalidArgument(
                "\(name) produced \(out.width)x\(out.height) for \(input.imageName) but the HR is \(input.outputWidth)x\(input.outputHeight)")
        }
        return out
    }
}

/// Finds a model plugin from the `--model` argument.
public enum ModelPluginRegistry {
    /// Names accepted by ``plugin(named:)`` without a prefix.
    public static var builtInNames: [String] { InterpolationPlugin.Method.allCases.map(\.rawValue) }

    /// The plugin for `spec`, or an error listing the accepted forms.
    public static func plugin(named spec: String) throws -> any ModelPlugin {
        if let external = try externalPlugin(spec, execTimeout: ExecPlugin.defaultTimeout) { return external }
        if let method = InterpolationPlugin.Method(rawValue: spec) { return InterpolationPlugin(method: method) }
        // A path with {scale}: one checkpoint per scale (x2.mat, x3.mat, x4.mat).
        if spec.contains("{scale}") { return try PerScaleCheckpointPlugin(pattern: spec) }
        // An existing file is a checkpoint for a native network (format detected from its bytes).
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory), !isDirectory.boolValue {
            return try NativeModelPlugin(path: spec)
        }
        throw BenchError.unknownModel(spec: spec, known: builtInNames)
    }
}

extension ModelPluginRegistry {
    /// Like ``plugin(named:)``, with the timeout an `exec:` command gets (seconds).
    public static func plugin(named spec: String, execTimeout: Double) throws -> any ModelPlugin {
        if let external = try externalPlugin(spec, execTimeout: execTimeout) { return external }
        return try plugin(named: spec)
    }

    /// `exec:COMMAND` and `dir:PATH`, or nil for other specs.
    static func externalPlugin(_ spec: String, execTimeout: Double) throws -> (any ModelPlugin)? {
        if spec.hasPrefix("exec:") { return try ExecPlugin(command: String(spec.dropFirst(5)), timeout: execTimeout) }
        if spec.hasPrefix("dir:") { return try DirectoryPlugin(path: String(spec.dropFirst(4))) }
        return nil
    }
}
