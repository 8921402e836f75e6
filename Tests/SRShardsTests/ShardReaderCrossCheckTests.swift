import Foundation
import SRShards
import SRTestSupport
import XCTest

/// Opening a shard cross-checks its footer against the header's record size (and, in a dataset
/// folder, the file against index.json), so a damaged footer is refused before any record is
/// handed out; a shard that shrinks while open gives an error, never a SIGBUS.
final class ShardReaderCrossCheckTests: XCTestCase {
    var dir: URL!
    var out: URL { dir.appendingPathComponent("ds") }
    var shard: URL { out.appendingPathComponent("shard-00000.srshard") }
    let stride = 320

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        try ShardFixtures.write(out, records: 5)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
    func u64(_ b: [UInt8], _ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(b[at + $1]) << (8 * $1) } }
    func put(_ v: Int, _ b: inout [UInt8], _ at: Int) { for k in 0..<8 { b[at + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) } }

    func testAFooterOffsetPointingAtAnotherRecordIsRefusedOnOpen() throws {
        var b = try bytes(shard)
        let headerLength = u64(b, 16), footer = u64(b, b.count - 32)
        // Entry 2 now names record 3's start: aligned, inside the record area, and a real record,
        // which today's reader hands out as record 2 (a shifted record with exit 0).
        put(u64(b, footer + 2 * 24) + stride, &b, footer + 2 * 24)
        try Data(b).write(to: shard)
        let message = "\(shard.path): corrupt shard (footer entry 2 gives record offset \(headerLength + 3 * stride), but record 2 starts at \(headerLength + 2 * stride)); regenerate the dataset with prep run."
        XCTAssertThrowsError(try ShardReader(contentsOf: shard)) { XCTAssertEqual("\($0)", message) }
        XCTAssertThrowsError(try ShardDataset(contentsOf: out)) { XCTAssertEqual("\($0)", message) }
        let report = try ShardDatasetVerifier.verify(out)
        XCTAssertEqual(report.problems.map(\.description).last, "\(shard.path): cannot be opened: \(message)")
    }

    func testASingleFlippedOffsetBitIsRefusedOnOpen() throws {
        let clean = try bytes(shard)
        let footer = u64(clean, clean.count - 32)
        // Every bit of every entry's offset from bit 6 (still 64-aligned) to bit 12.
        for entry in 0..<5 {
            for bit in 6...12 {
                var b = clean
                b[footer + entry * 24 + bit / 8] ^= UInt8(1 << (bit % 8))
                try Data(b).write(to: shard)
                XCTAssertThrowsError(try ShardReader(contentsOf: shard), "entry \(entry) bit \(bit)") { error in
                    XCTAssertNotNil(error as? ShardError, "\(error)")
                }
            }
        }
    }

    func testATrailerShiftedByOneFooterEntryIsRefused() throws {
        var b = try bytes(shard)
        let headerLength = u64(b, 16), footer = u64(b, b.count - 32)
        // Claim 4 records with the footer 24 bytes later: the sizes still add up, but entry i
        // would be read from entry i+1's bytes.
        put(footer + 24, &b, b.count - 32)
        put(4, &b, b.count - 24)
        try Data(b).write(to: shard)
        XCTAssertThrowsError(try ShardReader(contentsOf: shard)) { error in
            XCTAssertEqual("\(error)", "\(shard.path): corrupt shard (the trailer gives footer offset \(footer + 24), but 4 record(s) end at \(headerLength + 4 * stride)); regenerate the dataset with prep run.")
        }
    }

    func testAShardWhoseSizeDiffersFromTheIndexIsRefusedWhenTheFolderIsOpened() throws {
        let indexURL = out.appendingPathComponent("index.json")
        let size = try bytes(shard).count
        let text = try String(contentsOf: indexURL, encoding: .utf8)
        // Resealed, so that the index's own checksum holds and the size check is what refuses it.
        let edited = text.replacingOccurrences(of: "\"bytes\" : \(size),", with: "\"bytes\" : \(size + 64),")
        try Data(IndexChecksum.reseal(Array(edited.utf8))).write(to: indexURL)
        XCTAssertThrowsError(try ShardDataset(contentsOf: out)) { error in
            XCTAssertEqual("\(error)", "\(shard.path): the shard is \(size) bytes but index.json lists \(size + 64); it was truncated, extended or replaced after the dataset was written, so regenerate the dataset with prep run.")
        }
    }

    func testAShardTruncatedWhileOpenGivesAnErrorNotSIGBUS() throws {
        let size = try bytes(shard).count
        let reader = try ShardReader(contentsOf: shard)
        let dataset = try ShardDataset(contentsOf: out)
        XCTAssertEqual(try reader.record(4).map { [UInt8]($0) }, ShardFixtures.record(4))
        XCTAssertEqual(truncate(shard.path, 1000), 0)
        let message = "\(shard.path): the shard shrank from \(size) to 1000 bytes while it was open; another program truncated it, so open the dataset again or regenerate it with prep run."
        XCTAssertThrowsError(try reader.record(4)) { XCTAssertEqual("\($0)", message) }
        XCTAssertThrowsError(try dataset.field("hr", ofRecord: 3)) { XCTAssertEqual("\($0)", message) }
        XCTAssertThrowsError(try reader.withRecord(2) { _ in }) { XCTAssertEqual("\($0)", message) }
        // Records before the cut are still read.
        XCTAssertEqual(try reader.record(0).map { [UInt8]($0) }, ShardFixtures.record(0))
        XCTAssertEqual(reader.verify().map(\.description).last, message)
    }

    func testVerifyingAShardThatIsTruncatedMeanwhileDoesNotCrash() throws {
        // A 48 MiB shard takes verify tens of milliseconds; a second thread cuts it to half after
        // a few. With a memory map, touching a page past the new end killed the process with
        // SIGBUS; read with pread, the cut is an error. Where the cut lands depends on timing,
        // so each report only has to exist; once the cut is done, verify must report it.
        let big = dir.appendingPathComponent("big")
        let schema = ShardSchema(fields: [ShardField(name: "x", dtype: .uint8, shape: [64, 64, 3], layout: .hwc)])
        let writer = try ShardDatasetWriter(directory: big, schema: schema, options: ShardWriterOptions())
        let record = [UInt8](repeating: 7, count: 64 * 64 * 3)
        for _ in 0..<4096 { try writer.append([record]) }
        _ = try writer.finish(provenance: ShardFixtures.provenance)
        for delay in [1_000, 4_000, 10_000, 25_000] {
            let copy = dir.appendingPathComponent("copy-\(delay)")
            try FileManager.default.copyItem(at: big, to: copy)
            let target = copy.appendingPathComponent("shard-00000.srshard").path
            let done = DispatchSemaphore(value: 0)
            let cutter = Thread { usleep(useconds_t(delay)); _ = truncate(target, 24 << 20); done.signal() }
            cutter.start()
            _ = try ShardDatasetVerifier.verify(copy)
            done.wait()
            XCTAssertFalse(try ShardDatasetVerifier.verify(copy).problems.isEmpty, "delay \(delay) µs")
        }
    }
}
