import Foundation
@testable import SRBench
import SRPartition
import SRTestSupport
import XCTest

/// The (dataset, image) assignment of `bench score --partition`: every image in exactly one part,
/// catalogue order kept, work balanced by HR pixels; and the merge's refusal of a part that scored
/// images that are not its share (no datasets needed: synthetic scores).
final class BenchPartitionTests: XCTestCase {
    var catalog: DatasetCatalog!

    override func setUpWithError() throws {
        catalog = try DatasetCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets"))
    }

    func partitions(_ n: Int) throws -> [BenchPartition] {
        try (0..<n).map { try BenchPartition.make(catalog: catalog, datasets: ["set5", "Set14", "bsd100"], spec: PartitionSpec(index: $0, count: n)) }
    }

    func testEveryImageInExactlyOnePartInCatalogueOrder() throws {
        for n in [1, 3, 7, 200] {
            let parts = try partitions(n)
            XCTAssertEqual(parts.map(\.imageCount).reduce(0, +), 119, "N=\(n)")
            for name in ["set5", "set14", "bsd100"] {
                let full = try catalog.dataset(name).images.map(\.name)
                var seen: [String] = []
                for part in parts { seen += part.restrict(catalog).datasets[name]!.images.map(\.name).filter { part.mine[name]?.contains($0) == true } }
                XCTAssertEqual(Set(seen), Set(full), "N=\(n) \(name)")
                XCTAssertEqual(seen.count, full.count, "no image twice")
                for part in parts where part.mine[name] != nil {
                    let kept = part.restrict(catalog).datasets[name]!.images.map(\.name)
                    XCTAssertEqual(kept, full.filter { part.mine[name]!.contains($0) }, "catalogue order kept")
                }
            }
            XCTAssertEqual(parts[0].images.map(\.dataset), ["set5", "set14", "bsd100"])
        }
        // 200 parts for 119 images: 81 parts score nothing and run no dataset at all.
        XCTAssertEqual(try partitions(200).filter { $0.datasets.isEmpty }.count, 81)
    }

    func testWorkIsBalancedByPixelsNotCount() throws {
        let parts = try partitions(4)
        let loads = parts.map { part in
            part.images.reduce(UInt64(0)) { sum, list in
                sum + zip(list.names, list.weights).filter { part.mine[list.dataset]?.contains($0.0) == true }.map(\.1).reduce(0, +)
            }
        }
        let total = loads.reduce(0, +)
        XCTAssertLessThan(Double(loads.max()!) / Double(total), 0.26, "heaviest part within 4% of a quarter: \(loads)")
        XCTAssertGreaterThan(parts[0].images[0].weights.max()!, 60_000, "weights are pixels")
    }

    func testMergeRefusesAPartThatScoredAnotherPartsImage() throws {
        let settings = ProtocolSettings(name: "basicsr", overrides: [], settings: [:])
        func report(_ p: BenchPartition, extra: String? = nil) -> BenchPart {
            let names = p.images[0].names.filter { p.mine["set5"]?.contains($0) == true } + (extra.map { [$0] } ?? [])
            let scores = names.map { ImageScore(name: $0, psnr: MetricValue(30), ssim: MetricValue(0.9), seconds: 0.1) }
            let cells = names.isEmpty ? [] : [ScoreCell(dataset: "set5", scale: 2, psnr: MetricValue(30), ssim: MetricValue(0.9), secondsPerImage: 0.1, images: scores)]
            let model = ScoreReport(tool: "SRKit x", model: "bicubic", evaluation: settings,
                                    datasets: names.isEmpty ? [] : [DatasetProvenance(name: "set5", layout: "plain", root: "r", sha256: [:])],
                                    cells: cells, lr: .generate)
            return BenchPart(partition: p, scales: [2], dataRoot: "r",
                             report: ComparisonReport(tool: "SRKit x", evaluation: settings, lr: .generate, models: [model]))
        }
        let small = try BenchPartition.make(catalog: catalog, datasets: ["set5"], spec: PartitionSpec(index: 0, count: 2))
        let other = try BenchPartition.make(catalog: catalog, datasets: ["set5"], spec: PartitionSpec(index: 1, count: 2))
        let stolen = try XCTUnwrap(other.mine["set5"]?.sorted().first)
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
        try report(small, extra: stolen).jsonData().write(to: URL(fileURLWithPath: a))
        try report(other).jsonData().write(to: URL(fileURLWithPath: b))
        XCTAssertThrowsError(try BenchMerge.merge(paths: [a, b])) { error in
            XCTAssertEqual("\(error)", "\(a): not a usable partial report: it scored set5/\(stolen), which rule lpt-v1 gives to part 1; score that part again with `bench score ... --partition K/N --format json --output FILE`.")
        }
        // A part of a command over other datasets.
        let wider = try BenchPartition.make(catalog: catalog, datasets: ["set5", "set14"], spec: PartitionSpec(index: 1, count: 2))
        let c = dir.appendingPathComponent("c.json").path
        try report(wider).jsonData().write(to: URL(fileURLWithPath: c))
        try report(small).jsonData().write(to: URL(fileURLWithPath: a))
        XCTAssertThrowsError(try BenchMerge.merge(paths: [a, c])) { error in
            XCTAssertEqual("\(error)", "\(c): not from the same bench score command as \(a): datasets set5,set14, the other set5; merge the parts of one command only (run the odd part again with the same arguments).")
        }
        // Without the stolen image the same parts merge, in catalogue order.
        try report(small).jsonData().write(to: URL(fileURLWithPath: a))
        let merged = try BenchMerge.merge(paths: [b, a])
        XCTAssertEqual(merged.models[0].cells[0].images.map(\.name), try catalog.dataset("set5").images.map(\.name))
    }
}
