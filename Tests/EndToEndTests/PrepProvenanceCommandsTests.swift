import Foundation
import SRImage
import SRShards
import SRTestSupport
import XCTest

/// `prep inspect --record`, `prep export --basicsr-name` and `prep export --all` on a dataset
/// made by `prep run` (patches, random rot90, shuffle, several shards): the printed provenance,
/// BasicSR file names, the paired folder layout, and refusals.
final class PrepProvenanceCommandsTests: XCTestCase {
    var dir: URL!
    var images: URL { dir.appendingPathComponent("images") }
    var dataset: URL { dir.appendingPathComponent("ds") }

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        try SyntheticPatchRun.writeImages([(70, 50), (64, 64), (12, 12)], xStep: 3, yStep: 5, cStep: 70, into: images)
        try SyntheticPatchRun.manifest(shardSize: "16KiB").write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let r = try prep(["run", "m.yaml", "--output", dataset.path])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func prep(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("prep", arguments, currentDirectory: dir)
    }

    func testInspectRecordPrintsWhereItCameFrom() throws {
        let ds = try ShardDataset(contentsOf: dataset)
        XCTAssertGreaterThan(ds.shards.count, 1)
        let i = ds.count - 1
        let (p, source) = try XCTUnwrap(try ds.provenance(ofRecord: i))
        let r = try prep(["inspect", dataset.path, "--record", "\(i)"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines[1...4]), [
            "  source: \(try XCTUnwrap(source)) (input \(p.input))",
            "  window: \(p.window) at x \(p.x), y \(p.y), 16x16",
            "  variant: \(p.variant)",
            "  basicsr name: \(p.basicSRName(source: source!))",
        ])
        XCTAssertTrue(lines[0].hasPrefix("record \(i) of \(ds.count): shard-0000"), lines[0])
        XCTAssertTrue(lines[5].hasPrefix("  hr: min "), lines[5])
        let bad = try prep(["inspect", dataset.path, "--record", "\(ds.count)"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("record \(ds.count) does not exist"), bad.stderr)
    }

    func testExportAllWritesBasicSRsPairedLayout() throws {
        let ds = try ShardDataset(contentsOf: dataset)
        let out = dir.appendingPathComponent("basicsr")
        let r = try prep(["export", dataset.path, "--all", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let hr = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("hr").path).sorted()
        let lr = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("lr").path).sorted()
        XCTAssertEqual(hr.count, ds.count)
        XCTAssertEqual(hr, lr, "the same names in both folders, as paired_paths_from_folder needs")
        // 70x50: 7x4 windows of 16 at stride 9; 64x64: 6x6; 12x12 none. Random rot90 adds _v1.._v3.
        XCTAssertEqual(ds.count, 28 + 36)
        XCTAssertTrue(hr.allSatisfy { $0.range(of: "^img[01]_s0[0-9][0-9](_v[123])?\\.png$", options: .regularExpression) != nil }, "\(hr.prefix(5))")
        XCTAssertEqual(Set(hr.map { $0.replacingOccurrences(of: "_v[123]", with: "", options: .regularExpression) }).count, ds.count)
        for i in [0, ds.count / 2, ds.count - 1] {
            let (p, source) = try XCTUnwrap(try ds.provenance(ofRecord: i))
            let name = p.basicSRName(source: source!)
            let image = try ImageDecoder.decode(contentsOf: out.appendingPathComponent("hr/\(name).png").path)
            XCTAssertEqual(Data(image.samples), try ds.field("hr", ofRecord: i), name)
            // The LR field is CHW in the dataset; the exported image is interleaved.
            let lrImage = try ImageDecoder.decode(contentsOf: out.appendingPathComponent("lr/\(name).png").path)
            XCTAssertEqual([lrImage.width, lrImage.height, lrImage.channels], [4, 4, 3])
        }
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: dir.path).contains { $0.hasPrefix(".prep-export-") }, "staging removed")

        // An existing, non-empty folder is refused and left alone.
        let again = try prep(["export", dataset.path, "--all", out.path])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("\(out.path): the output folder is not empty"), again.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("hr").path).count, ds.count)
    }

    func testExportOneRecordUnderItsBasicSRName() throws {
        let ds = try ShardDataset(contentsOf: dataset)
        let (p, source) = try XCTUnwrap(try ds.provenance(ofRecord: 5))
        let folder = dir.appendingPathComponent("one")
        let r = try prep(["export", dataset.path, "--record", "5", "--field", "hr", "--basicsr-name", folder.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let file = folder.appendingPathComponent("\(p.basicSRName(source: source!)).png")
        XCTAssertEqual(r.stdout, "\(file.path): record 5 field hr, 16x16, 3 channel(s)\n")
        XCTAssertEqual(Data(try ImageDecoder.decode(contentsOf: file.path).samples), try ds.field("hr", ofRecord: 5))
    }

    func testAVersionOneDatasetHasNoNamesToGive() throws {
        let old = dir.appendingPathComponent("old")
        let writer = try ShardDatasetWriter(directory: old, schema: ShardSchema(fields: [ShardField(name: "hr", dtype: .uint8, shape: [2, 2, 1], layout: .hwc)]))
        try writer.append([[1, 2, 3, 4]])
        _ = try writer.finish(provenance: DatasetProvenance(tool: "t", manifest: "m", manifestSHA256: "", seed: 0, variables: [:], inputs: [], skipped: [], counts: [:]))
        let r = try prep(["export", old.path, "--all", dir.appendingPathComponent("x").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: \(old.path): the dataset has no per-record provenance (shard format version 1, written before SRKit stored it); run prep run again to get record names and windows.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("x").path))
        let inspect = try prep(["inspect", old.path, "--record", "0"])
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("  provenance: none (shard format version 1 predates per-record provenance)"), inspect.stdout)
    }
}
