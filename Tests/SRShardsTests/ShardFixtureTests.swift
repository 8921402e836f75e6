import Foundation
import SRShards
import SRTestSupport
import XCTest

/// The committed datasets in Fixtures/shards/tiny (format version 1) and tiny-v2 (the same
/// records with per-record provenance), read by the Python reader's tests, are exactly what this
/// writer produces. Regenerate it with
/// `SRKIT_WRITE_SHARD_FIXTURE=1 swift test --filter ShardFixtureTests`.
final class ShardFixtureTests: XCTestCase {
    static var fixture: URL { fixture(named: "tiny") }

    static func fixture(named name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/shards/\(name)")
    }

    /// lr uint8 [4,5,3] HWC, hr uint8 [3,8,10] CHW, pos float32 [2]; 7 records, 3 per shard.
    /// Record i: lr[k] = (7i + k) mod 256, hr[k] = (13i + 3k) mod 256, pos = [i / 2, -1.25].
    /// With `withProvenance`, record i comes from input i mod 2 (`a.png`, `sub/b.png`), window
    /// i + 1 at (3i, 2i), 10x8, variant i mod 8.
    static func writeFixture(to dir: URL, withProvenance: Bool = false) throws {
        let schema = ShardSchema(fields: [
            ShardField(name: "lr", dtype: .uint8, shape: [4, 5, 3], layout: .hwc),
            ShardField(name: "hr", dtype: .uint8, shape: [3, 8, 10], layout: .chw),
            ShardField(name: "pos", dtype: .float32, shape: [2], layout: .hwc),
        ])
        let header = ShardFormat.aligned(64 + (try ShardFormat.schemaJSON(schema)).count)
        let target = ShardFormat.fileSize(headerLength: header, recordStride: ShardFormat.recordStride(schema), records: 3,
                                          version: withProvenance ? 2 : 1)
        let writer = try ShardDatasetWriter(directory: dir, schema: schema,
                                            options: ShardWriterOptions(targetShardBytes: target, force: true, recordProvenance: withProvenance))
        for i in 0..<7 {
            var pos: [UInt8] = []
            for v in [Float(i) / 2, -1.25] { withUnsafeBytes(of: v.bitPattern.littleEndian) { pos += $0 } }
            try writer.append([(0..<60).map { UInt8((7 * i + $0) % 256) }, (0..<240).map { UInt8((13 * i + 3 * $0) % 256) }, pos],
                              provenance: RecordProvenance(input: i % 2, window: i + 1, x: 3 * i, y: 2 * i, width: 10, height: 8, variant: i % 8))
        }
        _ = try writer.finish(provenance: DatasetProvenance(
            tool: "SRKit prep 0.1.0", manifest: "tiny.yaml", manifestSHA256: String(repeating: "0", count: 64), seed: 7,
            variables: ["scale": "2"], inputs: [ShardInputFile(path: "images/a.png", sha256: String(repeating: "1", count: 64), bytes: 10)],
            skipped: [], counts: ["images": 1, "records": 7], sources: withProvenance ? ["a.png", "sub/b.png"] : nil))
    }

    func testCommittedFixturesAreWhatTheWriterProduces() throws {
        for (name, withProvenance) in [("tiny", false), ("tiny-v2", true)] {
            let fixture = Self.fixture(named: name)
            if ProcessInfo.processInfo.environment["SRKIT_WRITE_SHARD_FIXTURE"] == "1" {
                try Self.writeFixture(to: fixture, withProvenance: withProvenance)
            }
            let dir = try CommandRunner.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            try Self.writeFixture(to: dir, withProvenance: withProvenance)
            let names = ShardFixtures.listing(dir)
            XCTAssertEqual(names, ["index.json", "shard-00000.srshard", "shard-00001.srshard", "shard-00002.srshard"])
            XCTAssertEqual(ShardFixtures.listing(fixture), names)
            for file in names {
                XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent(file)),
                               try Data(contentsOf: fixture.appendingPathComponent(file)), "\(name)/\(file) differs from the committed fixture")
            }
            XCTAssertEqual(try ShardDataset(contentsOf: fixture).shards[0].version, withProvenance ? 2 : 1)
        }
    }
}
