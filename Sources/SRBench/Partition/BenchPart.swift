import Foundation
import SRPartition

/// A *partial report*: what `bench score --partition K/N --format json --output PART.json` writes.
///
/// The ordinary JSON report (``ComparisonReport``) of this part's share, plus what `bench merge`
/// needs to check the parts belong together and to rebuild one run's report: K, N, the assignment
/// rule, the command's datasets, scales and data root, and every dataset's full image list with
/// weights. JSON with sorted keys, `format` = `srkit-bench-part`.
public struct BenchPart: Sendable, Codable, Equatable {
    /// Always ``BenchPart/formatName``.
    public var format: String
    /// ``BenchPart/currentVersion``.
    public var version: Int
    /// This part, 0..<parts.
    public var part: Int
    /// Parts in the run.
    public var parts: Int
    /// ``WorkBalancer/ruleName``.
    public var assignment: String
    /// The command's `--datasets` (catalogue names), in order.
    public var datasets: [String]
    /// The command's `--scales`.
    public var scales: [Int]
    /// The command's `--data-root`.
    public var dataRoot: String
    /// Every requested dataset's images and weights.
    public var images: [BenchPartImages]
    /// This part's scores.
    public var report: ComparisonReport

    /// `format` of every partial report.
    public static let formatName = "srkit-bench-part"
    /// The version this code writes and reads.
    public static let currentVersion = 1

    /// The partial report of `partition` for `report`.
    public init(partition: BenchPartition, scales: [Int], dataRoot: String, report: ComparisonReport) {
        format = Self.formatName
        version = Self.currentVersion
        part = partition.spec.index
        parts = partition.spec.count
        assignment = WorkBalancer.ruleName
        datasets = partition.images.map(\.dataset)
        self.scales = scales
        self.dataRoot = dataRoot
        images = partition.images
        self.report = report
    }

    /// Pretty JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a partial report; refused with ``BenchError/badPart(path:reason:)`` when it is not one.
    public static func read(from path: String) throws -> BenchPart {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError.badPart(path: path, reason: "the file cannot be read")
        }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        guard let object else { throw BenchError.badPart(path: path, reason: "not JSON") }
        guard object["format"] as? String == formatName else {
            throw BenchError.badPart(path: path, reason: "no \"format\": \"\(formatName)\" (a whole report, not a part written with --partition)")
        }
        let part: BenchPart
        do {
            part = try JSONDecoder().decode(BenchPart.self, from: data)
        } catch {
            throw BenchError.badPart(path: path, reason: "\(error)")
        }
        guard part.version == currentVersion else {
            throw BenchError.badPart(path: path, reason: "version \(part.version), this bench reads \(currentVersion)")
        }
        try part.report.validate(path: path)
        return part
    }
}
