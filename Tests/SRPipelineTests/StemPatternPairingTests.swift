import Foundation
import SRImage
import SRPipeline
import XCTest

/// `stem: "{}x4"` pairs DIV2K/EDSR-style provided LR files (`0001x4.png`) with their HR
/// (`0001.png`); files that do not fit the pattern and ambiguous pairs are refused, not dropped.
final class StemPatternPairingTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("srkit-stem-\(UUID().uuidString)")
        for sub in ["HR", "LR"] { try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true) }
        for (i, name) in ["0001", "0002"].enumerated() {
            let hr = PipelineRunnerTests.texture(width: 16, height: 12, salt: UInt32(i))
            try ImageEncoder.write(hr, to: folder.appendingPathComponent("HR/\(name).png").path)
            let lr = PipelineRunnerTests.texture(width: 4, height: 3, salt: UInt32(10 + i))
            try ImageEncoder.write(lr, to: folder.appendingPathComponent("LR/\(name)x4.png").path)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func run(stem: String, glob: String = "*.png") throws -> CollectingRecordSink {
        let text = """
            version: 1
            variables: {scale: 4}
            sources:
              hr: {folder: HR, glob: "*.png"}
              lr: {folder: LR, glob: "\(glob)", stem: "\(stem)"}
            stages:
              - {id: dh, op: decode, input: hr}
              - {id: dl, op: decode, input: lr}
              - {id: write, op: shards, input: outputs}
            outputs:
              hr: {from: dh}
              lr: {from: dl}
            """
        let sink = CollectingRecordSink()
        _ = try PipelineRunner.run(try ManifestReader.parse(text, file: "p.yaml", baseDirectory: folder),
                                   options: RunOptions(jobs: 2, scratchDirectory: folder), sink: sink)
        return sink
    }

    func testProvidedLRPairsByTheStemPattern() throws {
        let sink = try run(stem: "{}x${scale}")
        XCTAssertEqual(sink.records.count, 2)
        XCTAssertEqual(sink.provenance?.inputs.map(\.name), ["hr/0001.png", "lr/0001x4.png", "hr/0002.png", "lr/0002x4.png"])
        XCTAssertEqual(sink.records[1][1], PipelineRunnerTests.texture(width: 4, height: 3, salt: 11).samples)
        XCTAssertEqual(sink.provenance?.sources, ["0001.png", "0002.png"])
    }

    func testFilesOutsideThePatternAndBadPatternsAreRefused() throws {
        XCTAssertThrowsError(try run(stem: "{}x3")) { error in
            XCTAssertEqual("\(error)", "lr/0001x4.png: its name does not have the form of source 'lr''s stem pattern \"{}x3\"; give the source a glob that lists only such files, or fix the pattern.")
        }
        XCTAssertThrowsError(try run(stem: "x4")) { error in
            XCTAssertTrue("\(error)".contains("source 'lr' stem \"x4\" must contain exactly one {}"), "\(error)")
        }
        // Without a pattern the stems differ, as before.
        XCTAssertThrowsError(try run(stem: "{}")) { error in
            XCTAssertTrue("\(error)".hasPrefix("source 'lr' has no file named '0001.*' to pair with source 'hr'"), "\(error)")
        }
        try ImageEncoder.write(PipelineRunnerTests.texture(width: 4, height: 3, salt: 1), to: folder.appendingPathComponent("LR/0001x4.bmp").path)
        XCTAssertThrowsError(try run(stem: "{}x4", glob: "*.{png,bmp}")) { error in
            XCTAssertEqual("\(error)", "source 'lr' has two files that pair as '0001' (lr/0001x4.bmp and lr/0001x4.png); give the source a glob that keeps one of them.")
        }
    }
}
