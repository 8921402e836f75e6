import Foundation
import SRImage
import SRTestSupport
import XCTest
@testable import SRBench

/// Reports of several models, made up so each format's marking can be checked by eye.
enum ComparisonFixtures {
    /// A model's report with one cell per (dataset, scale, psnr, ssim) and two images each.
    static func model(_ name: String, _ cells: [(String, Int, Double, Double)], timing: ModelTiming = .perImage) -> ScoreReport {
        ScoreReport(
            tool: "SRKit test", model: name, evaluation: EvaluationProtocol.srcnn.reportSettings,
            datasets: [DatasetProvenance(name: "set5", layout: "shared", root: "/d", sha256: ["a": "00", "b": "01"])],
            cells: cells.map { d, s, p, q in
                ScoreCell(dataset: d, scale: s, psnr: MetricValue(p), ssim: MetricValue(q), secondsPerImage: 0.5,
                          images: [ImageScore(name: "a", psnr: MetricValue(p + 1), ssim: MetricValue(q), seconds: 0.25),
                                   ImageScore(name: "b", psnr: MetricValue(p - 1), ssim: MetricValue(q), seconds: 0.75)])
            },
            timing: timing, lr: .generate)
    }

    static var comparison: ComparisonReport {
        ComparisonReport(tool: "SRKit test", evaluation: EvaluationProtocol.srcnn.reportSettings, lr: .generate, models: [
            model("bicubic", [("set5", 2, 33.66, 0.9299), ("set5", 4, 28.42, 0.8104)]),
            model("srcnn", [("set5", 2, 36.66, 0.9542), ("set5", 4, 30.48, 0.8628)]),
            // Ties srcnn's PSNR at x2 as printed (36.664 -> 36.66) and beats its SSIM at x4.
            model("dir:other", [("set5", 2, 36.664, 0.9500), ("set5", 4, 30.01, 0.8700)], timing: .notMeasured),
        ])
    }
}

/// Several models in one report: the paper table in every format, reading and checking.
final class ComparisonFormatTests: XCTestCase {
    var comparison: ComparisonReport { ComparisonFixtures.comparison }
    func model(_ name: String, _ cells: [(String, Int, Double, Double)]) -> ScoreReport { ComparisonFixtures.model(name, cells) }

    func testTableHasOneColumnPerModelAndMarksTheBestOfEachRow() throws {
        XCTAssertEqual(try ReportFormat.table.render(comparison), """
            dataset (srcnn)            bicubic              srcnn          dir:other
            set5 x2           33.66  / 0.9299    36.66* / 0.9542*   36.66* / 0.9500
            set5 x4           28.42  / 0.8104    30.48* / 0.8628    30.01  / 0.8700*
            s / image                   0.5000             0.5000                n/a

            * the best PSNR and the best SSIM of each row, at the precision shown
            protocol srcnn: channel=y, degrade=matlab-bicubic, gray=use-as-y, lr_storage=float, modcrop=true, model_space=y, round_y=true, shave=scale
            s / image of dir:other: n/a, precomputed outputs

            """)
    }

    func testMarkdownBoldsTheBest() throws {
        let md = try ReportFormat.markdown.render(comparison)
        XCTAssertTrue(md.hasPrefix("""
            | dataset (srcnn) | bicubic | srcnn | dir:other |
            |---|---|---|---|
            | set5 x2 | 33.66 / 0.9299 | **36.66** / **0.9542** | **36.66** / 0.9500 |
            | set5 x4 | 28.42 / 0.8104 | **30.48** / 0.8628 | 30.01 / **0.8700** |
            | s / image | 0.5000 | 0.5000 | n/a |

            Bold: the best PSNR and the best SSIM of each row, at the precision shown.
            """), md)
    }

