import Foundation
import SRBench
import SRTestSupport
import XCTest

/// Runs the built `bench score --partition` and `bench merge` on the shared Set5 and Set14: the
/// merged report equals one run's in every metric and in provenance, for N below and above the
/// number of images, in every format; parts of other commands, missing and duplicate parts are
/// refused with their message.
final class BenchPartitionCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func bench(_ arguments: [String], catalog: Bool = true) throws -> CommandRunner.Result {
        try CommandRunner.run("bench", arguments + (catalog ? ["--catalog", SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets").path] : []))
    }

    func score(_ root: URL, _ extra: [String], model: String = "bicubic", protocolName: String = "basicsr") -> [String] {
        ["score", "--model", model, "--datasets", "set5,set14", "--scales", "2,3", "--protocol", protocolName,
         "--data-root", root.path] + extra
    }

    /// The report with every timing figure zeroed: what must be equal between one run and a merge.
    func withoutTiming(_ path: String) throws -> ComparisonReport {
        var report = try ComparisonReport.read(from: path)
        for m in report.models.indices {
            for c in report.models[m].cells.indices {
                report.models[m].cells[c].secondsPerImage = 0
                for i in report.models[m].cells[c].images.indices { report.models[m].cells[c].images[i].seconds = 0 }
            }
        }
        return report
    }

    func parts(_ root: URL, _ n: Int, prefix: String, model: String = "bicubic", protocolName: String = "basicsr") throws -> [String] {
        try (0..<n).map { k in
            let path = dir.appendingPathComponent("\(prefix)-\(k).json").path
            let r = try bench(score(root, ["--partition", "\(k)/\(n)", "--format", "json", "--output", path], model: model, protocolName: protocolName))
            XCTAssertEqual(r.status, 0, r.stderr)
            return path
        }
    }

    func testMergedReportEqualsOneRunForAnyNAndFormat() throws {
        let root = try SharedData.require(SharedData.datasets)
        let single = dir.appendingPathComponent("single.json").path
        XCTAssertEqual(try bench(score(root, ["--format", "json", "--output", single])).status, 0)
        let singleCSV = try bench(score(root, ["--format", "csv", "--per-image"]))
        // 19 images: 3 parts, and 24 (five of them empty).
        for n in [3, 24] {
            let files = try parts(root, n, prefix: "p\(n)")
            let merged = dir.appendingPathComponent("merged\(n).json").path
            let m = try bench(["merge"] + files + ["--format", "json", "--output", merged], catalog: false)
            XCTAssertEqual(m.status, 0, m.stderr)
            let expected = try withoutTiming(single), got = try withoutTiming(merged)
            XCTAssertEqual(got, expected, "N=\(n): every metric and all provenance as one run")
            XCTAssertEqual(got.models[0].cells.map(\.images.count), [5, 5, 14, 14])
            XCTAssertEqual(got.models[0].datasets.map { $0.sha256.count }, [5, 14])
            // Other formats from the same parts: CSV equal but for the seconds column.
            let csv = try bench(["merge"] + files + ["--format", "csv", "--per-image"], catalog: false)
            XCTAssertEqual(csv.status, 0, csv.stderr)
            let strip = { (text: String) in text.split(separator: "\n").map { $0.split(separator: ",").dropLast().joined(separator: ",") } }
            XCTAssertEqual(strip(csv.stdout), strip(singleCSV.stdout))
            XCTAssertEqual(strip(csv.stdout).count, 1 + 38)
        }
        // The part file says what it is.
        let part = try BenchPart.read(from: dir.appendingPathComponent("p3-1.json").path)
        XCTAssertEqual([part.part, part.parts], [1, 3])
        XCTAssertEqual(part.images.map(\.names.count), [5, 14])
    }

    func testMergeRefusesForeignMissingAndDuplicateParts() throws {
        let root = try SharedData.require(SharedData.datasets)
        let files = try parts(root, 2, prefix: "p")
        let other = try parts(root, 2, prefix: "nearest", model: "nearest")
        let srcnn = try parts(root, 2, prefix: "srcnn", protocolName: "srcnn")
        let cases: [([String], String)] = [
            ([files[0], other[1]], "\(other[1]): not from the same bench score command as \(files[0]): models nearest, the other bicubic; merge the parts of one command only (run the odd part again with the same arguments)."),
            ([files[0], srcnn[1]], "\(srcnn[1]): not from the same bench score command as \(files[0]): protocol srcnn"),
            ([files[1]], "1 of 2 parts missing (0/2); found 1; score the missing parts (bench score ... --partition K/2), then merge again."),
            ([files[0], files[1], files[1]], "part 1/2 was given twice (\(files[1]), \(files[1])); pass each part once."),
        ]
        for (arguments, message) in cases {
            let out = dir.appendingPathComponent("merged.json").path
            let r = try bench(["merge"] + arguments + ["--format", "json", "--output", out], catalog: false)
            XCTAssertEqual(r.status, 1, message)
            XCTAssertTrue(r.stderr.contains(message), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
        // A whole report is not a part.
        let whole = dir.appendingPathComponent("whole.json").path
        XCTAssertEqual(try bench(score(root, ["--format", "json", "--output", whole])).status, 0)
        let r = try bench(["merge", whole, files[1]], catalog: false)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("\(whole): not a usable partial report: no \"format\": \"srkit-bench-part\" (a whole report, not a part written with --partition); score that part again with `bench score ... --partition K/N --format json --output FILE`."), r.stderr)
        // --partition needs a JSON file.
        let table = try bench(score(root, ["--partition", "0/2"]))
        XCTAssertEqual(table.status, 64)
        XCTAssertTrue(table.stderr.contains("--partition writes a partial report for bench merge; add --format json --output PART.json."), table.stderr)
    }
}
