import Foundation
import SRImage
import SRPipeline
import SRShards
import XCTest

/// Each record's provenance, as the runner hands it to the sink, says exactly where the record
/// came from: cutting the window out of the named source image and applying the variant gives
/// the record's HR bytes, through `patches`, `augment` (both modes) and `shuffle`.
final class RecordProvenancePipelineTests: XCTestCase {
    var folder: URL!
    let sizes = [("a", 40, 30), ("b", 64, 48), ("c", 10, 10)]

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("srkit-provenance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, w, h) in sizes {
            try ImageEncoder.write(PipelineRunnerTests.texture(width: w, height: h, salt: name.unicodeScalars.first!.value),
                                   to: folder.appendingPathComponent("\(name).png").path)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func run(augment: String, shuffle: Bool, patches: Bool = true) throws -> CollectingRecordSink {
        let patchStage = patches ? "  - {id: hr, op: patches, input: decode, params: {size: 16, stride: 8}}" : "  - {id: hr, op: center-crop, input: decode, params: {width: 8, height: 8}}"
        let text = """
            version: 1
            seed: 3
            sources:
              images: {folder: \(folder.path), glob: "*.png"}
            stages:
              - {id: decode, op: decode, input: images}
            \(patchStage)
              - {id: lr, op: degrade, input: hr, params: {scale: 4, up: false}}
              - {id: aug, op: augment, inputs: {hr: hr, lr: lr}, params: \(augment)}
            \(shuffle ? "  - {id: mix, op: shuffle, input: outputs}\n  - {id: write, op: shards, input: mix}" : "  - {id: write, op: shards, input: outputs}")
            outputs:
              hr: {from: aug.hr}
              lr: {from: aug.lr}
            """
        let m = try ManifestReader.parse(text, file: "p.yaml", baseDirectory: folder)
        let sink = CollectingRecordSink()
        _ = try PipelineRunner.run(m, options: RunOptions(jobs: 2, scratchDirectory: folder), sink: sink)
        return sink
    }

    /// The source image named by `p`, cut and transformed as `p` says.
    func expected(_ p: RecordProvenance, sources: [String]) throws -> ByteImage {
        let image = try ImageDecoder.decode(contentsOf: folder.appendingPathComponent(sources[p.input]).path)
        let window = try image.cropped(x: p.x, y: p.y, width: p.width, height: p.height)
        let rotated = window.rotated90(p.variant % 4)
        return p.variant >= 4 ? rotated.flippedHorizontally() : rotated
    }

    func check(_ sink: CollectingRecordSink, file: StaticString = #filePath, line: UInt = #line) throws {
        let sources = try XCTUnwrap(sink.provenance?.sources)
        XCTAssertEqual(sources, ["a.png", "b.png", "c.png"], file: file, line: line)
        XCTAssertEqual(sink.provenances.count, sink.records.count, file: file, line: line)
        for (record, p) in zip(sink.records, sink.provenances) {
            XCTAssertEqual(record[0], try expected(p, sources: sources).samples, "\(p)", file: file, line: line)
        }
    }

    func testEveryRecordIsItsWindowUnderItsVariant() throws {
        let all = try run(augment: "{variants: rot90, mode: all}", shuffle: false)
        try check(all)
        // a (40x30): 4x2 windows, b (64x48): 7x5, each in 4 variants, in input, window, variant order.
        XCTAssertEqual(all.records.count, (8 + 35) * 4)
        let first = all.provenances.prefix(8)
        XCTAssertEqual(first.map(\.variant), [0, 1, 2, 3, 0, 1, 2, 3])
        XCTAssertEqual(first.map(\.window), [1, 1, 1, 1, 2, 2, 2, 2])
        XCTAssertEqual(all.provenances[4 * 4].x, 0, "window 5 of a starts the second row")
        XCTAssertEqual(all.provenances[4 * 4].y, 8)
        XCTAssertEqual(Set(all.provenances.map(\.input)), [0, 1])

        let random = try run(augment: "{variants: dihedral, mode: random}", shuffle: true)
        try check(random)
        XCTAssertGreaterThan(Set(random.provenances.map(\.variant)).count, 4, "random variants drawn")
        XCTAssertNotEqual(random.provenances.map(\.input), random.provenances.map(\.input).sorted(), "shuffled")
        XCTAssertEqual(Set(random.provenances.map { [$0.input, $0.window] }).count, 8 + 35, "every window once")
    }

    func testWithoutPatchesARecordIsTheWholeDecodedImage() throws {
        let sink = try run(augment: "{variants: none, mode: all}", shuffle: false, patches: false)
        XCTAssertEqual(sink.provenances, [
            RecordProvenance(input: 0, window: 0, x: 0, y: 0, width: 40, height: 30, variant: 0),
            RecordProvenance(input: 1, window: 0, x: 0, y: 0, width: 64, height: 48, variant: 0),
            RecordProvenance(input: 2, window: 0, x: 0, y: 0, width: 10, height: 10, variant: 0),
        ])
        XCTAssertEqual(sink.provenances[0].basicSRName(source: "a.png"), "a")
    }

    func testTwoAugmentStagesComposeIntoOneVariant() throws {
        let text = """
            version: 1
            seed: 9
            sources:
              images: {folder: \(folder.path), glob: "*.png"}
            stages:
              - {id: decode, op: decode, input: images}
              - {id: hr, op: patches, input: decode, params: {size: 16, stride: 8}}
              - {id: one, op: augment, input: hr, params: {variants: rot90, mode: all}}
              - {id: two, op: augment, input: one, params: {variants: dihedral, mode: random}}
              - {id: write, op: shards, input: outputs}
            outputs:
              hr: {from: two}
            """
        let sink = CollectingRecordSink()
        _ = try PipelineRunner.run(try ManifestReader.parse(text, file: "p.yaml", baseDirectory: folder),
                                   options: RunOptions(jobs: 2, scratchDirectory: folder), sink: sink)
        XCTAssertEqual(sink.records.count, (8 + 35) * 4)
        try check(sink)
        XCTAssertEqual(Set(sink.provenances.map(\.variant)).count, 8, "compositions reach all eight variants")
    }

    static func variant(_ image: ByteImage, _ v: Int) -> ByteImage {
        let r = image.rotated90(v % 4)
        return v >= 4 ? r.flippedHorizontally() : r
    }
}
