import Foundation
import SRImage

/// `--model 'PATH/x{scale}.mat'`: one trained network per scale, as SR papers release them
/// (SRCNN's `x2.mat`, `x3.mat`, `x4.mat`), so one column of a comparison table is the method at
/// every scale rather than one scale's weights applied to all.
///
/// `{scale}` is replaced by 1…16 when the plugin is made; every file that exists is loaded as a
/// ``NativeModelPlugin`` (format and architecture detected as usual) and used for its scale.
/// None existing is an error; so is scoring a scale that has no file, which names the file
/// looked for and the scales found. The name is the architecture and the pattern's file name
/// (`srcnn-9-5-5:x{scale}.mat`); the report lists each checkpoint with its SHA-256.
public struct PerScaleCheckpointPlugin: ModelPlugin {
    /// The path with `{scale}` in it, as given.
    public let pattern: String
    /// The loaded networks by scale.
    public let networks: [Int: NativeModelPlugin]

    /// Scales tried when the plugin is made.
    static let scales = 1...16

    /// Loads every `pattern` file that exists for scales 1…16.
    public init(pattern: String) throws {
        self.pattern = pattern
        var networks = [Int: NativeModelPlugin]()
        for s in Self.scales {
            let path = Self.path(pattern, scale: s)
            if FileManager.default.fileExists(atPath: path) { networks[s] = try NativeModelPlugin(path: path) }
        }
        guard !networks.isEmpty else {
            throw BenchError.badModelSpec(spec: pattern, reason: "no checkpoint matches for any scale \(Self.scales.lowerBound)...\(Self.scales.upperBound) (e.g. \(Self.path(pattern, scale: 2)) does not exist)",
                                          fix: "check the path; {scale} stands for the scale factor, e.g. model/x{scale}.mat")
        }
        self.networks = networks
    }

    static func path(_ pattern: String, scale: Int) -> String { pattern.replacingOccurrences(of: "{scale}", with: String(scale)) }

    /// `srcnn-9-5-5:x{scale}.mat`; architectures that differ by scale are joined with `/`.
    public var name: String {
        var architectures = [String]()
        for s in networks.keys.sorted() where !architectures.contains(networks[s]!.network.name) {
            architectures.append(networks[s]!.network.name)
        }
        return "\(architectures.joined(separator: "/")):\(URL(fileURLWithPath: pattern).lastPathComponent)"
    }

    public func upscale(_ input: ModelInput) throws -> FloatImage {
        guard let network = networks[input.scale] else {
            let found = networks.keys.sorted().map { "x\($0)" }.joined(separator: ", ")
            throw BenchError.badModelSpec(spec: pattern, reason: "there is no checkpoint for x\(input.scale) (\(Self.path(pattern, scale: input.scale)) does not exist; found \(found))",
                                          fix: "add that file or leave x\(input.scale) out of --scales")
        }
        return try network.upscale(input)
    }

    /// The pattern and, per scale, the checkpoint's path and SHA-256.
    public var reportDetails: [String: String] {
        var details = ["checkpoint": pattern]
        for (s, n) in networks {
            details["x\(s) checkpoint"] = n.path
            details["x\(s) sha256"] = n.sha256
        }
        return details
    }
}
