import Crypto
import Foundation
import SRPipeline
import SRTestSupport
import XCTest

/// The manifests in Pipelines/ on the real data in ../shared/datasets: the published T91 counts.
final class ShippedPipelineTests: XCTestCase {
    /// Counts records and hashes them in order, without keeping them.
    final class DigestSink: RecordSink {
        var fields: [ResolvedField] = []
        var count = 0
        var hasher = SHA256()
        func open(fields: [ResolvedField]) throws { self.fields = fields }
        func append(_ record: [UnsafeRawBufferPointer]) throws {
            count += 1
            for part in record { hasher.update(bufferPointer: part) }
        }
        func finish(provenance: RunProvenance) throws -> Int { 0 }
        func abort() {}
    }

    func run(_ name: String, overrides: [String: String] = [:], source: String, folder: String) throws -> (DigestSink, RunSummary) {
        let data = try SharedData.require(SharedData.datasets.appendingPathComponent(folder))
        let path = SharedData.repositoryRoot.appendingPathComponent("Pipelines/\(name)").path
        let manifest = try ManifestReader.load(path: path, overrides: overrides, sourceFolders: [source: data.path])
        let sink = DigestSink()
        let summary = try PipelineRunner.run(manifest, options: RunOptions(jobs: 2, scratchDirectory: FileManager.default.temporaryDirectory), sink: sink)
        return (sink, summary)
    }

    func testT91SeedRecipeCounts() throws {
        let (sink, summary) = try run("t91.yaml", source: "images", folder: "T91")
        XCTAssertEqual(summary.images, 91)
        XCTAssertEqual(sink.count, 22_227)
        XCTAssertEqual(sink.fields.map(\.shape), [[32, 32, 3], [32, 32, 3]])
    }

    func testT91WithRot90AndSmallLR() throws {
        let (sink, _) = try run("t91.yaml", overrides: ["augment": "rot90", "lr_up": "false"], source: "images", folder: "T91")
        XCTAssertEqual(sink.count, 88_908)
        XCTAssertEqual(sink.fields.map(\.shape), [[32, 32, 3], [8, 8, 3]])
    }

    func testSRCNNRecipeCount() throws {
        let (sink, _) = try run("srcnn-t91-x3.yaml", source: "images", folder: "T91")
        XCTAssertEqual(sink.count, 21_884)
        XCTAssertEqual(sink.fields.map(\.shape), [[1, 33, 33], [1, 33, 33]])
        XCTAssertEqual(sink.fields.map(\.dtype), [.float32, .float32])
    }

    func testDIV2KRecipesOnUrban100() throws {
        let (sub, subSummary) = try run("div2k-subimages.yaml", source: "hr", folder: "Urban100_first10")
        XCTAssertEqual(sub.fields.map(\.shape), [[480, 480, 3], [120, 120, 3]])
        XCTAssertEqual(subSummary.imagesWithoutRecords, 0)
        XCTAssertGreaterThan(sub.count, 10)
        let (crop, _) = try run("div2k-center-crop.yaml", source: "hr", folder: "Urban100_first10")
        XCTAssertEqual(crop.fields.map(\.shape), [[3, 224, 224], [3, 224, 224]])
        let (pairs, _) = try run("pairs-32-128.yaml", source: "images", folder: "T91")
        XCTAssertEqual(pairs.fields.map(\.shape), [[128, 128, 3], [32, 32, 3]])
        XCTAssertEqual(pairs.count % 4, 0)
    }
}
