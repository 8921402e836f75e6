import Foundation
import SRShards
import SRTestSupport
import XCTest

/// index.json's own checksum, and the bit-flip sweep: no flipped bit anywhere in a dataset is
/// read as data. Every bit of index.json is flipped in turn (each must be refused on open, or
/// leave an index equal to the original, for flips in a legacy index's checksum line), and 400
/// bits of the shards (each must be reported by `verify`).
final class IndexChecksumTests: XCTestCase {
    var dir: URL!
    var out: URL { dir.appendingPathComponent("ds") }
    var indexURL: URL { out.appendingPathComponent("index.json") }

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func writeV2() throws {
        let writer = try ShardDatasetWriter(directory: out, schema: ShardFixtures.schema,
                                            options: ShardWriterOptions(targetShardBytes: 2048, recordProvenance: true))
        for i in 0..<6 {
            try writer.append(ShardFixtures.record(i), provenance: RecordProvenance(input: i % 2, window: i + 1, x: i, y: 0, width: 8, height: 8, variant: i % 4))
        }
        var provenance = ShardFixtures.provenance
        provenance.sources = ["t1.png", "t2.png"]
        _ = try writer.finish(provenance: provenance)
    }

    func testTheChecksumIsTheFirstKeyAndCoversTheFile() throws {
        try writeV2()
        let bytes = [UInt8](try Data(contentsOf: indexURL))
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n  \"checksum\" : \""), text)
        let stored = String(text.dropFirst(18).prefix(64))
        var zeroed = bytes
        zeroed.replaceSubrange(18..<82, with: [UInt8](repeating: UInt8(ascii: "0"), count: 64))
        XCTAssertEqual(Digest.sha256Hex(zeroed), stored)
        XCTAssertEqual(IndexChecksum.reseal(bytes), bytes)
    }

    func testAnEditedIndexIsRefusedAndAVersionOneIndexWithoutAChecksumIsRead() throws {
        try writeV2()
        var text = try String(contentsOf: indexURL, encoding: .utf8)
        try text.replacingOccurrences(of: "\"seed\" : 42", with: "\"seed\" : 43").write(to: indexURL, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ShardDataset(contentsOf: out)) { error in
            guard case .indexChecksumMismatch(let path, _, _)? = error as? ShardError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, indexURL.path)
        }
        // A version-2 index must carry its checksum.
        text = try String(contentsOf: indexURL, encoding: .utf8)
        let unsealed = "{\n" + text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)[2]
        try unsealed.write(to: indexURL, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ShardDataset(contentsOf: out)) { error in
            XCTAssertEqual("\(error)", "\(indexURL.path): invalid dataset index (a version-2 index must begin with its checksum); regenerate the dataset with prep run.")
        }
        // Indexes written before the checksum existed (version 1) are still read.
        let legacy = dir.appendingPathComponent("legacy")
        try ShardFixtures.write(legacy, records: 3)
        let legacyIndex = legacy.appendingPathComponent("index.json")
        let lines = try String(contentsOf: legacyIndex, encoding: .utf8).split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        try ("{\n" + lines[2]).write(to: legacyIndex, atomically: true, encoding: .utf8)
        XCTAssertEqual(try ShardDataset(contentsOf: legacy).count, 3)
    }

    func testEveryFlippedBitOfIndexJSONIsRefusedOrHarmless() throws {
        for version in [1, 2] {
            try? FileManager.default.removeItem(at: out)
            if version == 2 { try writeV2() } else { try ShardFixtures.write(out, records: 6, target: 2048) }
            let original = [UInt8](try Data(contentsOf: indexURL))
            let reference = try ShardDatasetIndex.load(from: out)
            var refused = 0, harmless = 0
            for bit in 0..<(original.count * 8) {
                var b = original
                b[bit / 8] ^= UInt8(1 << (bit % 8))
                try Data(b).write(to: indexURL)
                do {
                    let loaded = try ShardDatasetIndex.load(from: out)
                    // Accepted only when the flip sat in the checksum line of a version-1 index
                    // and changed nothing a reader uses.
                    XCTAssertEqual(loaded, reference, "version \(version): bit \(bit) was read as data")
                    XCTAssertEqual(version, 1, "bit \(bit) of a version-2 index accepted")
                    XCTAssertLessThan(bit / 8, 85, "only the checksum line may be affected")
                    harmless += 1
                } catch is ShardError {
                    refused += 1
                }
            }
            try Data(original).write(to: indexURL)
            XCTAssertEqual(refused + harmless, original.count * 8)
            if version == 2 { XCTAssertEqual(harmless, 0) }
            print("index.json version \(version): \(original.count * 8) bit flips, \(refused) refused on open, \(harmless) harmless")
        }
    }

    func testEveryFlippedBitOfAShardIsFoundByVerify() throws {
        try writeV2()
        let shards = try ShardDatasetIndex.load(from: out).shards.map { out.appendingPathComponent($0.file) }
        XCTAssertGreaterThan(shards.count, 1)
        var rng = SplitMix64(seed: 12)
        var atOpen = 0, byVerify = 0
        for _ in 0..<400 {
            let url = shards[Int(rng.next() % UInt64(shards.count))]
            let original = [UInt8](try Data(contentsOf: url))
            var b = original
            let bit = Int(rng.next() % UInt64(b.count * 8))
            b[bit / 8] ^= UInt8(1 << (bit % 8))
            try Data(b).write(to: url)
            var opened = true
            do { _ = try ShardDataset(contentsOf: out) } catch { opened = false }
            let report = try ShardDatasetVerifier.verify(out)
            XCTAssertFalse(report.problems.isEmpty, "\(url.lastPathComponent) bit \(bit) not reported")
            if opened { byVerify += 1 } else { atOpen += 1 }
            try Data(original).write(to: url)
        }
        print("shards: 400 bit flips, \(atOpen) refused on open, \(byVerify) more found by verify, 0 missed")
    }
}
