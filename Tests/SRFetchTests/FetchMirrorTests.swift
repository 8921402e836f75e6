import Foundation
import SRTestSupport
import XCTest
@testable import SRFetch

/// `bench datasets fetch`'s library against a loopback mirror built from ../shared/datasets,
/// with every failure mode the mirror can stage.
final class FetchMirrorTests: XCTestCase {
    nonisolated(unsafe) static var server: MirrorServer?
    nonisolated(unsafe) static var catalog: SourceCatalog?
    var root: URL!

    override class func setUp() {
        guard let catalog = try? SourceCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets/sources")) else { return }
        Self.catalog = catalog
        var files = [(url: String, local: URL)]()
        for d in catalog.datasets.values {
            for f in d.files {
                let local = SharedData.datasets.appendingPathComponent(f.path)
                if FileManager.default.fileExists(atPath: local.path) { files.append((f.url, local)) }
            }
        }
        server = try? MirrorServer(files: files)
    }

    override class func tearDown() { server?.stop() }

    override func setUpWithError() throws {
        _ = try SharedData.require(SharedData.datasets.appendingPathComponent("Set5/original"))
        root = try CommandRunner.makeTemporaryDirectory()
    }

    override func tearDownWithError() throws { if let root { try? FileManager.default.removeItem(at: root) } }

    func sources(_ name: String) throws -> DatasetSources { try XCTUnwrap(Self.catalog).dataset(name) }

    func fetch(_ files: [PinnedFile], mode: String, idle: TimeInterval = 20, attempts: Int = 3) throws -> FetchSummary {
        let plan = try FetchPlan.make(datasets: [DatasetSources(name: "x", files: files)], root: root.path)
        var options = FetchOptions()
        options.mirror = Mirror(base: try XCTUnwrap(Self.server).base + "/" + mode)
        options.idleTimeout = idle
        options.attempts = attempts
        return Fetcher.run(plan, options: options)
    }

    func url(_ f: PinnedFile, _ mode: String) -> String { Mirror(base: Self.server!.base + "/" + mode).rewrite(f.url) }
    func exists(_ f: PinnedFile) -> Bool { FileManager.default.fileExists(atPath: root.path + "/" + f.path) }
    func partial(_ f: PinnedFile) -> String { root.path + "/.srkit-fetch/" + f.path + ".part" }

    func testFetchesSet5ByteForByteAndSkipsItAfterwards() throws {
        let set5 = try sources("set5")
        let summary = try fetch(set5.files, mode: "ok")
        XCTAssertEqual(summary.failures, [])
        XCTAssertEqual(summary.fetched.count, 5)
        XCTAssertEqual(summary.bytes, 851_881)
        for f in set5.files {
            XCTAssertEqual(try Data(contentsOf: root.appendingPathComponent(f.path)),
                           try Data(contentsOf: SharedData.datasets.appendingPathComponent(f.path)), f.path)
        }
        let again = try FetchPlan.make(datasets: [set5], root: root.path)
        XCTAssertEqual(again.missing, [])
        XCTAssertEqual(again.present.count, 5)
    }