    func testPerImageRowsNameEachImagesBestModel() throws {
        let lines = try ReportFormat.table.render(comparison, perImage: true).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "dataset (srcnn)              bicubic                srcnn            dir:other   best PSNR")
        XCTAssertEqual(lines[1], "set5 x2             33.66  / 0.9299      36.66* / 0.9542*     36.66* / 0.9500    srcnn = dir:other")
        XCTAssertEqual(lines[4], "  set5 x2 a       34.6600  / 0.9299    37.6600  / 0.9542*   37.6640* / 0.9500    dir:other")
        XCTAssertEqual(lines.filter { $0.hasPrefix("  set5 ") }.count, 4)
    }

    func testCSVIsEveryModelsOwnRowsUnderOneHeader() throws {
        let c = comparison
        let csv = try ReportFormat.csv.render(c)
        let separate = try c.models.map { try ReportFormat.csv.render($0).split(separator: "\n").dropFirst().map(String.init) }
        XCTAssertEqual(csv, (["model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image"] + separate.joined()).joined(separator: "\n") + "\n")
        XCTAssertTrue(csv.contains("\ndir:other,srcnn,set5,4,2,30.010000,0.870000,n/a\n"), csv)
        let perImage = try ReportFormat.csv.render(c, perImage: true).split(separator: "\n")
        XCTAssertEqual(perImage.count, 1 + 3 * 2 * 2)
        XCTAssertEqual(perImage[0], "model,protocol,dataset,scale,image,images,psnr,ssim,seconds_per_image")
    }

    func testOneModelPrintsExactlyAsASingleReport() throws {
        let single = model("bicubic", [("set5", 2, 33.66, 0.9299)])
        let c = ComparisonReport(single: single)
        for format in ReportFormat.allCases {
            XCTAssertEqual(try format.render(c, perImage: true), try format.render(single, perImage: true), "\(format)")
        }
    }

    func testJSONListsTheModelsAndReadsBack() throws {
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("c.json").path
        try comparison.jsonData().write(to: URL(fileURLWithPath: path))
        let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let models = obj["models"] as! [[String: Any]]
        XCTAssertEqual(models.map { $0["model"] as? String }, ["bicubic", "srcnn", "dir:other"])
        XCTAssertEqual(models.map { $0["timing"] as? String }, ["per-image", "per-image", "not-measured"])
        XCTAssertNotNil(models[0]["datasets"])
        XCTAssertEqual(obj["lr"] as? String, "generate")
        XCTAssertEqual(try ComparisonReport.read(from: path), comparison)
    }

    func testCommittedSingleModelBaselinesReadAsOneModel() throws {
        let path = SharedData.repositoryRoot.appendingPathComponent("Manifests/baselines/bicubic-srcnn.json").path
        let c = try ComparisonReport.read(from: path)
        XCTAssertEqual(c.modelNames, ["bicubic"])
        XCTAssertEqual(c.lr, .generate)
        XCTAssertEqual(c.models[0], try ScoreReport.read(from: path))
    }

    func testInconsistentComparisonsAreRefused() throws {
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("c.json").path
        var twice = comparison
        twice.models[2].model = "srcnn"
        try twice.jsonData().write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ComparisonReport.read(from: path)) {
            XCTAssertEqual("\($0)", "\(path): not a bench report: model 'srcnn' appears twice; regenerate it with `bench score --format json --output FILE`.")
        }
        var other = comparison
        other.models[1].evaluation = EvaluationProtocol.basicsr.reportSettings
        try other.jsonData().write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ComparisonReport.read(from: path)) {
            XCTAssertEqual("\($0)", "\(path): not a bench report: model 'srcnn' was scored under other settings than the report's; regenerate it with `bench score --format json --output FILE`.")
        }
    }

    func testRowBestComparesAtThePrintedPrecision() {
        XCTAssertEqual(RowBest.indices([MetricValue(30.004), MetricValue(30.001), nil], digits: 2), [0, 1])
        XCTAssertEqual(RowBest.indices([MetricValue(30.004), MetricValue(30.001)], digits: 3), [0])
        XCTAssertEqual(RowBest.indices([MetricValue(.infinity), MetricValue(99)], digits: 2), [0])
        XCTAssertEqual(RowBest.indices([nil, MetricValue(.nan)], digits: 2), [])
    }
}

/// `bench check` on comparisons: pooled baselines, per-model findings.
final class ComparisonCheckTests: XCTestCase {

