import Foundation
import SRShards
import SRTestSupport
import XCTest

/// The committed dataset in Fixtures/shards/tiny (read by the Python reader's tests) is exactly
/// what this writer produces. Regenerate it with
/// `SRKIT_WRITE_SHARD_FIXTURE=1 swift test --filter ShardFixtureTests`.
final class ShardFixtureTests: XCTestCase {
    static var fixture: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/shards/tiny")
    }

    /// lr uint8 [4,5,3] HWC, hr uint8 [3,8,10] CHW, pos float32 [2]; 7 records, 3 per shard.
    /// Record i: lr[k] = (7i + k) mod 256, hr[k] = (13i + 3k) mod 256, pos = [i / 2, -1.25].
    static func writeFixture(to dir: URL) throws {
        let schema = ShardSchema(fields: [
            ShardField(name: "lr", dtype: .uint8, shape: [4, 5, 3], layout: .hwc),
            ShardField(name: "hr", dtype: .uint8, shape: [3, 8, 10], layout: .chw),
            ShardField(name: "pos", dtype: .float32, shape: [2], layout: .hwc),
        ])
        let header = ShardFormat.aligned(64 + (try ShardFormat.schemaJSON(schema)).count)
        let target = ShardFormat.fileSize(headerLength: header, recordStride: ShardFormat.recordStride(schema), records: 3)
        let writer = try ShardDatasetWriter(directory: dir, schema: schema, options: ShardWriterOptions(targetShardBytes: target, force: true))
        for i in 0..<7 {
            var pos: [UInt8] = []
            for v in [Float(i) / 2, -1.25] { withUnsafeBytes(of: v.bitPattern.littleEndian) { pos += $0 } }
            try writer.append([(0..<60).map { UInt8((7 * i + $0) % 256) }, (0..<240).map { UInt8((13 * i + 3 * $0) % 256) }, pos])
        }
        _ = try writer.finish(provenance: DatasetProvenance(
            tool: "SRKit prep 0.1.0", manifest: "tiny.yaml", manifestSHA256: String(repeating: "0", count: 64), seed: 7,
            variables: ["scale": "2"], inputs: [ShardInputFile(path: "images/a.png", sha256: String(repeating: "1", count: 64), bytes: 10)],
            skipped: [], counts: ["images": 1, "records": 7]))
    }

    func testCommittedFixtureIsWhatTheWriterProduces() throws {
        if ProcessInfo.processInfo.environment["SRKIT_WRITE_SHARD_FIXTURE"] == "1" {
            try Self.writeFixture(to: Self.fixture)
        }
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeFixture(to: dir)
        let names = ShardFixtures.listing(dir)
        XCTAssertEqual(names, ["index.json", "shard-00000.srshard", "shard-00001.srshard", "shard-00002.srshard"])
        XCTAssertEqual(ShardFixtures.listing(Self.fixture), names)
        for name in names {
            XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent(name)),
                           try Data(contentsOf: Self.fixture.appendingPathComponent(name)), "\(name) differs from the committed fixture")
        }
    }
}
