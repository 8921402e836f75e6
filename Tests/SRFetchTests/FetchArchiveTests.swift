import Foundation
import SRTestSupport
import XCTest
@testable import SRFetch

/// Archive rows (`unpack:FOLDER`, as DIV2K's zips are listed): fetched through a loopback mirror,
/// verified, unpacked into the catalogue's layout, recognised as present afterwards, refused
/// when a member would leave its folder. The zips are made here with Python's zipfile.
final class FetchArchiveTests: XCTestCase {
    var dir: URL!
    var root: URL { dir.appendingPathComponent("root") }
    var server: MirrorServer?

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        server?.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    /// A zip of `members` (name → bytes) written by Python's zipfile, as a pinned archive row.
    func archive(_ name: String, _ members: [(String, [UInt8])]) throws -> (PinnedFile, URL) {
        let zip = dir.appendingPathComponent(name)
        let spec = dir.appendingPathComponent(name + ".json")
        let json = try JSONSerialization.data(withJSONObject: members.map { [$0.0, $0.1.map { Int($0) }] })
        try json.write(to: spec)
        let script = "import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)\nfor n, b in json.load(open(sys.argv[1])): z.writestr(n, bytes(b))\nz.close()"
        let r = try Tools.run("/usr/bin/python3", ["-c", script, spec.path, zip.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let bytes = try Data(contentsOf: zip)
        let file = PinnedFile(path: "Synth/\(name)", bytes: Int64(bytes.count), sha256: Digest.sha256Hex([UInt8](bytes)),
                              url: "https://data.example.org/cvl/Synth/\(name)", unpack: "Synth")
        return (file, zip)
    }

    func fetch(_ files: [PinnedFile], local: [URL], mode: String = "ok") throws -> FetchSummary {
        if server == nil { server = try MirrorServer(files: zip(files.map(\.url), local).map { ($0, $1) }) }
        let plan = try FetchPlan.make(datasets: [DatasetSources(name: "synth", files: files)], root: root.path)
        var options = FetchOptions()
        options.mirror = Mirror(base: try XCTUnwrap(server).base + "/" + mode)
        return Fetcher.run(plan, options: options)
    }

    static let members: [(String, [UInt8])] = [
        ("Synth_HR/0001.png", Array("first HR image".utf8)),
        ("Synth_HR/0002.png", Array(repeating: 7, count: 5000)),
        ("Synth_LR_bicubic/X2/0001x2.png", Array("an LR image".utf8)),
    ]

    func testAnArchiveIsVerifiedUnpackedAndThenRecognisedAsPresent() throws {
        let (file, zip) = try archive("synth.zip", Self.members)
        let dry = try FetchPlan.make(datasets: [DatasetSources(name: "synth", files: [file])], root: root.path)
        XCTAssertEqual(dry.dryRunLines(mirror: nil)[0], "\(file.url)\t\(file.bytes)\t\(file.sha256)\tSynth/synth.zip", "listed as the archive")
        let summary = try fetch([file], local: [zip])
        XCTAssertEqual(summary.failures, [])
        for (path, bytes) in Self.members {
            XCTAssertEqual([UInt8](try Data(contentsOf: root.appendingPathComponent("Synth/" + path))), bytes, path)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("Synth/synth.zip").path), "the archive is not kept")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".srkit-fetch/Synth").path), [], "staging emptied")
        let again = try FetchPlan.make(datasets: [DatasetSources(name: "synth", files: [file])], root: root.path)
        XCTAssertEqual(again.missing, [])
        XCTAssertEqual(again.present, [file])

        // A damaged member makes the archive differ; fetching again restores it.
        try Data("changed".utf8).write(to: root.appendingPathComponent("Synth/Synth_HR/0001.png"))
        let damaged = try FetchPlan.make(datasets: [DatasetSources(name: "synth", files: [file])], root: root.path)
        XCTAssertEqual(damaged.differing, [file])
        XCTAssertEqual(try fetch([file], local: [zip]).failures, [])
        XCTAssertEqual([UInt8](try Data(contentsOf: root.appendingPathComponent("Synth/Synth_HR/0001.png"))), Self.members[0].1)
    }

    func testACorruptDownloadUnpacksNothing() throws {
        let (file, zip) = try archive("synth.zip", Self.members)
        let summary = try fetch([file], local: [zip], mode: "corrupt")
        guard case .checksumMismatch? = summary.failures.first else { return XCTFail("\(summary.failures)") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("Synth/Synth_HR").path))
    }

    func testAMemberLeavingItsFolderIsRefusedBeforeAnythingIsUnpacked() throws {
        let (file, zip) = try archive("evil.zip", [("Synth_HR/0001.png", [1, 2, 3]), ("../../escape.txt", [4])])
        let summary = try fetch([file], local: [zip])
        XCTAssertEqual(summary.failures.map(\.description), ["Synth/evil.zip: cannot unpack the archive (member '../../escape.txt' would leave Synth); nothing was unpacked into the data root."])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape.txt").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("Synth/Synth_HR").path))
        XCTAssertEqual(ArchiveUnpacker.state(of: file, root: root.path), .absent)
    }

    func testArchiveRowsParse() throws {
        let tsv = dir.appendingPathComponent("d.tsv")
        try "DIV2K/DIV2K_valid_HR.zip\t448993893\t\(String(repeating: "ab", count: 32))\thttps://data.vision.ee.ethz.ch/cvl/DIV2K/DIV2K_valid_HR.zip\tunpack:DIV2K\n".write(to: tsv, atomically: true, encoding: .utf8)
        let files = try SourceCatalog.parse(url: tsv)
        XCTAssertEqual(files.map(\.unpack), ["DIV2K"])
        try "a.zip\t1\t\(String(repeating: "ab", count: 32))\thttps://x/a.zip\tunpack:../up\n".write(to: tsv, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SourceCatalog.parse(url: tsv)) { error in
            XCTAssertTrue("\(error)".contains("fifth field 'unpack:../up' must be unpack:FOLDER"), "\(error)")
        }
    }
}