    func testModelsAreComparedWithTheirNamesakesInPooledBaselines() throws {
        let c = ComparisonFixtures.comparison
        let singles = c.models.map { ("\($0.model).json", ComparisonReport(single: $0)) }
        XCTAssertEqual(try ComparisonCheck().compare(c, baselines: singles), [])
        XCTAssertEqual(try ComparisonCheck().compare(c, baselines: [("all.json", c)]), [])

        var moved = c
        moved.models[1].cells[1].psnr = MetricValue(30.40)
        let findings = try ComparisonCheck().compare(moved, baselines: Array(singles.prefix(2)))
        XCTAssertEqual(findings.map(\.description), [
            "srcnn set5 x4 psnr: regressed from 30.4800 to 30.4000 (-0.0800, tolerance 0.005)",
            "dir:other: not in the baseline",
        ])
        let missing = try ComparisonCheck().compare(ComparisonReport(single: c.models[0]), baselines: [("all.json", c)])
        XCTAssertEqual(missing.map(\.description), ["srcnn: missing from the report", "dir:other: missing from the report"])
    }

    func testOneModelAgainstOneBaselineIsTheClassicCheck() throws {
        let c = ComparisonFixtures.comparison
        let findings = try ComparisonCheck().compare(ComparisonReport(single: c.models[0]),
                                                     baselines: [("b.json", ComparisonReport(single: c.models[1]))])
        XCTAssertEqual(findings.first?.cell, "model")
        XCTAssertEqual(findings.first?.description, "model: report is bicubic, baseline is srcnn")
    }

    func testAChangedLRSourceIsAFindingAndTwoBaselinesOfOneModelAreRefused() throws {
        let c = ComparisonFixtures.comparison
        var provided = c.models[0]
        provided.lr = .provided
        let f = try ComparisonCheck().compare(ComparisonReport(single: provided), baselines: [("b.json", ComparisonReport(single: c.models[0]))])
        XCTAssertEqual(f.map(\.description), ["lr: report used provided LR, baseline generate"])
        XCTAssertThrowsError(try ComparisonCheck().compare(c, baselines: [("a.json", c), ("b.json", ComparisonReport(single: c.models[1]))])) {
            XCTAssertEqual("\($0)", "Model 'srcnn' is in more than one baseline (a.json, b.json); pass each model's baseline once.")
        }
    }
}

/// The orchestration: each model through ScoreRunner, names and folders checked first.
final class ComparisonRunnerTests: XCTestCase {
    var root: URL!
    var catalog: DatasetCatalog!

