import Foundation
import SRBench
import SRTestSupport
import XCTest

/// Runs the built `bench score`, `bench check` and `bench datasets verify` on the shared Set5.
final class BenchScoreCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func bench(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("bench", arguments + ["--catalog", SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets").path])
    }

    func testCSVIsTheScriptContract() throws {
        let root = try SharedData.require(SharedData.datasets)
        let r = try bench(["score", "--model", "bicubic", "--datasets", "set5", "--scales", "4", "--protocol", "basicsr",
                           "--data-root", root.path, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0], "model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image")
        XCTAssertTrue(lines[1].hasPrefix("bicubic,basicsr,set5,4,5,28.43"), lines[1])
        XCTAssertEqual(r.stderr, "", "no progress bar when stderr is not a terminal")
    }

    /// A second run with the same `--output` replaces the report (it used to fail on Linux,
    /// where Foundation's replaceItemAt refuses an existing destination).
    func testOutputReplacesAnExistingReport() throws {
        let root = try SharedData.require(SharedData.datasets)
        let report = dir.appendingPathComponent("r.csv").path
        try "stale\n".write(toFile: report, atomically: false, encoding: .utf8)
        let r = try bench(["score", "--model", "nearest", "--datasets", "set5", "--scales", "2", "--protocol", "srcnn",
                           "--data-root", root.path, "--format", "csv", "--output", report])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("model,protocol,dataset,scale,"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["r.csv"])
    }

    func testJSONReportPassesItsOwnBaselineAndFailsAMovedOne() throws {
        let root = try SharedData.require(SharedData.datasets)
        let report = dir.appendingPathComponent("r.json").path
        let r = try bench(["score", "--model", "nearest", "--datasets", "set5", "--scales", "2", "--protocol", "srcnn",
                           "--shave", "0", "--data-root", root.path, "--format", "json", "--output", report])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        let parsed = try ScoreReport.read(from: report)
        XCTAssertEqual(parsed.evaluation.overrides, ["shave=0"])
        XCTAssertEqual(parsed.datasets[0].sha256.count, 5)

        XCTAssertEqual(try CommandRunner.run("bench", ["check", report, "--baseline", report]).status, 0)
        var moved = parsed
        moved.cells[0].psnr = MetricValue(parsed.cells[0].psnr.value + 0.01)
        let baseline = dir.appendingPathComponent("b.json").path
        try moved.jsonData().write(to: URL(fileURLWithPath: baseline))
        let check = try CommandRunner.run("bench", ["check", report, "--baseline", baseline])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("set5 x2 psnr: regressed from"), check.stdout)
    }

    func testMissingDatasetFolderSaysWhereItLooked() throws {
        let r = try bench(["score", "--model", "bicubic", "--datasets", "set14", "--scales", "2", "--data-root", dir.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("Dataset Set14 not found under \(dir.path); looked for \(dir.path)/Set14/original"), r.stderr)
    }

    func testDatasetsVerifyReportsVariantsAndFailsOnIncompleteSets() throws {
        let root = try SharedData.require(SharedData.datasets)
        let ok = try bench(["datasets", "verify", "--data-root", root.path, "--datasets", "set5,bsd100"])
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        XCTAssertTrue(ok.stdout.contains("Set5 (5 images): 5/5 found, layout shared"), ok.stdout)
        XCTAssertTrue(ok.stdout.contains("variants: selfexsr-x3 100"), ok.stdout)
        let partial = try bench(["datasets", "verify", "--data-root", root.path, "--datasets", "urban100"])
        XCTAssertEqual(partial.status, 1)
        XCTAssertTrue(partial.stdout.contains("Urban100 (100 images): 10/100 found"), partial.stdout)
        XCTAssertTrue(partial.stdout.contains("missing: 90"), partial.stdout)
    }
}
