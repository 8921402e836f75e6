import Foundation
import SRTestSupport
import XCTest

/// One real three-model comparison, made once per test process and shared by the report,
/// figure and browser tests: `bicubic`, SRCNN 9-5-5 and SRCNN 9-1-5 (the authors' ImageNet x3
/// weights) on Set5 x3 under `srcnn`, with the JSON report, the saved SR images and the HTML
/// written by `bench score --html`. About three seconds in a release build.
final class ComparisonRun: @unchecked Sendable {
    let directory: URL
    /// The JSON report.
    let report: String
    /// The `--save-images` folder.
    let images: String
    /// The HTML `bench score --html` wrote.
    let html: String
    /// The data root.
    let dataRoot: String
    /// The two checkpoints, in column order after bicubic.
    let checkpoints: [String]
    /// Seconds the run took.
    let seconds: Double

    static let models = ["bicubic", "srcnn-9-5-5:x3.mat", "srcnn-9-1-5:x3.mat"]
    static let images = ["baby", "bird", "butterfly", "head", "woman"]

    nonisolated(unsafe) private static var made: Result<ComparisonRun, any Error>?
    private static let lock = NSLock()

    /// The shared run (made on first use), or a skip/failure when the shared data is absent.
    static func shared() throws -> ComparisonRun {
        lock.lock(); defer { lock.unlock() }
        if let made { return try made.get() }
        let root = try SharedData.require(SharedData.datasets)
        let weights = SharedData.weights.appendingPathComponent("SRCNN_v1_official/model")
        let checkpoints = try ["9-5-5(ImageNet)", "9-1-5(ImageNet)"].map {
            try SharedData.require(weights.appendingPathComponent("\($0)/x3.mat")).path
        }
        let result = Result { try ComparisonRun(dataRoot: root.path, checkpoints: checkpoints) }
        made = result
        return try result.get()
    }

    private init(dataRoot: String, checkpoints: [String]) throws {
        directory = try CommandRunner.makeTemporaryDirectory()
        report = directory.appendingPathComponent("r.json").path
        images = directory.appendingPathComponent("sr").path
        html = directory.appendingPathComponent("score.html").path
        self.dataRoot = dataRoot
        self.checkpoints = checkpoints
        let start = Date()
        let r = try Self.bench(["score", "--model", "bicubic", "--model", checkpoints[0], "--model", checkpoints[1],
                                "--datasets", "set5", "--scales", "3", "--protocol", "srcnn", "--data-root", dataRoot,
                                "--format", "json", "--output", report, "--save-images", images, "--html", html])
        seconds = Date().timeIntervalSince(start)
        guard r.status == 0 else { throw RunFailed(description: "bench score failed: \(r.stderr)") }
        ComparisonRun.cleanup = directory.path
        atexit { if let path = ComparisonRun.cleanup { try? FileManager.default.removeItem(atPath: path) } }
    }

    nonisolated(unsafe) static var cleanup: String?

    /// The shared run could not be made: every test using it fails with this.
    struct RunFailed: Error, CustomStringConvertible { let description: String }

    /// Runs the built `bench` with the repository's catalogue.
    static func bench(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("bench", arguments + ["--catalog", SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets").path])
    }
}