    override func setUpWithError() throws {
        root = try CommandRunner.makeTemporaryDirectory()
        catalog = try DatasetCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets"))
        try SyntheticSet5.write(to: root)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func request(_ models: [any ModelPlugin], labels: [String] = [], save: String? = nil) -> ComparisonRequest {
        ComparisonRequest(models: models, labels: labels, datasets: ["set5"], scales: [2, 3], dataRoot: root.path,
                          evaluation: .basicsr, saveImagesDirectory: save)
    }

    func testEveryCellEqualsASeparateRun() throws {
        let models: [any ModelPlugin] = [InterpolationPlugin(method: .bicubic), InterpolationPlugin(method: .lanczos)]
        let images = root.appendingPathComponent("sr").path
        let c = try ComparisonRunner(runner: ScoreRunner(catalog: catalog)).run(request(models, save: images))
        XCTAssertEqual(c.modelNames, ["bicubic", "lanczos"])
        for (i, m) in models.enumerated() {
            var alone = try ScoreRunner(catalog: catalog).run(ScoreRequest(model: m, datasets: ["set5"], scales: [2, 3],
                                                                           dataRoot: root.path, evaluation: .basicsr))
            var together = c.models[i]
            XCTAssertEqual(together.lr, .generate)
            // Everything but the clock agrees.
            for r in [0, 1] {
                alone.cells[r].secondsPerImage = 0; together.cells[r].secondsPerImage = 0
                for k in alone.cells[r].images.indices { alone.cells[r].images[k].seconds = 0; together.cells[r].images[k].seconds = 0 }
            }
            together.lr = nil
            XCTAssertEqual(together, alone)
        }
        // One folder per model, in ScoreRunner's layout beneath it.
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(images)/lanczos/set5/x3/woman.png"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(images)/bicubic/set5/x2/baby.png"))
    }

    func testOneModelKeepsTheSaveImagesLayout() throws {
        let images = root.appendingPathComponent("sr").path
        _ = try ComparisonRunner(runner: ScoreRunner(catalog: catalog)).run(request([InterpolationPlugin(method: .nearest)], save: images))
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(images)/set5/x2/baby.png"))
    }

    func testLabelsRenameColumnsAndKeepThePluginName() throws {
        let c = try ComparisonRunner(runner: ScoreRunner(catalog: catalog)).run(
            request([InterpolationPlugin(method: .bicubic), InterpolationPlugin(method: .bicubic)], labels: ["A", "B"]))
        XCTAssertEqual(c.modelNames, ["A", "B"])
        XCTAssertEqual(c.models[1].modelDetails?["plugin"], "bicubic")
        XCTAssertEqual(c.models[0].cells.map(\.psnr), c.models[1].cells.map(\.psnr))
        XCTAssertEqual(c.models[0].cells.flatMap(\.images).map(\.ssim), c.models[1].cells.flatMap(\.images).map(\.ssim))
    }

    func testClashingNamesFoldersAndLabelCountsAreRefusedBeforeAnyModelRuns() {
        let runner = ComparisonRunner(runner: ScoreRunner(catalog: catalog))
        let bicubic = InterpolationPlugin(method: .bicubic)
        XCTAssertThrowsError(try runner.run(request([bicubic, TooNarrowPlugin(), bicubic]))) {
            XCTAssertEqual("\($0)", "Models 'bicubic' and 'bicubic' are both named 'bicubic'; give each --model a --label (in the same order) so the columns can be told apart.")
        }
        XCTAssertThrowsError(try runner.run(request([bicubic, TooNarrowPlugin()], labels: ["a:b", "a/b"], save: "/out"))) {
            XCTAssertEqual("\($0)", "Models 'bicubic' and 'too-narrow' would save images in the same folder /out/a_b; give each --model a --label (in the same order) so the columns can be told apart.")
        }
        XCTAssertThrowsError(try runner.run(request([bicubic, TooNarrowPlugin()], labels: ["only one"]))) {
            XCTAssertEqual("\($0)", "1 --label value(s) for 2 --model value(s); give one --label per --model, in the same order, or none.")
        }
    }

    func testModelFolderNamesArePortable() {
        XCTAssertEqual(ModelFolder.name(for: "srcnn-9-5-5:x3.mat"), "srcnn-9-5-5_x3.mat")
        XCTAssertEqual(ModelFolder.name(for: "exec:python3 m.py {input_dir} {output_dir}"), "exec_python3_m.py_input_dir_output_dir")
        XCTAssertEqual(ModelFolder.name(for: "dir:../results/EDSR/"), "dir_results_EDSR")
        XCTAssertEqual(ModelFolder.name(for: "::"), "model")
        XCTAssertEqual(ModelFolder.name(for: String(repeating: "a", count: 200)).count, 80)
    }
}

/// Rebuilding the protocol from a report, which `bench report` and `bench figure` rely on.
final class ReportedProtocolTests: XCTestCase {
    func testEveryPresetAndOverrideRoundTrips() throws {
        var custom = EvaluationProtocol.srcnn
        custom.shave = 0
        custom.roundY = false
        custom.degradeKernel = "pillow-bicubic"
        for p in [EvaluationProtocol.srcnn, .basicsr, custom] {
            XCTAssertEqual(try EvaluationProtocol(reported: p.reportSettings, path: "r.json"), p)
        }
    }

    func testAnUnreadableSettingIsABadReport() {
        var s = EvaluationProtocol.srcnn.reportSettings
        s.settings["shave"] = "lots"
        XCTAssertThrowsError(try EvaluationProtocol(reported: s, path: "r.json")) {
            XCTAssertEqual("\($0)", "r.json: not a bench report: protocol setting 'shave' is missing or unreadable (lots); regenerate it with `bench score --format json --output FILE`.")
        }
        s = EvaluationProtocol.srcnn.reportSettings
        s.name = "mine"
        XCTAssertThrowsError(try EvaluationProtocol(reported: s, path: "r.json")) {
            XCTAssertEqual("\($0)", "r.json: not a bench report: unknown protocol 'mine'; regenerate it with `bench score --format json --output FILE`.")
        }
    }
}
