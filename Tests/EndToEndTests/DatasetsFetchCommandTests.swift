import Foundation
import SRTestSupport
import XCTest

/// `bench datasets fetch` and the data root end to end, through a loopback mirror of
/// ../shared/datasets: an empty data root, `fetch t91`, then the README's `prep run` gives the
/// same 22,227 records, byte for byte, as a run on ../shared/datasets.
final class DatasetsFetchCommandTests: XCTestCase {
    var tmp: URL!
    var server: MirrorServer!

    override func setUpWithError() throws {
        let t91 = try SharedData.require(SharedData.datasets.appendingPathComponent("T91"))
        tmp = try CommandRunner.makeTemporaryDirectory()
        let table = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets/sources/t91.tsv"), encoding: .utf8)
        let files = table.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line -> (url: String, local: URL) in
            let f = line.split(separator: "\t").map(String.init)
            return (f[3], t91.deletingLastPathComponent().appendingPathComponent(f[0]))
        }
        server = try MirrorServer(files: files)
    }

    override func tearDownWithError() throws {
        server?.stop()
        if let tmp { try? FileManager.default.removeItem(at: tmp) }
    }

    func tool(_ name: String, _ args: [String], env: [String: String] = [:]) throws -> CommandRunner.Result {
        let p = Process()
        p.executableURL = CommandRunner.productsDirectory.appendingPathComponent(name)
        p.arguments = args
        p.currentDirectoryURL = SharedData.repositoryRoot
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let g = DispatchGroup()
        DispatchQueue.global().async(group: g) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        g.wait(); p.waitUntilExit()
        return .init(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    func shards(_ dir: URL) throws -> [String: Data] {
        var out = [String: Data]()
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
        for case let u as URL in e where u.pathExtension == "srshard" || u.lastPathComponent.hasSuffix(".bin") || u.lastPathComponent.hasPrefix("shard") {
            out[u.lastPathComponent] = try Data(contentsOf: u)
        }
        return out
    }

    func testFetchT91ThroughMirrorThenPrepRunGivesTheSameRecords() throws {
        let root = tmp.appendingPathComponent("data").path
        let mirror = ["SRKIT_MIRROR": server.base + "/ok"]
        let dry = try tool("bench", ["datasets", "fetch", "t91", "--data-root", root, "--dry-run"], env: mirror)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let lines = dry.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 92)
        XCTAssertEqual(lines.last, "total: 91 files, 16102570 bytes (0 already present and verified)")
        XCTAssertTrue(lines[0].hasPrefix(server.base + "/ok/Junhyun-Nam-Olin/SRCNN/e43dd965dc5600a8c1484dc955bf0e663c04866e/Train/"), String(lines[0]))

        let missing = try tool("prep", ["run", "Pipelines/t91.yaml", "--data-root", root, "--output", tmp.appendingPathComponent("none").path, "--quiet"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("To fetch it: bench datasets fetch t91 --data-root \(root)"), missing.stderr)

        let fetched = try tool("bench", ["datasets", "fetch", "t91", "--data-root", root, "--quiet"], env: mirror)
        XCTAssertEqual(fetched.status, 0, fetched.stderr)
        XCTAssertTrue(fetched.stdout.hasPrefix("\(root) (--data-root): fetched 91 of 91 files, 16102570 bytes, "), fetched.stdout)
        let again = try tool("bench", ["datasets", "fetch", "t91", "--data-root", root], env: mirror)
        XCTAssertEqual(again.stdout, "\(root): t91 already present and verified (91 files); nothing to fetch.\n")

        let a = tmp.appendingPathComponent("a"), b = tmp.appendingPathComponent("b")
        let ra = try tool("prep", ["run", "Pipelines/t91.yaml", "--data-root", root, "--output", a.path, "--quiet"])
        XCTAssertEqual(ra.status, 0, ra.stderr)
        XCTAssertTrue(ra.stdout.contains(": 91 images (0 without records, 0 skipped), 22227 records, "), ra.stdout)
        let rb = try tool("prep", ["run", "Pipelines/t91.yaml", "--data-root", SharedData.datasets.path, "--output", b.path, "--quiet"])
        XCTAssertEqual(rb.status, 0, rb.stderr)
        let sa = try shards(a), sb = try shards(b)
        XCTAssertFalse(sa.isEmpty)
        XCTAssertEqual(sa, sb, "the same records, byte for byte")
    }

    func testFetchErrorExitsNonZeroNamingFileAndURL() throws {
        let root = tmp.appendingPathComponent("data").path
        let r = try tool("bench", ["datasets", "fetch", "t91", "--data-root", root, "--quiet"], env: ["SRKIT_MIRROR": server.base + "/404"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("error: T91/t1.bmp: \(server.base)/404/Junhyun-Nam-Olin/SRCNN/e43dd965dc5600a8c1484dc955bf0e663c04866e/Train/t1.bmp answered HTTP 404; nothing was written."), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/T91"), "nothing visible under the data root")
    }

    func testVerifyPrintsTheFetchCommand() throws {
        let root = tmp.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let r = try tool("bench", ["datasets", "verify", "--data-root", root, "--datasets", "set5"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("  to fetch it: bench datasets fetch set5 --data-root \(root)\n"), r.stdout)
    }
}
