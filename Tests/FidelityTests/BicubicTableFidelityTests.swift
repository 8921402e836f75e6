import SRBench
import SRTestSupport
import XCTest

/// Reproduces the published "Bicubic" rows under `--protocol srcnn`, through the same runner
/// `bench score` uses (values from ../shared/reference/README.md).
final class BicubicTableFidelityTests: XCTestCase {
    func runner() throws -> ScoreRunner {
        ScoreRunner(catalog: try DatasetCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets")))
    }

    func score(_ datasets: [String], scales: [Int], protocol p: EvaluationProtocol = .srcnn) throws -> ScoreReport {
        let root = try SharedData.require(SharedData.datasets)
        let request = ScoreRequest(model: InterpolationPlugin(method: .bicubic), datasets: datasets, scales: scales,
                                   dataRoot: root.path, evaluation: p)
        return try runner().run(request)
    }

    func testSet5PerImageValuesMatchThePublishedOnes() throws {
        let expected: [Int: [(String, Double, Double)]] = [
            2: [("baby", 37.0660, 0.9520), ("bird", 36.8058, 0.9721), ("butterfly", 27.4332, 0.9154), ("head", 34.8580, 0.8623), ("woman", 32.1440, 0.9476)],
            3: [("baby", 33.9101, 0.9039), ("bird", 32.5723, 0.9256), ("butterfly", 24.0364, 0.8216), ("head", 32.8793, 0.8003), ("woman", 28.5628, 0.8896)],
            4: [("baby", 31.7764, 0.8567), ("bird", 30.1773, 0.8729), ("butterfly", 22.0975, 0.7369), ("head", 31.5899, 0.7536), ("woman", 26.4623, 0.8318)],
        ]
        let report = try score(["set5"], scales: [2, 3, 4])
        for cell in report.cells {
            for (image, (name, psnr, ssim)) in zip(cell.images, expected[cell.scale]!) {
                XCTAssertEqual(image.name, name)
                XCTAssertEqual(image.psnr.value, psnr, accuracy: 0.01, "\(name) x\(cell.scale) PSNR")
                XCTAssertEqual(image.ssim.value, ssim, accuracy: 0.0005, "\(name) x\(cell.scale) SSIM")
            }
        }
    }

    func testFullBicubicTableMatchesThePublishedRows() throws {
        let expected: [String: [Int: (Double, Double)]] = [
            "set5": [2: (33.66, 0.9299), 3: (30.39, 0.8682), 4: (28.42, 0.8104)],
            "set14": [2: (30.23, 0.8687), 3: (27.54, 0.7736), 4: (26.00, 0.7019)],
            "bsd100": [2: (29.56, 0.8431), 3: (27.21, 0.7385), 4: (25.96, 0.6675)],
        ]
        let report = try score(["set5", "set14", "bsd100"], scales: [2, 3, 4])
        XCTAssertEqual(report.cells.count, 9)
        for cell in report.cells {
            let (psnr, ssim) = expected[cell.dataset]![cell.scale]!
            // Published values carry 2 and 4 decimals: agree to within their rounding.
            XCTAssertEqual(cell.psnr.value, psnr, accuracy: 0.005 + 1e-9, "\(cell.dataset) x\(cell.scale) PSNR")
            XCTAssertEqual(cell.ssim.value, ssim, accuracy: 0.0005, "\(cell.dataset) x\(cell.scale) SSIM")
        }
        XCTAssertEqual(report.datasets.map(\.layout), ["shared", "shared", "shared"])
        XCTAssertEqual(report.datasets[1].sha256.count, 14)
    }

    func testBasicSRProtocolGivesTheModernSet5X4Value() throws {
        // ../shared/reference/README.md: Set5 x4 bicubic 28.43 / 0.8113 with LR and SR stored as uint8.
        let report = try score(["set5"], scales: [4], protocol: .basicsr)
        XCTAssertEqual(report.cells[0].psnr.value, 28.43, accuracy: 0.005 + 1e-9)
        XCTAssertEqual(report.cells[0].ssim.value, 0.8113, accuracy: 0.0005)
    }
}
