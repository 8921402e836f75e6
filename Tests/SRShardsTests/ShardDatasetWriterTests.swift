import Foundation
import SRShards
import SRTestSupport
import XCTest

/// Writing datasets: round trip, shard boundaries, determinism, atomicity, --force, errors.
final class ShardDatasetWriterTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func testRoundTripThroughTheReaderGivesTheAppendedBytes() throws {
        let out = dir.appendingPathComponent("ds")
        let index = try ShardFixtures.write(out, records: 10)
        XCTAssertEqual(index.totalRecords, 10)
        XCTAssertEqual(index.shards.map(\.file), ["shard-00000.srshard"])
        XCTAssertEqual(ShardFixtures.listing(out), ["index.json", "shard-00000.srshard"])
        XCTAssertEqual(try ShardDatasetIndex.load(from: out), index)
        let dataset = try ShardDataset(contentsOf: out)
        XCTAssertEqual(dataset.count, 10)
        XCTAssertEqual(dataset.schema, ShardFixtures.schema)
        for i in 0..<10 {
            XCTAssertEqual(try dataset.record(i).map { [UInt8]($0) }, ShardFixtures.record(i))
        }
        XCTAssertEqual([UInt8](try dataset.field("hr", ofRecord: 3)), ShardFixtures.record(3)[1])
        XCTAssertTrue(try ShardDatasetVerifier.verify(out).problems.isEmpty)
    }

    func testShardBoundariesFollowTheTargetSizeAndRecordsKeepTheirOrder() throws {
        // Record stride: lr 48 -> 64, hr 192 -> 192 (offset 64..256), scale 8 at 256 -> length 264, stride 320.
        XCTAssertEqual(ShardFormat.recordLength(ShardFixtures.schema), 264)
        XCTAssertEqual(ShardFormat.recordStride(ShardFixtures.schema), 320)
        let header = ShardFormat.aligned(64 + (try ShardFormat.schemaJSON(ShardFixtures.schema)).count)
        // Room for exactly 3 records per shard.
        let target = ShardFormat.fileSize(headerLength: header, recordStride: 320, records: 3)
        let out = dir.appendingPathComponent("ds")
        let index = try ShardFixtures.write(out, records: 10, target: target)
        XCTAssertEqual(index.shards.map(\.records), [3, 3, 3, 1])
        XCTAssertEqual(index.shards.map(\.firstRecord), [0, 3, 6, 9])
        XCTAssertEqual(index.shards.map(\.file), (0..<4).map { ShardFormat.shardFileName($0) })
        XCTAssertEqual(index.shards[0].bytes, target)
        let dataset = try ShardDataset(contentsOf: out)
        for i in 0..<10 { XCTAssertEqual(try dataset.record(i).map { [UInt8]($0) }, ShardFixtures.record(i)) }
        XCTAssertThrowsError(try dataset.record(10)) { error in
            XCTAssertEqual("\(error)", "\(out.path): record 10 does not exist; the dataset has 10 record(s), numbered 0...9.")
        }
    }

    func testARecordLargerThanTheTargetGetsAShardOfItsOwn() throws {
        let index = try ShardFixtures.write(dir.appendingPathComponent("ds"), records: 3, target: 100)
        XCTAssertEqual(index.shards.map(\.records), [1, 1, 1])
    }

    func testTheSameRecordsGiveByteIdenticalShardsAndIndex() throws {
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try ShardFixtures.write(a, records: 7, target: 2000)
        try ShardFixtures.write(b, records: 7, target: 2000)
        XCTAssertEqual(ShardFixtures.listing(a), ShardFixtures.listing(b))
        for name in ShardFixtures.listing(a) {
            XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent(name)), try Data(contentsOf: b.appendingPathComponent(name)), name)
        }
    }

    func testIndexJSONHasSortedKeysAndProvenance() throws {
        let out = dir.appendingPathComponent("ds")
        try ShardFixtures.write(out, records: 2)
        let text = try String(contentsOf: out.appendingPathComponent("index.json"), encoding: .utf8)
        let keys = ["\"format\"", "\"provenance\"", "\"schema\"", "\"shards\"", "\"totalRecords\"", "\"version\""]
        let positions = keys.map { text.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), text)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        XCTAssertTrue(text.contains("\"manifestSHA256\" : \"abab"), text)
        XCTAssertTrue(text.contains("\"path\" : \"T91/t1.png\""), text)
        XCTAssertTrue(text.hasSuffix("}\n"))
    }

    func testNonEmptyOutputIsRefusedWithoutForce() throws {
        try Data("x".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try ShardDatasetWriter(directory: dir, schema: ShardFixtures.schema, options: ShardWriterOptions())) { error in
            XCTAssertEqual("\(error)", "\(dir.standardizedFileURL.path): the output folder is not empty (notes.txt); choose an empty folder or pass --force to replace a previous dataset.")
        }
        XCTAssertEqual(ShardFixtures.listing(dir), ["notes.txt"])
    }

    func testForceReplacesAPreviousDatasetButRefusesForeignFiles() throws {
        let out = dir.appendingPathComponent("ds")
        try ShardFixtures.write(out, records: 10, target: 1000)
        XCTAssertEqual(ShardFixtures.listing(out).count, 11)
        XCTAssertThrowsError(try ShardFixtures.write(out, records: 2))
        let index = try ShardFixtures.write(out, records: 2, force: true)
        XCTAssertEqual(ShardFixtures.listing(out), ["index.json", "shard-00000.srshard"])
        XCTAssertEqual(try ShardDataset(contentsOf: out).count, 2)
        XCTAssertEqual(index.totalRecords, 2)

        try Data("x".utf8).write(to: out.appendingPathComponent("model.pth"))
        XCTAssertThrowsError(try ShardFixtures.write(out, records: 2, force: true)) { error in
            XCTAssertEqual("\(error)", "\(out.path): --force only replaces an SRKit dataset (index.json and shard-*.srshard) but the folder also holds model.pth; move those files away or choose another folder.")
        }
    }

    func testAbortLeavesNothingVisibleAndRemovesAFolderItCreated() throws {
        let out = dir.appendingPathComponent("new/ds")
        let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema, options: ShardWriterOptions(targetShardBytes: 1000))
        for i in 0..<5 { try writer.append(ShardFixtures.record(i)) }
        XCTAssertGreaterThan(writer.bytesWritten, 0)
        XCTAssertEqual(writer.recordCount, 5)
        XCTAssertTrue(ShardFixtures.listing(out).allSatisfy { $0.hasPrefix(".") })
        writer.abort()
        writer.abort()
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertThrowsError(try writer.append(ShardFixtures.record(0)))
    }

    func testAbortInAnExistingFolderKeepsThePreviousDataset() throws {
        let out = dir.appendingPathComponent("ds")
        try ShardFixtures.write(out, records: 4)
        let before = try Data(contentsOf: out.appendingPathComponent("index.json"))
        let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema, options: ShardWriterOptions(force: true))
        try writer.append(ShardFixtures.record(0))
        writer.abort()
        XCTAssertEqual(ShardFixtures.listing(out), ["index.json", "shard-00000.srshard"])
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("index.json")), before)
    }

    func testAnUnfinishedWriterThatIsDroppedCleansUp() throws {
        let out = dir.appendingPathComponent("ds")
        do {
            let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema, options: ShardWriterOptions())
            try writer.append(ShardFixtures.record(0))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testWrongFieldSizesAndCountsAreRefusedWithTheFieldName() throws {
        let writer = try ShardDatasetWriter(directory: dir.appendingPathComponent("ds"), schema: ShardFixtures.schema, options: ShardWriterOptions())
        defer { writer.abort() }
        var record = ShardFixtures.record(0)
        record[1].removeLast()
        XCTAssertThrowsError(try writer.append(record)) { error in
            XCTAssertEqual("\(error)", "shard record: field \"hr\" has 191 bytes but the schema needs 192; check the field's shape and dtype against the data.")
        }
        XCTAssertThrowsError(try writer.append(Array(ShardFixtures.record(0).prefix(2)))) { error in
            XCTAssertEqual(error as? ShardError, .fieldCountMismatch(expected: 3, actual: 2))
        }
        XCTAssertEqual(writer.recordCount, 0)
    }

    func testAWriteErrorNamesThePathAndErrnoAndLeavesNothingVisible() throws {
        let out = dir.appendingPathComponent("ds")
        let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema, options: ShardWriterOptions(targetShardBytes: 1000))
        try writer.append(ShardFixtures.record(0))
        // Pull the staging folder (beside the output) away: the next shard cannot be created.
        for name in ShardFixtures.listing(dir) where name.hasPrefix(".srshards-staging-") {
            try FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        }
        var thrown: Error?
        for i in 1..<10 where thrown == nil {
            do { try writer.append(ShardFixtures.record(i)) } catch { thrown = error }
        }
        let error = try XCTUnwrap(thrown)
        guard case .writeFailed(let path, let reason) = error as? ShardError else { return XCTFail("\(error)") }
        XCTAssertTrue(path.hasSuffix("shard-00001.srshard"), path)
        XCTAssertTrue(reason.contains("No such file or directory (errno 2)"), reason)
        XCTAssertTrue("\(error)".hasSuffix("check free space and permissions, then run again."))
        writer.abort()
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.json").path))
    }

    func testAFailingWriteSaysWhyAndLeavesNothingVisible() throws {
        // A file-size limit makes write(2) fail with EFBIG mid-shard: a real write error in the
        // buffered write path (SIGXFSZ ignored so the process survives). Restored afterwards.
        var saved = rlimit()
        XCTAssertEqual(getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved), 0)
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var limited = saved
        limited.rlim_cur = 100_000
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limited), 0)
        defer {
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
            signal(SIGXFSZ, previousHandler)
        }
        let out = dir.appendingPathComponent("ds")
        let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema, options: ShardWriterOptions(targetShardBytes: 1 << 20))
        var thrown: Error?
        for i in 0..<20_000 where thrown == nil {
            do { try writer.append(ShardFixtures.record(i)) } catch { thrown = error }
        }
        if thrown == nil {
            do { _ = try writer.finish(provenance: ShardFixtures.provenance) } catch { thrown = error }
        }
        let error = try XCTUnwrap(thrown)
        guard case .writeFailed(let path, let reason) = error as? ShardError else { return XCTFail("\(error)") }
        XCTAssertTrue(path.hasSuffix("/shard-00000.srshard"), path)
        XCTAssertEqual(reason, "File too large (errno 27)")
        writer.abort()
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testAnInvalidSchemaIsRefused() {
        let bad = ShardSchema(fields: [ShardField(name: "a", dtype: .uint8, shape: [2, 0], layout: .hwc)])
        XCTAssertThrowsError(try ShardDatasetWriter(directory: dir.appendingPathComponent("x"), schema: bad, options: ShardWriterOptions())) { error in
            XCTAssertEqual("\(error)", "shard schema: field \"a\" has shape [2, 0]; every dimension must be 1...2^30; give every field a unique non-empty name and a shape of positive dimensions.")
        }
        let twice = ShardSchema(fields: [ShardField(name: "a", dtype: .uint8, shape: [1], layout: .hwc),
                                         ShardField(name: "a", dtype: .uint8, shape: [1], layout: .hwc)])
        XCTAssertThrowsError(try twice.validate())
        XCTAssertThrowsError(try ShardSchema(fields: []).validate())
    }

    func testAnEmptyDatasetHasAnIndexAndNoShards() throws {
        let out = dir.appendingPathComponent("ds")
        let index = try ShardFixtures.write(out, records: 0)
        XCTAssertEqual(index.shards, [])
        XCTAssertEqual(ShardFixtures.listing(out), ["index.json"])
        XCTAssertEqual(try ShardDataset(contentsOf: out).count, 0)
    }
}
