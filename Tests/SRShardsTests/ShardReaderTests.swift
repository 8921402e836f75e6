import Foundation
import SRShards
import SRTestSupport
import XCTest

/// Reading and verifying: byte layout, damaged and truncated files, index checks.
final class ShardReaderTests: XCTestCase {
    var dir: URL!
    var out: URL { dir.appendingPathComponent("ds") }
    var shard: URL { out.appendingPathComponent("shard-00000.srshard") }

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        try ShardFixtures.write(out, records: 5)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    func u64(_ b: [UInt8], _ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(b[at + $1]) << (8 * $1) } }

    func testHeaderRecordsFooterAndTrailerSitWhereTheSpecSays() throws {
        let b = try bytes(shard)
        let json = try ShardFormat.schemaJSON(ShardFixtures.schema)
        XCTAssertEqual(String(decoding: json, as: UTF8.self),
                       #"{"fields":[{"dtype":"uint8","layout":"hwc","name":"lr","shape":[4,4,3]},{"dtype":"uint8","layout":"chw","name":"hr","shape":[3,8,8]},{"dtype":"float32","layout":"hwc","name":"scale","shape":[2]}]}"#)
        XCTAssertEqual(Array(b[0..<8]), Array("SRSHARD\0".utf8))
        XCTAssertEqual(Array(b[8..<16]), [1, 0, 0, 0, 64, 0, 0, 0])
        let headerLength = u64(b, 16)
        XCTAssertEqual(headerLength, ShardFormat.aligned(64 + json.count))
        XCTAssertEqual(u64(b, 24), 264)
        XCTAssertEqual(u64(b, 32), 320)
        XCTAssertEqual(Array(b[64 ..< 64 + json.count]), json)
        // Record 2, field hr at +64, field scale at +256.
        let r2 = headerLength + 2 * 320
        XCTAssertEqual(Array(b[r2 ..< r2 + 48]), ShardFixtures.record(2)[0])
        XCTAssertEqual(Array(b[r2 + 48 ..< r2 + 64]), [UInt8](repeating: 0, count: 16))
        XCTAssertEqual(Array(b[r2 + 64 ..< r2 + 256]), ShardFixtures.record(2)[1])
        XCTAssertEqual(Array(b[r2 + 256 ..< r2 + 264]), ShardFixtures.record(2)[2])
        // Trailer and footer.
        XCTAssertEqual(Array(b[(b.count - 8)...]), Array("SRSHEND\0".utf8))
        let footer = u64(b, b.count - 32)
        XCTAssertEqual(footer, headerLength + 5 * 320)
        XCTAssertEqual(u64(b, b.count - 24), 5)
        XCTAssertEqual(b.count, footer + 5 * 24 + 32)
        XCTAssertEqual(u64(b, footer + 2 * 24), r2)
        XCTAssertEqual(u64(b, footer + 2 * 24 + 8), 264)
        let crc = CRC32C.checksum(b[r2 ..< r2 + 264])
        XCTAssertEqual(try ShardReader(contentsOf: shard).storedCRC(ofRecord: 2), crc)
    }

    func testAFlippedRecordByteIsReportedWithShardAndRecordNumber() throws {
        var b = try bytes(shard)
        let headerLength = u64(b, 16)
        b[headerLength + 3 * 320 + 70] ^= 0x01
        try Data(b).write(to: shard)
        let reader = try ShardReader(contentsOf: shard)
        XCTAssertEqual(reader.verify().map(\.record), [3])
        let report = try ShardDatasetVerifier.verify(out)
        XCTAssertEqual(report.shards, 1)
        XCTAssertEqual(report.records, 5)
        XCTAssertEqual(report.problems.count, 2)
        XCTAssertEqual(report.problems[0].record, nil)
        XCTAssertTrue(report.problems[0].message.hasPrefix("SHA-256 is "), report.problems[0].message)
        XCTAssertEqual(report.problems[1].file, shard.path)
        XCTAssertEqual(report.problems[1].record, 3)
        XCTAssertTrue(report.problems[1].description.hasPrefix("\(shard.path) record 3: CRC32C is 0x"), report.problems[1].description)
    }

    func testEveryTruncationThrowsAShardErrorInsteadOfCrashing() throws {
        let b = try bytes(shard)
        let cut = dir.appendingPathComponent("cut.srshard")
        for length in Array(0..<80) + stride(from: 80, to: b.count, by: 37).map({ $0 }) + [b.count - 1] {
            try Data(b[0..<length]).write(to: cut)
            XCTAssertThrowsError(try ShardReader(contentsOf: cut), "length \(length)") { error in
                XCTAssertNotNil(error as? ShardError, "\(error)")
            }
        }
    }

    func testRandomByteDamageNeverCrashesAndIsAlwaysNoticed() throws {
        let b = try bytes(shard)
        let damaged = dir.appendingPathComponent("damaged.srshard")
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var copy = b
            let at = Int(generator.next() % UInt64(b.count))
            copy[at] ^= UInt8(1 + generator.next() % 255)
            try Data(copy).write(to: damaged)
            do {
                let reader = try ShardReader(contentsOf: damaged)
                XCTAssertFalse(reader.verify().isEmpty, "byte \(at)")
                for i in 0..<reader.count { _ = try? reader.record(i) }
            } catch {
                XCTAssertNotNil(error as? ShardError, "\(error)")
            }
        }
    }

    func testNotAShardAndNewerVersionsAreNamed() throws {
        let other = dir.appendingPathComponent("x.srshard")
        try Data("hello world, not a shard".utf8).write(to: other)
        XCTAssertThrowsError(try ShardReader(contentsOf: other)) { error in
            XCTAssertEqual("\(error)", "\(other.path): not an SRKit shard (bad magic); pass a shard-*.srshard file or a dataset folder with index.json.")
        }
        var b = try bytes(shard)
        b[8] = 3
        try Data(b).write(to: other)
        XCTAssertThrowsError(try ShardReader(contentsOf: other)) { error in
            XCTAssertEqual(error as? ShardError, .unsupportedVersion(path: other.path, version: 3, supported: 2))
        }
    }

    func testVerifyReportsMissingShardsAndWrongCounts() throws {
        try ShardFixtures.write(out, records: 10, target: 1500, force: true)
        let index = try ShardDatasetIndex.load(from: out)
        XCTAssertGreaterThan(index.shards.count, 2)
        try FileManager.default.removeItem(at: out.appendingPathComponent(index.shards[1].file))
        let report = try ShardDatasetVerifier.verify(out)
        XCTAssertEqual(report.problems.count, 1)
        XCTAssertTrue(report.problems[0].message.contains("No such file or directory"), report.problems[0].message)
        XCTAssertThrowsError(try ShardDataset(contentsOf: out))
    }

    func testABrokenIndexIsReported() throws {
        let indexURL = out.appendingPathComponent("index.json")
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: indexURL)) as? [String: Any])
        json["provenance"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: indexURL)
        XCTAssertThrowsError(try ShardDatasetIndex.load(from: out)) { error in
            XCTAssertEqual("\(error)", "\(indexURL.path): invalid dataset index (not a valid SRKit index: missing key \"provenance\"); regenerate the dataset with prep run.")
        }
        try FileManager.default.removeItem(at: indexURL)
        XCTAssertThrowsError(try ShardDatasetVerifier.verify(out)) { error in
            XCTAssertEqual("\(error)", "\(indexURL.path): cannot read (no index.json; not a finished SRKit dataset); check that the file exists and is readable.")
        }
    }

    func testASingleShardFileOpensAsADataset() throws {
        let dataset = try ShardDataset(contentsOf: shard)
        XCTAssertNil(dataset.index)
        XCTAssertEqual(dataset.count, 5)
        XCTAssertEqual(try dataset.record(4).map { [UInt8]($0) }, ShardFixtures.record(4))
        XCTAssertThrowsError(try dataset.field("sr", ofRecord: 0)) { error in
            XCTAssertEqual("\(error)", "\(shard.path): no field \"sr\"; the schema has lr, hr, scale.")
        }
    }

    func testFieldImagesInterleaveCHWAndRefuseFloat() throws {
        let field = ShardField(name: "hr", dtype: .uint8, shape: [3, 1, 2], layout: .chw)
        let image = try [UInt8]([1, 2, 10, 20, 100, 200]).withUnsafeBytes { try FieldImage(field: field, bytes: $0, path: "p") }
        XCTAssertEqual(image, FieldImage(width: 2, height: 1, channels: 3, samples: [1, 10, 100, 2, 20, 200]))
        let float = ShardField(name: "f", dtype: .float32, shape: [1, 1, 1], layout: .hwc)
        XCTAssertThrowsError(try [UInt8](repeating: 0, count: 4).withUnsafeBytes { try FieldImage(field: float, bytes: $0, path: "p") }) { error in
            XCTAssertEqual("\(error)", "p: field \"f\" cannot be written as an image (it is float32, whose value range is not recorded); export a uint8 field with 3 dimensions and 1 or 3 channels.")
        }
    }

    func testFieldStatistics() throws {
        let s = [UInt8]([0, 10, 20, 250]).withUnsafeBytes { FieldStatistics.of($0, as: .uint8) }
        XCTAssertEqual(s, FieldStatistics(min: 0, max: 250, mean: 70))
        var raw: [UInt8] = []
        for v: Float in [-1.5, 2.5, .nan] { withUnsafeBytes(of: v.bitPattern.littleEndian) { raw += $0 } }
        XCTAssertEqual(raw.withUnsafeBytes { FieldStatistics.of($0, as: .float32) }, FieldStatistics(min: -1.5, max: 2.5, mean: 0.5))
    }
}