    func testChangedByteIsRefusedAndNothingIsWritten() throws {
        let f = try sources("set5").files[0]
        let s = try fetch([f], mode: "corrupt")
        let actual = try XCTUnwrap(s.failures.first)
        guard case let .checksumMismatch(_, _, _, got) = actual else { return XCTFail("\(actual)") }
        XCTAssertEqual(actual.description, "Set5/original/baby.png: the bytes from \(url(f, "corrupt")) have SHA-256 \(got), not the pinned \(f.sha256); the download was discarded and nothing was written. The source changed or the mirror is wrong.")
        XCTAssertFalse(exists(f))
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial(f)))
    }

    func testTruncatedFileIsRefused() throws {
        let f = try sources("set5").files[1]
        let s = try fetch([f], mode: "short")
        XCTAssertEqual(s.failures.map(\.description), ["Set5/original/bird.png: \(url(f, "short")) ended after \(f.bytes / 2) of \(f.bytes) bytes (truncated); nothing was written. Run the same command again to resume."])
        XCTAssertFalse(exists(f))
    }

    func testHTTPErrorsNameFileAndURL() throws {
        let f = try sources("set5").files[2]
        for status in [404, 500] {
            let s = try fetch([f], mode: String(status))
            XCTAssertEqual(s.failures.map(\.description), ["Set5/original/butterfly.png: \(url(f, String(status))) answered HTTP \(status); nothing was written. Check the URL (or SRKIT_MIRROR) and try again."])
            XCTAssertFalse(exists(f))
        }
    }

    func testRedirectLoopIsAnError() throws {
        let f = try sources("set5").files[3]
        let s = try fetch([f], mode: "loop")
        XCTAssertEqual(s.failures.map(\.description), ["Set5/original/head.png: \(url(f, "loop")) redirected more than 10 times (a redirect loop); nothing was written. Check the URL (or SRKIT_MIRROR)."])
        XCTAssertFalse(exists(f))
    }

    func testDroppedConnectionResumes() throws {
        let f = try sources("set14").files[1]  // barbara, 1.1 MB
        let s = try fetch([f], mode: "drop")
        XCTAssertEqual(s.failures, [])
        XCTAssertEqual(s.bytes, f.bytes, "half on the dropped request, the rest resumed with Range")
        XCTAssertEqual(try FileHash.sha256(path: root.path + "/" + f.path), f.sha256)
    }

    func testAlwaysDroppedGivesUpKeepsThePartAndResumesLater() throws {
        let f = try sources("set14").files[1]
        let s = try fetch([f], mode: "dropalways", attempts: 2)
        XCTAssertEqual(s.failures.count, 1)
        let message = try XCTUnwrap(s.failures.first?.description)
        XCTAssertTrue(message.hasPrefix("Set14/original/barbara.png: \(url(f, "dropalways")) failed after 2 attempts: "), message)
        XCTAssertTrue(message.hasSuffix("; nothing was written (the part received is kept and resumed by the same command)."), message)
        XCTAssertFalse(exists(f))
        let kept = try XCTUnwrap((try FileManager.default.attributesOfItem(atPath: partial(f)))[.size] as? Int64)
        XCTAssertGreaterThan(kept, 0)
        XCTAssertLessThan(kept, f.bytes)
        let resumed = try fetch([f], mode: "ok")
        XCTAssertEqual(resumed.failures, [])
        XCTAssertEqual(resumed.bytes, f.bytes - kept, "only the missing tail is downloaded")
        XCTAssertEqual(try FileHash.sha256(path: root.path + "/" + f.path), f.sha256)
    }

    func testStalledServerTimesOut() throws {
        let f = try sources("set5").files[4]
        let s = try fetch([f], mode: "stall", idle: 1, attempts: 1)
        let message = try XCTUnwrap(s.failures.first?.description)
        XCTAssertTrue(message.hasPrefix("Set5/original/woman.png: \(url(f, "stall")) failed after 1 attempt: "), message)
        XCTAssertFalse(exists(f))
    }

    func testSlowServerStillSucceeds() throws {
        let f = try sources("set5").files[0]
        let s = try fetch([f], mode: "slow")
        XCTAssertEqual(s.failures, [])
        XCTAssertTrue(exists(f))
    }

    func testDifferingFileIsReplacedOnlyOnceVerified() throws {
        let f = try sources("set5").files[0]
        let target = root.appendingPathComponent(f.path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not a png".utf8).write(to: target)
        let plan = try FetchPlan.make(datasets: [DatasetSources(name: "x", files: [f])], root: root.path)
        XCTAssertEqual(plan.differing, [f])
        _ = try fetch([f], mode: "corrupt")
        XCTAssertEqual(try Data(contentsOf: target), Data("not a png".utf8), "a bad download leaves the old file alone")
        _ = try fetch([f], mode: "ok")
        XCTAssertEqual(try FileHash.sha256(path: target.path), f.sha256)
    }

    func testDryRunLines() throws {
        let set5 = try sources("set5")
        let plan = try FetchPlan.make(datasets: [set5], root: root.path)
        let lines = plan.dryRunLines(mirror: nil)
        XCTAssertEqual(lines.count, 6)
        XCTAssertEqual(lines[0], "https://raw.githubusercontent.com/0nceU/BESRGAN/f049edddc77f0be4ea8112edcdd31da198f29f66/datasets/Set5/original/baby.png\t\(set5.files[0].bytes)\t\(set5.files[0].sha256)\tSet5/original/baby.png")
        XCTAssertEqual(lines[5], "total: 5 files, 851881 bytes (0 already present and verified)")
    }
}
