import Foundation
import SRShards
import SRTestSupport

/// Small schemas, records and provenance shared by the SRShards tests.
enum ShardFixtures {
    /// lr uint8 [4,4,3] HWC (48 B), hr uint8 [8,8,3] HWC (192 B), target float32 [2] CHW-less vector.
    static let schema = ShardSchema(fields: [
        ShardField(name: "lr", dtype: .uint8, shape: [4, 4, 3], layout: .hwc),
        ShardField(name: "hr", dtype: .uint8, shape: [3, 8, 8], layout: .chw),
        ShardField(name: "scale", dtype: .float32, shape: [2], layout: .hwc),
    ])

    /// Record `i`: deterministic bytes derived from `i`.
    static func record(_ i: Int) -> [[UInt8]] {
        let lr = (0..<48).map { UInt8(truncatingIfNeeded: i * 7 + $0) }
        let hr = (0..<192).map { UInt8(truncatingIfNeeded: i * 13 + $0 * 3) }
        var scale: [UInt8] = []
        for v in [Float(i) * 0.5, -1.25] { withUnsafeBytes(of: v.bitPattern.littleEndian) { scale += $0 } }
        return [lr, hr, scale]
    }

    static let provenance = DatasetProvenance(
        tool: "SRKit prep 0.1.0", manifest: "t91.yaml", manifestSHA256: String(repeating: "ab", count: 32),
        seed: 42, variables: ["scale": "3", "patch": "33"],
        inputs: [ShardInputFile(path: "T91/t1.png", sha256: String(repeating: "cd", count: 32), bytes: 1234)],
        skipped: [ShardSkippedInput(path: "T91/tiny.png", reason: "smaller than the 33x33 patch")],
        counts: ["images": 1, "records": 10])

    /// Writes `records` records of ``schema`` to `dir` and returns the index.
    @discardableResult
    static func write(_ dir: URL, records: Int, target: Int = 256 << 20, force: Bool = false) throws -> ShardDatasetIndex {
        let writer = try ShardDatasetWriter(directory: dir, schema: schema, options: ShardWriterOptions(targetShardBytes: target, force: force))
        for i in 0..<records { try writer.append(record(i)) }
        return try writer.finish(provenance: provenance)
    }

    /// Names in `dir`, sorted, hidden ones included.
    static func listing(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }
}
