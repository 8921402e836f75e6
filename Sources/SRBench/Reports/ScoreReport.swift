import Foundation

/// Everything `bench score` measured, with what is needed to reproduce and compare it: tool
/// version, model, protocol with every override, dataset provenance and per-cell scores.
///
/// The JSON form of this value is the baseline format `bench check` compares against.
public struct ScoreReport: Sendable, Codable, Equatable {
    /// `SRKit <version>`.
    public var tool: String
    /// Model plugin name.
    public var model: String
    /// Protocol name and the resolved settings (after flags), so a reader knows exactly how
    /// numbers were computed.
    public var evaluation: ProtocolSettings
    /// Per dataset: where it came from and the checksum of every HR file used.
    public var datasets: [DatasetProvenance]
    /// One cell per dataset × scale.
    public var cells: [ScoreCell]
    /// How `secondsPerImage` was measured; absent in reports written before it existed (then
    /// per image). Never compared by ``BaselineCheck``: timing is not a regression metric.
    public var timing: ModelTiming?
    /// What the model plugin says about itself (``ModelPlugin/reportDetails``): for `exec:` the
    /// command, the LR files it got and the timeout; absent when empty.
    public var modelDetails: [String: String]?
    /// Where the LR images came from (`generate` or `provided`); absent in reports written before
    /// it was recorded, which were all `generate`. Not a ``ProtocolSettings`` entry, so committed
    /// baselines keep comparing equal.
    public var lr: LRSource?

    /// Bundles the fields.
    public init(tool: String, model: String, evaluation: ProtocolSettings, datasets: [DatasetProvenance], cells: [ScoreCell],
                timing: ModelTiming? = nil, modelDetails: [String: String]? = nil, lr: LRSource? = nil) {
        self.tool = tool
        self.model = model
        self.evaluation = evaluation
        self.datasets = datasets
        self.cells = cells
        self.timing = timing
        self.modelDetails = modelDetails
        self.lr = lr
    }

    /// Seconds per image as text for tables and CSV: `n/a` when no model ran.
    func secondsText(_ seconds: Double, digits: Int) -> String {
        timing == .notMeasured ? "n/a" : String(format: "%.\(digits)f", seconds)
    }

    /// Decodes a report written by ``jsonData()``.
    public static func read(from path: String) throws -> ScoreReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError.badReport(path: path, reason: "the file cannot be read")
        }
        do {
            return try JSONDecoder().decode(ScoreReport.self, from: data)
        } catch {
            throw BenchError.badReport(path: path, reason: "\(error)")
        }
    }

    /// Pretty-printed JSON with sorted keys, so reports diff cleanly.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

/// The protocol as applied: the named preset plus each setting after command-line overrides.
public struct ProtocolSettings: Sendable, Codable, Equatable {
    /// Preset name (`srcnn`, `basicsr`).
    public var name: String
    /// Settings that differ from the preset because a flag overrode them, e.g. `["shave=0"]`.
    public var overrides: [String]
    /// Every resolved setting as text (`channel: y`, `degrade: matlab-bicubic`, …), for readers.
    public var settings: [String: String]

    /// Bundles the fields.
    public init(name: String, overrides: [String], settings: [String: String]) {
        self.name = name
        self.overrides = overrides
        self.settings = settings
    }
}

/// Where a dataset's images came from.
public struct DatasetProvenance: Sendable, Codable, Equatable {
    /// Catalogue key.
    public var name: String
    /// Layout the files were found in.
    public var layout: String
    /// Data root searched.
    public var root: String
    /// SHA-256 of each HR file used, by image name.
    public var sha256: [String: String]

    /// Bundles the fields.
    public init(name: String, layout: String, root: String, sha256: [String: String]) {
        self.name = name
        self.layout = layout
        self.root = root
        self.sha256 = sha256
    }
}

/// Scores of one dataset at one scale.
public struct ScoreCell: Sendable, Codable, Equatable {
    /// Catalogue key of the dataset.
    public var dataset: String
    /// Upscaling factor.
    public var scale: Int
    /// Mean PSNR over images, dB (may be +infinity when every image is reproduced exactly).
    public var psnr: MetricValue
    /// Mean SSIM over images.
    public var ssim: MetricValue
    /// Model time per image, seconds (wall clock of the plugin call only; see ``ScoreReport/timing``).
    public var secondsPerImage: Double
    /// Per-image values, in catalogue order.
    public var images: [ImageScore]

    /// Bundles the fields.
    public init(dataset: String, scale: Int, psnr: MetricValue, ssim: MetricValue, secondsPerImage: Double, images: [ImageScore]) {
        self.dataset = dataset
        self.scale = scale
        self.psnr = psnr
        self.ssim = ssim
        self.secondsPerImage = secondsPerImage
        self.images = images
    }
}

/// One image's scores.
public struct ImageScore: Sendable, Codable, Equatable {
    /// Catalogue name.
    public var name: String
    /// PSNR, dB.
    public var psnr: MetricValue
    /// SSIM.
    public var ssim: MetricValue
    /// Model time, seconds.
    public var seconds: Double

    /// Bundles the fields.
    public init(name: String, psnr: MetricValue, ssim: MetricValue, seconds: Double) {
        self.name = name
        self.psnr = psnr
        self.ssim = ssim
        self.seconds = seconds
    }
}

/// A metric value that survives JSON: finite values are numbers; +infinity (PSNR of identical
/// images) is the string `"inf"`, because JSON has no infinity and NaN must never appear.
public struct MetricValue: Sendable, Codable, Equatable, Comparable {
    /// The value; may be `.infinity`.
    public var value: Double

    /// Wraps `value`.
    public init(_ value: Double) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            guard s == "inf" else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a number or \"inf\", got \"\(s)\"")
            }
            value = .infinity
        } else {
            value = try c.decode(Double.self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if value == .infinity { try c.encode("inf") } else { try c.encode(value) }
    }

    public static func < (a: MetricValue, b: MetricValue) -> Bool { a.value < b.value }

    /// Fixed-point text with `digits` decimals, `inf` for infinity.
    public func formatted(_ digits: Int) -> String {
        value == .infinity ? "inf" : String(format: "%.\(digits)f", value)
    }
}
