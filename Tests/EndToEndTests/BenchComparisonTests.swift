import Foundation
import SRBench
import SRImage
import SRTestSupport
import XCTest

/// `bench score` with several `--model`, `bench check` on comparisons and `bench report`, run as
/// a user would, on the real Set5, Set14 and BSD100 and the authors' SRCNN weights.
final class BenchComparisonTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func bench(_ arguments: [String]) throws -> CommandRunner.Result { try ComparisonRun.bench(arguments) }

    /// Scores and images only: what must not depend on which other models ran.
    func results(_ r: ScoreReport) -> [String] {
        r.cells.flatMap { c in
            ["\(c.dataset) x\(c.scale) \(c.psnr.value) \(c.ssim.value)"] + c.images.map { "\($0.name) \($0.psnr.value) \($0.ssim.value)" }
        }
    }

    func testEveryModelsCellsEqualItsSeparateRun() throws {
        let run = try ComparisonRun.shared()
        let comparison = try ComparisonReport.read(from: run.report)
        XCTAssertEqual(comparison.modelNames, ComparisonRun.models)
        XCTAssertEqual(comparison.models[1].modelDetails?["sha256"]?.count, 64)
        for (i, spec) in (["bicubic"] + run.checkpoints).enumerated() {
            let path = dir.appendingPathComponent("\(i).json").path
            let r = try bench(["score", "--model", spec, "--datasets", "set5", "--scales", "3", "--protocol", "srcnn",
                               "--data-root", run.dataRoot, "--format", "json", "--output", path])
            XCTAssertEqual(r.status, 0, r.stderr)
            let alone = try ScoreReport.read(from: path)
            XCTAssertEqual(results(comparison.models[i]), results(alone), spec)
            XCTAssertEqual(comparison.models[i].datasets, alone.datasets)
            XCTAssertEqual(comparison.models[i].modelDetails, alone.modelDetails)
        }
        // Set5 x3 as in the field's tables: bicubic 30.39 / 0.8682, SRCNN 9-5-5 32.75 / 0.9090.
        XCTAssertEqual(comparison.models.map { $0.cells[0].psnr.formatted(2) }, ["30.39", "32.75", "32.52"])
    }

    func testTableHasAColumnPerModelAndPerImageRowsNameTheBest() throws {
        let root = try SharedData.require(SharedData.datasets)
        let r = try bench(["score", "--model", "bicubic", "--model", "nearest", "--model", "lanczos", "--datasets", "set5",
                           "--scales", "2,4", "--protocol", "basicsr", "--data-root", root.path, "--per-image"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0].split(separator: " ", omittingEmptySubsequences: true),
                       ["dataset", "(basicsr)", "bicubic", "nearest", "lanczos", "best", "PSNR"])
        // Lanczos beats bicubic and nearest on Set5 in PSNR at both scales.
        XCTAssertTrue(lines[1].hasPrefix("set5 x2 "), lines[1])
        XCTAssertTrue(lines[1].hasSuffix("lanczos"), lines[1])
        XCTAssertEqual(lines.filter { $0.hasPrefix("  set5 x") }.count, 10)
        XCTAssertTrue(lines[1].contains("*"), lines[1])

        let csv = try bench(["score", "--model", "bicubic", "--model", "nearest", "--datasets", "set5", "--scales", "4",
                             "--protocol", "basicsr", "--data-root", root.path, "--format", "csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = csv.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0], "model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image")
        XCTAssertTrue(rows[1].hasPrefix("bicubic,basicsr,set5,4,5,28.43"), rows[1])
        XCTAssertTrue(rows[2].hasPrefix("nearest,basicsr,set5,4,5,"), rows[2])
    }

    /// A two-model run passes the two committed single-model baselines together (their Set5 and
    /// Set14 cells, to keep BSD100 out of the test's time), and fails, naming the model, against
    /// one of them.
    func testComparisonsPassTheCommittedBaselinesPooled() throws {
        let root = try SharedData.require(SharedData.datasets)
        let report = dir.appendingPathComponent("c.json").path
        let r = try bench(["score", "--model", "bicubic", "--model", "nearest", "--datasets", "set5,set14", "--scales", "2,3,4",
                           "--protocol", "srcnn", "--data-root", root.path, "--format", "json", "--output", report])
        XCTAssertEqual(r.status, 0, r.stderr)
        let baselines = try ["bicubic", "nearest"].map { model -> String in
            var b = try ScoreReport.read(from: SharedData.repositoryRoot.appendingPathComponent("Manifests/baselines/\(model)-srcnn.json").path)
            b.cells.removeAll { $0.dataset == "bsd100" }
            let path = dir.appendingPathComponent("\(model)-srcnn.json").path
            try b.jsonData().write(to: URL(fileURLWithPath: path))
            return path
        }
        let both = try CommandRunner.run("bench", ["check", report, "--baseline", baselines[0], "--baseline", baselines[1]])
        XCTAssertEqual(both.status, 0, both.stdout + both.stderr)
        XCTAssertEqual(both.stdout, "\(report) matches \(baselines[0]), \(baselines[1]) within 0.005 dB and 0.0005 SSIM.\n")
        let one = try CommandRunner.run("bench", ["check", report, "--baseline", baselines[0]])
        XCTAssertEqual(one.status, 1)
        XCTAssertEqual(one.stdout, "\(report) differs from \(baselines[0]) in 1 place(s):\n  nearest: not in the baseline\n")
        // The comparison is its own baseline too.
        XCTAssertEqual(try CommandRunner.run("bench", ["check", report, "--baseline", report]).status, 0)
    }

    func testTwoModelsOfOneNameNeedLabels() throws {
        let root = try SharedData.require(SharedData.datasets)
        let model = try SharedData.require(SharedData.weights.appendingPathComponent("SRCNN_v1_official/model/9-1-5(ImageNet)/x3.mat")).path
        let other = try SharedData.require(SharedData.weights.appendingPathComponent("SRCNN_v1_official/model/9-1-5(91 images)/x3.mat")).path
        let r = try bench(["score", "--model", model, "--model", other, "--datasets", "set5", "--scales", "3", "--data-root", root.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: Models 'srcnn-9-1-5:x3.mat' and 'srcnn-9-1-5:x3.mat' are both named 'srcnn-9-1-5:x3.mat'; give each --model a --label (in the same order) so the columns can be told apart.\n")
        let labelled = try bench(["score", "--model", model, "--model", other, "--label", "SRCNN 9-1-5 ImageNet", "--label", "SRCNN 9-1-5 T91",
                                  "--datasets", "set5", "--scales", "3", "--data-root", root.path, "--format", "markdown"])
        XCTAssertEqual(labelled.status, 0, labelled.stderr)
        XCTAssertTrue(labelled.stdout.hasPrefix("| dataset (srcnn) | SRCNN 9-1-5 ImageNet | SRCNN 9-1-5 T91 |\n"), labelled.stdout)
    }

    /// The report finds SR images by their plain names, so another naming is refused before any scoring.
    func testHTMLNeedsPlainSaveNames() throws {
        let r = try bench(["score", "--model", "bicubic", "--datasets", "set5", "--scales", "3", "--html", dir.appendingPathComponent("r.html").path,
                           "--save-images", dir.appendingPathComponent("sr").path, "--save-naming", "selfexsr"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --html reads the SR images under plain names; drop --save-naming selfexsr or save a second run for the report.\n"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.html").path))
    }

    func testReportRebuildsTheSameSelfContainedPage() throws {
        let run = try ComparisonRun.shared()
        let rebuilt = dir.appendingPathComponent("rebuilt.html").path
        let r = try bench(["report", run.report, "--images", run.images, "--html", rebuilt])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOfFile: rebuilt, encoding: .utf8)
        XCTAssertEqual(html, try String(contentsOfFile: run.html, encoding: .utf8), "bench report and bench score --html agree byte for byte")
        // Nothing is fetched: no URL, every image inline.
        XCTAssertFalse(html.contains("http:") || html.contains("https:") || html.contains("//cdn"), "no network")
        let sources = html.components(separatedBy: " src=\"").dropFirst().map { $0.prefix(11) }
        XCTAssertEqual(sources.count, 5 * 5, "per image: thumbnail, HR, and three models (bicubic is a model)")
        XCTAssertTrue(sources.allSatisfy { $0 == "data:image/" }, "\(Set(sources))")
        XCTAssertEqual(html.components(separatedBy: "<svg class=\"chart\"").count - 1, 1)
        XCTAssertEqual(html.components(separatedBy: "<table class=\"sortable per-image\"").count - 1, 1)
    }

    func testReportRefusesImagesThatAreNotTheReportsOwn() throws {
        let run = try ComparisonRun.shared()
        let copy = dir.appendingPathComponent("sr").path
        try FileManager.default.copyItem(atPath: run.images, toPath: copy)
        // SRCNN 9-1-5's butterfly replaced by 9-5-5's.
        let swapped = "\(copy)/srcnn-9-1-5_x3.mat/set5/x3/butterfly.png"
        try FileManager.default.removeItem(atPath: swapped)
        try FileManager.default.copyItem(atPath: "\(copy)/srcnn-9-5-5_x3.mat/set5/x3/butterfly.png", toPath: swapped)
        let html = dir.appendingPathComponent("r.html").path
        let r = try bench(["report", run.report, "--images", copy, "--html", html])
        XCTAssertEqual(r.status, 1)
        // The last decimals of an SRCNN PSNR depend on the BLAS kernels of the CPU (an AVX2 and an
        // AVX-512 machine differ by about 1e-5), so the numbers are compared to 1e-4.
        let number = "([0-9]+\\.[0-9]{6})"
        let pattern = "^Error: \(NSRegularExpression.escapedPattern(for: swapped)): this image of model 'srcnn-9-1-5:x3\\.mat' scores PSNR \(number) / SSIM \(number) on set5 x3 butterfly but the report says PSNR \(number) / SSIM \(number); the --images folder or the dataset is not the one the report was made from\\.\n"
        let regex = try NSRegularExpression(pattern: pattern)
        let match = try XCTUnwrap(regex.firstMatch(in: r.stderr, range: NSRange(r.stderr.startIndex..., in: r.stderr)), r.stderr)
        let values = (1...4).map { Double((r.stderr as NSString).substring(with: match.range(at: $0)))! }
        for (got, expected) in zip(values, [27.946907, 0.909798, 27.915524, 0.907912]) {
            XCTAssertEqual(got, expected, accuracy: 1e-4, r.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: html), "nothing half-written")

        try FileManager.default.removeItem(atPath: swapped)
        let missing = try bench(["report", run.report, "--images", copy, "--html", html])
        XCTAssertEqual(missing.stderr, "Error: \(swapped): no saved SR image of model 'srcnn-9-1-5:x3.mat'; pass --images the folder given to bench score --save-images (with several models it holds one folder per model).\n")
    }
}
