import Foundation
import SRShards
import SRTestSupport
import XCTest

/// Per-record provenance in the footer (format version 2): written, read back through a shard
/// and a dataset, refused when missing or malformed, and covered by the footer CRC.
final class RecordProvenanceTests: XCTestCase {
    var dir: URL!
    var out: URL { dir.appendingPathComponent("ds") }

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    static func provenance(_ i: Int) -> RecordProvenance {
        RecordProvenance(input: i % 3, window: i + 1, x: 14 * i, y: 7 * (i % 2), width: 32, height: 32, variant: i % 8)
    }

    static let sources = ["t1.png", "sub/t2.bmp", "t3.png"]

    /// `records` records with ``provenance(_:)``, three per shard.
    @discardableResult
    func writeV2(records: Int) throws -> ShardDatasetIndex {
        let header = ShardFormat.aligned(64 + (try ShardFormat.schemaJSON(ShardFixtures.schema)).count)
        let target = ShardFormat.fileSize(headerLength: header, recordStride: ShardFormat.recordStride(ShardFixtures.schema), records: 3, version: 2)
        let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema,
                                            options: ShardWriterOptions(targetShardBytes: target, recordProvenance: true))
        for i in 0..<records { try writer.append(ShardFixtures.record(i), provenance: Self.provenance(i)) }
        var provenance = ShardFixtures.provenance
        provenance.sources = Self.sources
        return try writer.finish(provenance: provenance)
    }

    func testProvenanceRoundTripsThroughShardsAndTheDataset() throws {
        let index = try writeV2(records: 8)
        XCTAssertEqual(index.version, 2)
        XCTAssertEqual(index.shards.map(\.records), [3, 3, 2])
        let dataset = try ShardDataset(contentsOf: out)
        XCTAssertEqual(dataset.index?.provenance.sources, Self.sources)
        for i in 0..<8 {
            let (p, source) = try XCTUnwrap(try dataset.provenance(ofRecord: i))
            XCTAssertEqual(p, Self.provenance(i))
            XCTAssertEqual(source, Self.sources[i % 3])
            XCTAssertEqual(try dataset.record(i), ShardFixtures.record(i).map { Data($0) }, "record bytes unchanged")
        }
        let shard = try ShardReader(contentsOf: out.appendingPathComponent("shard-00001.srshard"))
        XCTAssertEqual(shard.version, 2)
        XCTAssertEqual(try shard.provenance(ofRecord: 0), Self.provenance(3))
        // 56-byte footer entries: the file size formula with version 2.
        XCTAssertEqual(shard.fileSize, ShardFormat.fileSize(headerLength: ShardFormat.aligned(64 + (try ShardFormat.schemaJSON(ShardFixtures.schema)).count),
                                                             recordStride: ShardFormat.recordStride(ShardFixtures.schema), records: 3, version: 2))
        XCTAssertTrue(try ShardDatasetVerifier.verify(out).problems.isEmpty)
    }

    func testBasicSRNames() {
        XCTAssertEqual(Self.provenance(0).basicSRName(source: "0001.png"), "0001_s001")
        XCTAssertEqual(RecordProvenance(input: 0, window: 12, x: 0, y: 0, width: 1, height: 1, variant: 0).basicSRName(source: "sub/img_001.png"), "img_001_s012")
        XCTAssertEqual(RecordProvenance(input: 0, window: 1234, x: 0, y: 0, width: 1, height: 1, variant: 5).basicSRName(source: "a.b.png"), "a.b_s1234_v5")
        XCTAssertEqual(RecordProvenance(input: 0, window: 0, x: 0, y: 0, width: 9, height: 9, variant: 0).basicSRName(source: "whole"), "whole")
    }

    func testAWriterWithoutProvenanceStillWritesVersionOne() throws {
        let index = try ShardFixtures.write(out, records: 4)
        XCTAssertEqual(index.version, 1)
        XCTAssertNil(index.provenance.sources)
        let dataset = try ShardDataset(contentsOf: out)
        XCTAssertEqual(dataset.shards[0].version, 1)
        XCTAssertNil(try dataset.provenance(ofRecord: 2))
        let json = try String(contentsOf: out.appendingPathComponent("index.json"), encoding: .utf8)
        XCTAssertFalse(json.contains("sources"))
    }

    func testMissingOrUnencodableProvenanceIsRefused() throws {
        let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema, options: ShardWriterOptions(recordProvenance: true))
        XCTAssertThrowsError(try writer.append(ShardFixtures.record(0))) { error in
            XCTAssertEqual(error as? ShardError, .provenanceMissing(path: out.path, record: 0))
        }
        var bad = Self.provenance(0)
        bad.variant = 8
        XCTAssertThrowsError(try writer.append(ShardFixtures.record(0), provenance: bad)) { error in
            XCTAssertEqual("\(error)", "\(out.path): record 0's provenance does not fit the shard format (each value 0...4294967295, variant 0...7).")
        }
        try writer.append(ShardFixtures.record(0), provenance: Self.provenance(0))
        XCTAssertThrowsError(try writer.finish(provenance: ShardFixtures.provenance)) { error in
            XCTAssertEqual(error as? ShardError, .provenanceMissing(path: out.path, record: nil))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing committed")
    }

    /// Byte offset of record `i`'s provenance field `k` (0 input … 6 variant) in a 3-record shard.
    func provenanceOffset(_ shard: [UInt8], record i: Int, field k: Int) -> Int {
        let footer = Int(shard.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: shard.count - 32, as: UInt64.self) })
        return footer + 56 * i + 24 + 4 * k
    }

    func testADamagedProvenanceIsCaughtByTheFooterCRCOrRefusedOnOpen() throws {
        try writeV2(records: 3)
        let url = out.appendingPathComponent("shard-00000.srshard")
        let original = [UInt8](try Data(contentsOf: url))
        var flipped = original
        flipped[provenanceOffset(original, record: 1, field: 2)] ^= 0x10   // x of record 1
        try Data(flipped).write(to: url)
        let reader = try ShardReader(contentsOf: url)
        XCTAssertEqual(reader.verify().map(\.message), ["footer CRC32C mismatch (record offsets/CRCs damaged)"])

        var variant = original
        variant[provenanceOffset(original, record: 2, field: 6)] = 9
        try Data(variant).write(to: url)
        XCTAssertThrowsError(try ShardReader(contentsOf: url)) { error in
            XCTAssertEqual("\(error)", "\(url.path): corrupt shard (footer entry 2 has a malformed provenance (variant above 7 or reserved bytes set)); regenerate the dataset with prep run.")
        }
    }

    func testAnInputBeyondTheSourcesIsRefused() throws {
        let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema, options: ShardWriterOptions(recordProvenance: true))
        try writer.append(ShardFixtures.record(0), provenance: RecordProvenance(input: 3, window: 1, x: 0, y: 0, width: 8, height: 8, variant: 0))
        var provenance = ShardFixtures.provenance
        provenance.sources = Self.sources
        _ = try writer.finish(provenance: provenance)
        XCTAssertThrowsError(try ShardDataset(contentsOf: out).provenance(ofRecord: 0)) { error in
            XCTAssertEqual("\(error)", "\(out.appendingPathComponent("shard-00000.srshard").path): corrupt shard (record 0 names input 3 but index.json lists 3 source(s)); regenerate the dataset with prep run.")
        }
    }

    func testShardsAndIndexMustHaveTheSameVersion() throws {
        try writeV2(records: 2)
        let v2 = try Data(contentsOf: out.appendingPathComponent("shard-00000.srshard"))
        let other = dir.appendingPathComponent("v1")
        try ShardFixtures.write(other, records: 2)
        let v1 = try Data(contentsOf: other.appendingPathComponent("shard-00000.srshard"))
        // A version-1 shard in a version-2 dataset, index entry adjusted so only the version differs.
        try v1.write(to: out.appendingPathComponent("shard-00000.srshard"))
        var index = try ShardDatasetIndex.load(from: other)
        index.version = 2
        index.provenance.sources = ["a.png"]
        try Data(try index.encoded()).write(to: out.appendingPathComponent("index.json"))
        XCTAssertThrowsError(try ShardDataset(contentsOf: out)) { error in
            XCTAssertEqual("\(error)", "\(out.appendingPathComponent("shard-00000.srshard").path): corrupt shard (it is format version 1, index.json says 2); regenerate the dataset with prep run.")
        }
        XCTAssertNotEqual(v1, v2)
    }
}
