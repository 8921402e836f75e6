import Foundation
import SRImage
import SRShards
import SRTestSupport
import XCTest

/// Runs the built `prep run`, `prep validate` and `prep graph` on synthetic images: determinism,
/// refusal of non-empty output, bad images, write errors.
final class PrepRunCommandTests: XCTestCase {
    var dir: URL!
    var images: URL { dir.appendingPathComponent("images") }
    var manifest: URL { dir.appendingPathComponent("m.yaml") }

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        try SyntheticPatchRun.writeImages([(70, 50), (64, 64), (12, 12), (90, 41)], xStep: 3, yStep: 5, cStep: 70, into: images)
        // Small shards (16 KiB) so the dataset spans several files.
        try SyntheticPatchRun.manifest(shardSize: "16KiB").write(to: manifest, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func prep(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("prep", arguments, currentDirectory: dir)
    }

    /// Every visible file of `folder` with its bytes.
    func contents(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    func testRunIsByteIdenticalAcrossRunsAndJobs() throws {
        let a = try prep(["run", "m.yaml", "--output", "a", "--jobs", "1"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertTrue(a.stdout.contains("4 images (1 without records, 0 skipped)"), a.stdout)
        let b = try prep(["run", "m.yaml", "--output", "b", "--jobs", "2"])
        let c = try prep(["run", "m.yaml", "--output", "c", "--jobs", "2"])
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertEqual(c.status, 0, c.stderr)
        let files = try contents(dir.appendingPathComponent("a"))
        XCTAssertGreaterThan(files.keys.filter { $0.hasSuffix(".srshard") }.count, 1, "several shards")
        XCTAssertNotNil(files["index.json"])
        XCTAssertEqual(files, try contents(dir.appendingPathComponent("b")))
        XCTAssertEqual(files, try contents(dir.appendingPathComponent("c")))
        let verify = try prep(["verify", "a"])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        // A different seed is a different permutation (and different random variants).
        let d = try prep(["run", "m.yaml", "--output", "d", "--set", "augment=none"])
        XCTAssertEqual(d.status, 0, d.stderr)
        XCTAssertNotEqual(files["index.json"], try contents(dir.appendingPathComponent("d"))["index.json"])
    }

    func testIndexRecordsProvenance() throws {
        XCTAssertEqual(try prep(["run", "m.yaml", "--output", "out"]).status, 0)
        let index = try ShardDatasetIndex.load(from: dir.appendingPathComponent("out"))
        XCTAssertEqual(index.provenance.manifest, "m.yaml")
        XCTAssertEqual(index.provenance.inputs.map(\.path), ["images/img0.png", "images/img1.png", "images/img2.png", "images/img3.png"])
        XCTAssertEqual(index.provenance.variables, ["augment": "rot90"])
        XCTAssertEqual(index.provenance.counts["imagesWithoutRecords"], 1)
        XCTAssertEqual(index.schema.fields.map(\.shape), [[16, 16, 3], [3, 4, 4]])
        let manifestHash = Digest.sha256Hex([UInt8](try Data(contentsOf: manifest)))
        XCTAssertEqual(index.provenance.manifestSHA256, manifestHash)
    }

    func testNonEmptyOutputRefusedUnlessForce() throws {
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let refused = try prep(["run", "m.yaml", "--output", "out"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("the output folder is not empty (notes.txt)"), refused.stderr)
        try FileManager.default.removeItem(at: out.appendingPathComponent("notes.txt"))
        XCTAssertEqual(try prep(["run", "m.yaml", "--output", "out"]).status, 0)
        let again = try prep(["run", "m.yaml", "--output", "out"])
        XCTAssertEqual(again.status, 1)
        let forced = try prep(["run", "m.yaml", "--output", "out", "--force", "--set", "augment=none"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(try ShardDatasetIndex.load(from: out).provenance.variables["augment"], "none")
    }

    func testCorruptImageStopsRunAndLeavesNothing() throws {
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46]).write(to: images.appendingPathComponent("img1b.png"))
        let r = try prep(["run", "m.yaml", "--output", "out"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("images/img1b.png: cannot use this image:"), r.stderr)
        let out = dir.appendingPathComponent("out")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        XCTAssertEqual(left, [], "nothing visible or staged after a failed run")

        let skipped = try prep(["run", "m.yaml", "--output", "out", "--skip-bad"])
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(skipped.stdout.contains("skipped images/img1b.png"), skipped.stdout)
        let index = try ShardDatasetIndex.load(from: out)
        XCTAssertEqual(index.provenance.skipped.map(\.path), ["images/img1b.png"])
    }

    func testWriteErrorLeavesNoPartialShard() throws {
        // ulimit -f (in 1024-byte blocks in bash) caps file size, so the first shard write fails with EFBIG.
        let prepPath = CommandRunner.productsDirectory.appendingPathComponent("prep").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -f 8 && exec '\(prepPath)' run m.yaml --output out"]
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1, message)
        XCTAssertTrue(message.contains("cannot write"), message)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)) ?? []
        XCTAssertEqual(left, [])
    }

    func testValidateReportsLineAndColumn() throws {
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "op: degrade", with: "op: downscale")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let r = try prep(["validate", "m.yaml"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("m.yaml:10:18: unknown operation 'downscale' in stage 'lr'"), r.stderr)
        let run = try prep(["run", "m.yaml", "--output", "out"])
        XCTAssertEqual(run.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    func testGraphPrintsTextAndDot() throws {
        let text = try prep(["graph", "m.yaml"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("stage lr  degrade(x4 matlab-bicubic down, uint8)  <- hr"), text.stdout)
        XCTAssertTrue(text.stdout.contains("join outputs  <- hr=aug.hr hwc, lr=aug.lr chw"), text.stdout)
        let dot = try prep(["graph", "m.yaml", "--dot"])
        XCTAssertTrue(dot.stdout.hasPrefix("digraph \"m\" {"), dot.stdout)
        XCTAssertTrue(dot.stdout.contains("\"hr\" -> \"aug\" [label=\"hr\"];"), dot.stdout)
    }

    /// An input whose name is not UTF-8 stops the run naming the folder and the escaped name
    /// (it was dropped from the listing, neither input nor skipped, and the run exited 0), and
    /// nothing is written. The shell makes the Latin-1 byte: Swift strings cannot hold it.
    func testNonUTF8InputNameStopsTheRunAndWritesNothing() throws {
        let output = dir.appendingPathComponent("out")
        let r = try CommandRunner.runShell("cd \"$D/images\" && cp img0.png \"$(printf 'caf\\351.png')\" && cd .. && \"$B/prep\" run m.yaml --output out",
                                           environment: ["B": CommandRunner.productsDirectory.path, "D": dir.path])
        XCTAssertEqual(r.status, 1, r.stdout)
        XCTAssertEqual(r.stderr, "Error: \(images.path): source 'images' holds 'caf\\xE9.png', whose name is not valid UTF-8 (\\xNN marks each byte that is not); SRKit records input names as UTF-8 in index.json, so rename it (e.g. `convmv -f latin1 -t utf8 --notest FILE`) or move it out of the folder.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "a refused run wrote \(output.path)")
    }

    /// Every `prep` argument is checked: a Latin-1 `--output` was written under another name
    /// (`out` + U+FFFD) with exit 0, and a Latin-1 manifest path was "no such file".
    func testNonUTF8ArgumentsAreRefusedBeforeAnythingIsWritten() throws {
        let message = "the name is not valid UTF-8 (\\xNN marks each byte that is not) and SRKit reads file names as UTF-8; rename the file, e.g. `convmv -f latin1 -t utf8 --notest FILE`.\n"
        let output = try CommandRunner.runShell("cd \"$D\" && \"$B/prep\" run m.yaml --output \"$(printf 'out\\351')\"",
                                                environment: ["B": CommandRunner.productsDirectory.path, "D": dir.path])
        XCTAssertEqual(output.status, 1)
        XCTAssertEqual(output.stderr, "Error: out\\xE9: " + message)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["images", "m.yaml"])
        let manifest = try CommandRunner.runShell("cd \"$D\" && cp m.yaml \"$(printf 'm\\351.yaml')\" && \"$B/prep\" validate \"$(printf 'm\\351.yaml')\"",
                                                  environment: ["B": CommandRunner.productsDirectory.path, "D": dir.path])
        XCTAssertEqual(manifest.status, 1)
        XCTAssertEqual(manifest.stderr, "Error: m\\xE9.yaml: " + message)
    }
}
