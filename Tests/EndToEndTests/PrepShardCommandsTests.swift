import Foundation
import SRImage
import SRShards
import SRTestSupport
import XCTest

/// Runs the built `prep inspect`, `prep verify` and `prep export` on datasets written with the
/// SRShards writer API, checking stdout, stderr, exit codes and exported pixels.
final class PrepShardCommandsTests: XCTestCase {
    var dir: URL!
    var dataset: URL { dir.appendingPathComponent("ds") }

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        let schema = ShardSchema(fields: [
            ShardField(name: "lr", dtype: .uint8, shape: [2, 3, 1], layout: .hwc),
            ShardField(name: "hr", dtype: .uint8, shape: [3, 4, 6], layout: .chw),
            ShardField(name: "weight", dtype: .float32, shape: [1], layout: .hwc),
        ])
        // Two records per shard.
        let header = ShardFormat.aligned(64 + (try ShardFormat.schemaJSON(schema)).count)
        let target = ShardFormat.fileSize(headerLength: header, recordStride: ShardFormat.recordStride(schema), records: 2)
        let writer = try ShardDatasetWriter(directory: dataset, schema: schema, options: ShardWriterOptions(targetShardBytes: target))
        for i in 0..<5 {
            var weight: [UInt8] = []
            withUnsafeBytes(of: Float(i).bitPattern.littleEndian) { weight += $0 }
            try writer.append([(0..<6).map { UInt8(i * 10 + $0) }, (0..<72).map { UInt8(i + $0 * 3) }, weight])
        }
        _ = try writer.finish(provenance: DatasetProvenance(
            tool: "SRKit prep 0.1.0", manifest: "test.yaml", manifestSHA256: String(repeating: "0", count: 64), seed: 1,
            variables: [:], inputs: [], skipped: [], counts: ["records": 5]))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func testInspectPrintsSchemaShardsAndRecordStatistics() throws {
        let r = try CommandRunner.run("prep", ["inspect", dataset.path, "--records", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "\(dataset.path): SRKit shard dataset, format version 1, 5 record(s) in 3 shard(s)")
        XCTAssertEqual(Array(lines[1...4]), ["schema:", "  lr: uint8 [2, 3, 1] hwc, 6 bytes", "  hr: uint8 [3, 4, 6] chw, 72 bytes", "  weight: float32 [1] hwc, 4 bytes"])
        XCTAssertTrue(lines[6].hasPrefix("  shard-00000.srshard: 2 record(s), "), lines[6])
        XCTAssertTrue(lines[8].hasPrefix("  shard-00002.srshard: 1 record(s), "), lines[8])
        XCTAssertEqual(lines[9], "provenance: SRKit prep 0.1.0, manifest test.yaml (sha256 0000000000000000…), seed 1, 0 input file(s), 0 skipped")
        XCTAssertEqual(Array(lines[11...]), [
            "records (first 2 of 5):",
            "  #0: lr min 0 max 5 mean 2.5000; hr min 0 max 213 mean 106.5000; weight min 0 max 0 mean 0",
            "  #1: lr min 10 max 15 mean 12.5000; hr min 1 max 214 mean 107.5000; weight min 1 max 1 mean 1",
        ])
    }

    func testInspectOpensASingleShard() throws {
        let r = try CommandRunner.run("prep", ["inspect", dataset.appendingPathComponent("shard-00001.srshard").path, "--records", "0"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("SRKit shard single shard, format version 1, 2 record(s) in 1 shard(s)"), r.stdout)
    }

    func testVerifyPassesAnIntactDataset() throws {
        let r = try CommandRunner.run("prep", ["verify", dataset.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "\(dataset.path): OK, 5 record(s) in 3 shard(s); every CRC32C, SHA-256 and record count matches.\n")
    }

    func testVerifyListsTheBrokenRecordAndExitsNonZero() throws {
        let shard = dataset.appendingPathComponent("shard-00001.srshard")
        var bytes = [UInt8](try Data(contentsOf: shard))
        let reader = try ShardReader(contentsOf: shard)
        let headerLength = bytes.count - 32 - 2 * 24 - 2 * ShardFormat.recordStride(reader.schema)
        bytes[headerLength + ShardFormat.recordStride(reader.schema) + 2] ^= 0xFF   // record 1 of shard 1 = dataset record 3
        try Data(bytes).write(to: shard)
        let r = try CommandRunner.run("prep", ["verify", dataset.path])
        XCTAssertEqual(r.status, 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, r.stdout)
        XCTAssertTrue(lines[0].hasPrefix("\(shard.path): SHA-256 is "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("\(shard.path) record 1: CRC32C is 0x"), lines[1])
        XCTAssertEqual(r.stderr, "Error: \(dataset.path): 2 problem(s), 1 broken record(s); regenerate the dataset with prep run.\n")
    }

    func testExportWritesTheFieldAsAnImage() throws {
        let out = dir.appendingPathComponent("hr3.png").path
        let r = try CommandRunner.run("prep", ["export", dataset.path, "--record", "3", "--field", "hr", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "\(out): record 3 field hr, 6x4, 3 channel(s)\n")
        let image = try ImageDecoder.decode(contentsOf: out)
        // CHW planes of 24 samples: value at (x, y, c) = 3 + (c * 24 + y * 6 + x) * 3.
        XCTAssertEqual([image.width, image.height, image.channels], [6, 4, 3])
        for y in 0..<4 { for x in 0..<6 { for c in 0..<3 { XCTAssertEqual(Int(image[x, y, c]), 3 + (c * 24 + y * 6 + x) * 3) } } }

        let grey = dir.appendingPathComponent("lr0.png").path
        XCTAssertEqual(try CommandRunner.run("prep", ["export", dataset.path, "--record", "0", "--field", "lr", grey]).status, 0)
        XCTAssertEqual(try ImageDecoder.decode(contentsOf: grey), ByteImage(width: 3, height: 2, channels: 1, samples: [0, 1, 2, 3, 4, 5]))
    }

    func testExportNamesUnknownFieldsMissingRecordsAndFloatFields() throws {
        let out = dir.appendingPathComponent("x.png").path
        var r = try CommandRunner.run("prep", ["export", dataset.path, "--record", "0", "--field", "sr", out])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: \(dataset.path): no field \"sr\"; the schema has lr, hr, weight.\n")
        r = try CommandRunner.run("prep", ["export", dataset.path, "--record", "5", "--field", "hr", out])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: \(dataset.path): record 5 does not exist; the dataset has 5 record(s), numbered 0...4.\n")
        r = try CommandRunner.run("prep", ["export", dataset.path, "--record", "0", "--field", "weight", out])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("field \"weight\" cannot be written as an image (it is float32"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testVerifyOfAFolderWithoutIndexSaysSo() throws {
        let r = try CommandRunner.run("prep", ["verify", dir.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: \(dir.path)/index.json: cannot read (no index.json; not a finished SRKit dataset); check that the file exists and is readable.\n")
    }

    func testExportAndInspectRefuseAFooterOffsetThatNamesAnotherRecord() throws {
        // Footer entry 0 of shard 1 (dataset record 2) moved to record 1's start: aligned and in
        // range, so only the cross-check with the header's record stride can tell.
        let shard = dataset.appendingPathComponent("shard-00001.srshard")
        var bytes = [UInt8](try Data(contentsOf: shard))
        let stride = ShardFormat.recordStride(try ShardReader(contentsOf: shard).schema)
        let footer = bytes.count - 32 - 2 * 24
        let offset = (0..<8).reduce(0) { $0 | Int(bytes[footer + $1]) << (8 * $1) }
        for k in 0..<8 { bytes[footer + k] = UInt8(truncatingIfNeeded: (offset + stride) >> (8 * k)) }
        try Data(bytes).write(to: shard)
        let message = "\(shard.path): corrupt shard (footer entry 0 gives record offset \(offset + stride), but record 0 starts at \(offset)); regenerate the dataset with prep run."
        let out = dir.appendingPathComponent("hr2.png").path
        let export = try CommandRunner.run("prep", ["export", dataset.path, "--record", "2", "--field", "hr", out])
        XCTAssertEqual(export.status, 1, export.stdout)
        XCTAssertEqual(export.stderr, "Error: \(message)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let inspect = try CommandRunner.run("prep", ["inspect", dataset.path])
        XCTAssertEqual(inspect.status, 1, inspect.stdout)
        XCTAssertEqual(inspect.stderr, "Error: \(message)\n")
        let single = try CommandRunner.run("prep", ["inspect", shard.path])
        XCTAssertEqual(single.stderr, "Error: \(message)\n")
        let verify = try CommandRunner.run("prep", ["verify", dataset.path])
        XCTAssertEqual(verify.status, 1)
        XCTAssertTrue(verify.stdout.contains("\(shard.path): cannot be opened: \(message)\n"), verify.stdout)
    }
}
