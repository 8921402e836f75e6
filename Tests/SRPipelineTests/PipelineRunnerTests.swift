import Foundation
import SRImage
import SRPipeline
import XCTest

/// The executor on small synthetic images: counts, alignment, determinism across `--jobs`,
/// shuffling, bad input.
final class PipelineRunnerTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("srkit-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Three images: 40x30 and 64x48 give windows, 10x10 is smaller than a 16-pixel patch.
        for (name, w, h) in [("a", 40, 30), ("b", 64, 48), ("c", 10, 10)] {
            try ImageEncoder.write(Self.texture(width: w, height: h, salt: name.unicodeScalars.first!.value), to: folder.appendingPathComponent("\(name).png").path)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    static func texture(width: Int, height: Int, salt: UInt32) -> ByteImage {
        var samples = [UInt8]()
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<3 {
                    samples.append(UInt8(truncatingIfNeeded: (x * 7 + y * 13 + c * 50) ^ (x * y + Int(salt))))
                }
            }
        }
        return ByteImage(width: width, height: height, channels: 3, samples: samples)
    }

    func manifest(_ stages: String, outputs: String, records: String = "  - {id: write, op: shards, input: outputs}", seed: Int = 1) -> String {
        """
        version: 1
        seed: \(seed)
        sources:
          images: {folder: \(folder.path), glob: "*.png"}
        stages:
          - {id: decode, op: decode, input: images}
        \(stages)
        \(records)
        outputs:
        \(outputs)
        """
    }

    func run(_ text: String, jobs: Int = 2, skipBad: Bool = false) throws -> (CollectingRecordSink, RunSummary) {
        let m = try ManifestReader.parse(text, file: "test.yaml", baseDirectory: folder)
        let sink = CollectingRecordSink()
        let summary = try PipelineRunner.run(m, options: RunOptions(jobs: jobs, skipBad: skipBad, scratchDirectory: folder), sink: sink)
        return (sink, summary)
    }

    static let patchStages = """
          - {id: hr, op: patches, input: decode, params: {size: 16, stride: 8}}
          - {id: lr, op: degrade, input: hr, params: {scale: 4, up: false}}
        """
    static let patchOutputs = """
          hr: {from: hr}
          lr: {from: lr}
        """

    func testPatchCountsAndSmallImage() throws {
        let (sink, summary) = try run(manifest(Self.patchStages, outputs: Self.patchOutputs))
        // Windows per axis: floor((n - 16) / 8) + 1 → a: 4x2, b: 7x5, c: none.
        XCTAssertEqual(summary.records, 8 + 35)
        XCTAssertEqual(sink.records.count, 43)
        XCTAssertEqual(summary.images, 3)
        XCTAssertEqual(summary.imagesWithoutRecords, 1)
        XCTAssertEqual(sink.fields.map(\.shape), [[16, 16, 3], [4, 4, 3]])
        XCTAssertEqual(sink.provenance?.counts["imagesWithoutRecords"], 1)
        XCTAssertEqual(sink.provenance?.inputs.map(\.name), ["images/a.png", "images/b.png", "images/c.png"])
    }

    func testRecordsAreTheWindowsAndTheirDegradedCopies() throws {
        let (sink, _) = try run(manifest(Self.patchStages, outputs: Self.patchOutputs))
        let a = try ImageDecoder.decode(contentsOf: folder.appendingPathComponent("a.png").path)
        // Record 5 is a's second row of windows, second column: origin (8, 8).
        let window = try a.cropped(x: 8, y: 8, width: 16, height: 16)
        XCTAssertEqual(sink.records[5][0], window.samples)
        let low = try MatlabBicubic().resize(window, to: .scale(0.25))
        XCTAssertEqual(sink.records[5][1], low.samples)
    }

    func testJobsDoNotChangeOutput() throws {
        let text = manifest(Self.patchStages + "\n  - {id: aug, op: augment, inputs: {hr: hr, lr: lr}, params: {variants: dihedral, mode: random}}",
                            outputs: "  hr: {from: aug.hr}\n  lr: {from: aug.lr}",
                            records: "  - {id: mix, op: shuffle, input: outputs}\n  - {id: write, op: shards, input: mix}")
        let (one, _) = try run(text, jobs: 1)
        let (two, _) = try run(text, jobs: 2)
        let (four, _) = try run(text, jobs: 4)
        XCTAssertEqual(one.records, two.records)
        XCTAssertEqual(one.records, four.records)
        XCTAssertEqual(one.records.count, 43)
    }

    func testShuffleIsASeededPermutation() throws {
        let plain = try run(manifest(Self.patchStages, outputs: Self.patchOutputs)).0.records
        let shuffle = "  - {id: mix, op: shuffle, input: outputs}\n  - {id: write, op: shards, input: mix}"
        let a = try run(manifest(Self.patchStages, outputs: Self.patchOutputs, records: shuffle, seed: 1)).0.records
        let b = try run(manifest(Self.patchStages, outputs: Self.patchOutputs, records: shuffle, seed: 2)).0.records
        XCTAssertNotEqual(a, plain)
        XCTAssertNotEqual(a, b)
        let key: ([[UInt8]]) -> [UInt8] = { $0[0] + $0[1] }
        XCTAssertEqual(a.map(key).sorted { $0.lexicographicallyPrecedes($1) }, plain.map(key).sorted { $0.lexicographicallyPrecedes($1) })
    }

    func testAugmentAllExpandsAlignedVariants() throws {
        let text = manifest(Self.patchStages + "\n  - {id: aug, op: augment, inputs: {hr: hr, lr: lr}, params: {variants: rot90, mode: all}}",
                            outputs: "  hr: {from: aug.hr}\n  lr: {from: aug.lr}")
        let (sink, summary) = try run(text)
        XCTAssertEqual(summary.records, 43 * 4)
        let base = sink.records[0]
        let hr0 = ByteImage(width: 16, height: 16, channels: 3, samples: base[0])
        let lr0 = ByteImage(width: 4, height: 4, channels: 3, samples: base[1])
        for k in 1..<4 {
            XCTAssertEqual(sink.records[k][0], hr0.rotated90(k).samples, "hr variant \(k)")
            XCTAssertEqual(sink.records[k][1], lr0.rotated90(k).samples, "lr variant \(k)")
        }
    }

    func testPairedPatchesAtOneQuarter() throws {
        let stages = """
              - {id: gt, op: modcrop, input: decode, params: {scale: 4}}
              - {id: lq, op: degrade, input: gt, params: {scale: 4}}
              - {id: pairs, op: patches, inputs: {hr: gt, lr: lq}, params: {size: 16, stride: 8}}
            """
        let (sink, summary) = try run(manifest(stages, outputs: "  hr: {from: pairs.hr}\n  lr: {from: pairs.lr, layout: chw}"))
        XCTAssertEqual(summary.records, 8 + 35)
        XCTAssertEqual(sink.fields[1].shape, [3, 4, 4])
        let b = try ImageDecoder.decode(contentsOf: folder.appendingPathComponent("b.png").path)
        let lq = try MatlabBicubic().resize(try b.modcropped(4), to: .scale(0.25))
        let window = try lq.cropped(x: 2, y: 0, width: 4, height: 4)  // b's record 1 starts at x = 8
        let chw = (0..<3).flatMap { c in (0..<16).map { window.samples[$0 * 3 + c] } }
        XCTAssertEqual(sink.records[8 + 1][1], chw)
    }

    func testFloatFieldsNormalised() throws {
        let stages = """
              - {id: y, op: to-y, input: decode}
              - {id: hr, op: patches, input: y, params: {size: 16, stride: 8}}
              - {id: lr, op: degrade, input: hr, params: {scale: 2, up: true, precision: float32}}
            """
        let (sink, _) = try run(manifest(stages, outputs: "  hr: {from: hr, dtype: float32, normalize: true}\n  lr: {from: lr, dtype: float32}"))
        XCTAssertEqual(sink.fields.map(\.dtype), [.float32, .float32])
        let hr = sink.records[0][0].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertEqual(hr.count, 256)
        XCTAssertTrue(hr.allSatisfy { $0 >= 16.0 / 255 - 1e-6 && $0 <= 235.0 / 255 + 1e-6 }, "Y range")
        let lr = sink.records[0][1].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertTrue(lr.contains { $0 != $0.rounded() }, "float32 degrade keeps fractions")
    }

    func testCorruptImageStopsRunNamingTheFile() throws {
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).write(to: folder.appendingPathComponent("bad.png"))
        let text = manifest(Self.patchStages, outputs: Self.patchOutputs)
        XCTAssertThrowsError(try run(text)) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("images/bad.png: cannot use this image:"), String(describing: error))
        }
        let (sink, summary) = try run(text, skipBad: true)
        XCTAssertEqual(summary.skipped.map(\.name), ["images/bad.png"])
        XCTAssertEqual(sink.provenance?.skipped.map(\.name), ["images/bad.png"])
        XCTAssertEqual(summary.records, 43)
    }

    func testSinkAbortedOnError() throws {
        try Data("not an image".utf8).write(to: folder.appendingPathComponent("zz.png"))
        let m = try ManifestReader.parse(manifest(Self.patchStages, outputs: Self.patchOutputs), file: "t.yaml", baseDirectory: folder)
        let sink = CollectingRecordSink()
        XCTAssertThrowsError(try PipelineRunner.run(m, options: RunOptions(jobs: 2, scratchDirectory: folder), sink: sink))
        XCTAssertTrue(sink.aborted)
    }

    func testFieldShapeMismatchIsAnError() throws {
        let stages = "  - {id: y, op: to-y, input: decode}"
        XCTAssertThrowsError(try run(manifest(stages, outputs: "  y: {from: y}"))) { error in
            XCTAssertTrue(String(describing: error).contains("field 'y' has shape"), String(describing: error))
        }
    }
}
