import Foundation
import XCTest
import SRTestSupport
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

/// Seconds per image in every format, and what the new report fields do to old readers.
final class ReportTimingTests: XCTestCase {
    func report(timing: ModelTiming?, model: String = "bicubic") -> ScoreReport {
        let images = [ImageScore(name: "a", psnr: MetricValue(30.5), ssim: MetricValue(0.9), seconds: 0.25)]
        return ScoreReport(
            tool: "SRKit test", model: model, evaluation: EvaluationProtocol.basicsr.reportSettings,
            datasets: [DatasetProvenance(name: "set5", layout: "shared", root: "/d", sha256: ["a": "00"])],
            cells: [ScoreCell(dataset: "set5", scale: 4, psnr: MetricValue(30.5), ssim: MetricValue(0.9), secondsPerImage: 0.25, images: images)],
            timing: timing, modelDetails: timing == .perBatch ? ["command": model] : nil)
    }

    /// The value in the table's `s / image` row.
    func timeRow(_ table: String) -> String? {
        table.split(separator: "\n").first { $0.hasPrefix("s / image ") }?.split(separator: " ").last.map(String.init)
    }

    func testSecondsPerImageAppearsInEveryFormat() throws {
        let r = report(timing: .perImage)
        XCTAssertTrue(try ReportFormat.csv.render(r).hasSuffix(",0.250000\n"))
        XCTAssertEqual(timeRow(try ReportFormat.table.render(r)), "0.2500")
        XCTAssertTrue(try ReportFormat.markdown.render(r).contains("| s / image | 0.2500 |"))
        let json = String(decoding: try r.jsonData(), as: UTF8.self)
        XCTAssertTrue(json.contains("\"secondsPerImage\" : 0.25"), json)
        XCTAssertTrue(json.contains("\"timing\" : \"per-image\""), json)
    }

    func testPrecomputedOutputsSayNotApplicable() throws {
        let r = report(timing: .notMeasured, model: "dir:results")
        XCTAssertEqual(try ReportFormat.csv.render(r), "model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image\ndir:results,basicsr,set5,4,1,30.500000,0.900000,n/a\n")
        let table = try ReportFormat.table.render(r)
        XCTAssertEqual(timeRow(table), "n/a")
        XCTAssertTrue(table.hasSuffix("s / image: n/a, precomputed outputs\n"), table)
    }

    func testExecCommandIsQuotedInCSVAndRecordedInJSON() throws {
        let r = report(timing: .perBatch, model: "exec:python3 m.py {input_dir} {output_dir} --name \"a,b\"")
        let row = try ReportFormat.csv.render(r).split(separator: "\n")[1]
        XCTAssertEqual(String(row), "\"exec:python3 m.py {input_dir} {output_dir} --name \"\"a,b\"\"\",basicsr,set5,4,1,30.500000,0.900000,0.250000")
        let back = try JSONDecoder().decode(ScoreReport.self, from: try r.jsonData())
        XCTAssertEqual(back, r)
        XCTAssertEqual(back.modelDetails?["command"], r.model)
    }

    func testReportsWithoutTimingStillDecodeAndCheckIgnoresTiming() throws {
        // Committed baselines predate the timing field.
        let baseline = SharedData.repositoryRoot.appendingPathComponent("Manifests/baselines/bicubic-basicsr.json").path
        let old = try ScoreReport.read(from: baseline)
        XCTAssertNil(old.timing)
        var fresh = old
        fresh.timing = .perImage
        fresh.modelDetails = ["note": "x"]
        for i in fresh.cells.indices { fresh.cells[i].secondsPerImage *= 100 }
        XCTAssertEqual(BaselineCheck().compare(fresh, baseline: old), [])
    }
}
