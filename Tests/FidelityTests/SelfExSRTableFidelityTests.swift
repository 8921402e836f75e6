import Foundation
import SRTestSupport
import XCTest
@testable import SRBench

/// SelfExSR's published Bicubic column (github.com/jbhuang0604/SelfExSR, README "Quantitative
/// comparisons"), reproduced from SelfExSR's own data tree: `--model bicubic-uint8 --lr provided
/// --protocol selfexsr --data-root ../shared/datasets/SelfExSR`, through the runner `bench score` uses.
final class SelfExSRTableFidelityTests: XCTestCase {
    /// dataset -> scale -> (PSNR, SSIM) as printed in SelfExSR's README.
    static let published: [String: [Int: (String, String)]] = [
        "set5": [2: ("33.64", "0.9292"), 3: ("30.39", "0.8678"), 4: ("28.42", "0.8101")],
        "set14": [2: ("30.22", "0.8683"), 3: ("27.53", "0.7737"), 4: ("25.99", "0.7023")],
        "bsd100": [4: ("25.96", "0.6672")],
    ]

    func runner() throws -> ScoreRunner {
        ScoreRunner(catalog: try DatasetCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets")))
    }

    func score(_ model: any ModelPlugin, _ datasets: [String], scales: [Int], root: URL, lr: LRSource = .provided,
               save: String? = nil) throws -> ScoreReport {
        try runner().run(ScoreRequest(model: model, datasets: datasets, scales: scales, dataRoot: root.path,
                                      evaluation: .selfexsr, lrSource: lr, saveImagesDirectory: save, saveNaming: "selfexsr"))
    }

    func testBicubicColumnIsPrintedExactlyAsPublished() throws {
        let root = try SharedData.require(SharedData.datasets.appendingPathComponent("SelfExSR"))
        let report = try score(InterpolationPlugin(method: .bicubicUInt8), ["set5", "set14"], scales: [2, 3, 4], root: root)
        let bsd = try score(InterpolationPlugin(method: .bicubicUInt8), ["bsd100"], scales: [4], root: root)
        let cells = report.cells + bsd.cells
        XCTAssertEqual(cells.count, 7)
        for cell in cells {
            let (psnr, ssim) = Self.published[cell.dataset]![cell.scale]!
            // The table's digits, as `bench score` prints them.
            XCTAssertEqual(cell.psnr.formatted(2), psnr, "\(cell.dataset) x\(cell.scale) PSNR \(cell.psnr.value)")
            XCTAssertEqual(cell.ssim.formatted(4), ssim, "\(cell.dataset) x\(cell.scale) SSIM \(cell.ssim.value)")
        }
        XCTAssertEqual(Set(report.datasets.map(\.layout) + bsd.datasets.map(\.layout)), ["selfexsr"])
        XCTAssertTrue(try ReportFormat.table.render(bsd).contains("bsd100                     25.96 / 0.6672"))
    }

    func testSavedSelfExSRNamedImagesScoreIdenticallyThroughDirFromEitherDataRoot() throws {
        let selfexsr = try SharedData.require(SharedData.datasets.appendingPathComponent("SelfExSR"))
        let plain = try SharedData.require(SharedData.datasets)
        let work = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let saved = work.appendingPathComponent("results").path
        let first = try score(InterpolationPlugin(method: .bicubicUInt8), ["set5", "set14", "bsd100"], scales: [4], root: selfexsr, save: saved)
        XCTAssertTrue(FileManager.default.fileExists(atPath: saved + "/Set14/image_SRF_4/img_010_SRF_4_bicubic-uint8.png"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: saved + "/BSD100/image_SRF_4/img_100_SRF_4_bicubic-uint8.png"))
        // The plain root's HR are the originals (BSD100: SelfExSR's x3 crop), modcropped to 4 by
        // the protocol: the same pixels as SelfExSR's x4 HR, and the aliases find img_NNN.
        for (root, spec) in [(selfexsr, saved), (plain, saved + "#BICUBIC-UINT8")] {
            let again = try score(try DirectoryPlugin(path: spec), ["set5", "set14", "bsd100"], scales: [4], root: root, lr: .generate)
            XCTAssertEqual(Self.scores(again), Self.scores(first), "\(spec) with data root \(root.path)")
        }
    }

    /// Name, PSNR and SSIM of every image of every cell, exactly.
    static func scores(_ r: ScoreReport) -> [[String]] {
        r.cells.map { $0.images.map { "\($0.name) \($0.psnr.value) \($0.ssim.value)" } }
    }
}
