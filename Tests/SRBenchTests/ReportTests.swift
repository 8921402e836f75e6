import Foundation
import XCTest
@testable import SRBench

final class ReportTests: XCTestCase {
    func report(psnr: Double = 30.5, ssim: Double = 0.9, model: String = "bicubic") -> ScoreReport {
        let images = [ImageScore(name: "a", psnr: MetricValue(psnr), ssim: MetricValue(ssim), seconds: 0.5)]
        return ScoreReport(
            tool: "SRKit test", model: model, evaluation: EvaluationProtocol.srcnn.reportSettings,
            datasets: [DatasetProvenance(name: "set5", layout: "shared", root: "/d", sha256: ["a": "00"])],
            cells: [ScoreCell(dataset: "set5", scale: 2, psnr: MetricValue(psnr), ssim: MetricValue(ssim), secondsPerImage: 0.5, images: images)])
    }

    func testCSVHasTheContractedHeaderAndOneRowPerCell() throws {
        let csv = try ReportFormat.csv.render(report())
        XCTAssertEqual(csv, """
            model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image
            bicubic,srcnn,set5,2,1,30.500000,0.900000,0.500000

            """)
        let perImage = try ReportFormat.csv.render(report(), perImage: true)
        XCTAssertTrue(perImage.hasPrefix("model,protocol,dataset,scale,image,images,psnr,ssim,seconds_per_image\nbicubic,srcnn,set5,2,a,1,"), perImage)
    }

    func testInfinitePSNRIsWrittenAsTheStringInfAndReadBack() throws {
        let r = report(psnr: .infinity, ssim: 1)
        let json = String(decoding: try r.jsonData(), as: UTF8.self)
        XCTAssertTrue(json.contains("\"psnr\" : \"inf\""), json)
        XCTAssertFalse(json.lowercased().contains("nan"))
        let back = try JSONDecoder().decode(ScoreReport.self, from: try r.jsonData())
        XCTAssertEqual(back, r)
        XCTAssertEqual(back.cells[0].psnr.value, .infinity)
    }

    func testJSONRecordsProtocolOverridesAndProvenance() throws {
        var p = EvaluationProtocol.srcnn
        p.shave = 0
        p.degradeKernel = "pillow-bicubic"
        XCTAssertEqual(p.overrides, ["degrade=pillow-bicubic", "shave=0"])
        var r = report()
        r.evaluation = p.reportSettings
        let obj = try JSONSerialization.jsonObject(with: try r.jsonData()) as! [String: Any]
        let evaluation = obj["evaluation"] as! [String: Any]
        XCTAssertEqual(evaluation["name"] as? String, "srcnn")
        XCTAssertEqual(evaluation["overrides"] as? [String], ["degrade=pillow-bicubic", "shave=0"])
        XCTAssertEqual((obj["datasets"] as! [[String: Any]])[0]["sha256"] as? [String: String], ["a": "00"])
        XCTAssertEqual(obj["tool"] as? String, "SRKit test")
    }

    func testTableIsPaperStyle() throws {
        let table = try ReportFormat.table.render(report())
        XCTAssertTrue(table.contains("30.50 / 0.9000"), table)
        XCTAssertTrue(table.contains("protocol srcnn: "), table)
        let md = try ReportFormat.markdown.render(report())
        XCTAssertTrue(md.hasPrefix("| bicubic (srcnn) | x2 PSNR / SSIM |\n|---|---|\n| set5 | 30.50 / 0.9000 |"), md)
    }

    func testBaselineCheckNamesEveryMovedCellIncludingImprovements() {
        let check = BaselineCheck()
        XCTAssertEqual(check.compare(report(), baseline: report()), [])
        XCTAssertEqual(check.compare(report(psnr: 30.504), baseline: report()), [], "within 0.005 dB")
        let better = check.compare(report(psnr: 30.6, ssim: 0.9), baseline: report())
        XCTAssertEqual(better.map(\.description), ["set5 x2 psnr: improved from 30.5000 to 30.6000 (+0.1000, tolerance 0.005)"])
        let worse = check.compare(report(psnr: 30.5, ssim: 0.899), baseline: report())
        XCTAssertEqual(worse.map(\.description), ["set5 x2 ssim: regressed from 0.900000 to 0.899000 (-0.001000, tolerance 0.0005)"])
        XCTAssertEqual(check.compare(report(model: "nearest"), baseline: report()).map(\.cell), ["model"])
    }
}
