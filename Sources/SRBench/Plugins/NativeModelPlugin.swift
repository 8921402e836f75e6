import Crypto
import Foundation
import SRImage
import SRModels

/// A trained network run natively (no Python): a checkpoint file read by SRModels (MAT v5,
/// torch.save zip, safetensors — detected from the bytes), its architecture inferred from the
/// tensor names and shapes.
///
/// The plugin hands the runner's LR (0...255, unrounded under `srcnn`) to ``SRNetwork/upscale(_:scale:width:height:)``
/// and returns its output unrounded; the runner rounds and clips once, as `uint8()` in the SRCNN demo.
/// A 1-channel network under an RGB protocol (or the reverse) is an error, not a silent conversion.
public struct NativeModelPlugin: ModelPlugin {
    /// The loaded network.
    public let network: SRNetwork
    /// The checkpoint path.
    public let path: String
    /// SHA-256 of the checkpoint file, hex, so a report says which weights were scored.
    public let sha256: String

    /// Loads the checkpoint at `path`.
    public init(path: String) throws {
        self.path = path
        self.network = try SRNetwork.load(contentsOf: path)
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        self.sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The checkpoint's path and SHA-256, written to the JSON report.
    public var reportDetails: [String: String] { ["checkpoint": path, "sha256": sha256] }

    /// `srcnn-9-5-5:x3.mat`: architecture, then file name.
    public var name: String { "\(network.name):\(URL(fileURLWithPath: path).lastPathComponent)" }

    public func upscale(_ input: ModelInput) throws -> FloatImage {
        try network.upscale(input.lr, scale: input.scale, width: input.outputWidth, height: input.outputHeight)
    }
}
