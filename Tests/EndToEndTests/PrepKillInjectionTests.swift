import Foundation
import SRImage
import SRTestSupport
import XCTest

/// Kills `prep run` with SIGKILL at chosen syscalls (`strace -f -e inject=SYSCALL:signal=SIGKILL:when=N`:
/// the process dies on entry to the Nth call, before it runs) — while reading inputs, at every
/// shard write and fsync, at the staging mkdir, at each rename, and (with --force over an old
/// dataset) at the exchange and each unlink of the old dataset. After each kill: the output is
/// absent, the old complete dataset or the new complete one (never a part); the next run removes
/// every leftover and writes bytes identical to an uninterrupted run.
final class PrepKillInjectionTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        try SyntheticPatchRun.writeImages([(40, 30), (33, 37), (48, 20)], xStep: 5, yStep: 3, cStep: 80, into: dir.appendingPathComponent("images"))
        // Shuffled (so a scratch file exists) and 8 KiB shards (so there are several).
        try SyntheticPatchRun.manifest(shardSize: "8KiB").write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    var work: URL { dir.appendingPathComponent("work") }
    var output: URL { work.appendingPathComponent("out") }

    func prep(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("prep", arguments, currentDirectory: dir)
    }

    /// Every file of `folder` (hidden ones too) with its bytes; nil if the folder is absent.
    func contents(_ folder: URL) throws -> [String: Data]? {
        guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    func leftovers() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: work.path)
            + ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [])
        return names.filter { $0.hasPrefix(".") }.sorted()
    }

    /// Runs prep under strace, killed at call `when` of `syscall`; returns whether it was killed.
    func runKilled(_ strace: String, _ syscall: String, _ when: Int, _ arguments: [String], signal: String = "SIGKILL") throws -> Bool {
        let prepPath = CommandRunner.productsDirectory.appendingPathComponent("prep").path
        let result = try Tools.run(strace, ["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(syscall)",
                                            "-e", "inject=\(syscall):signal=\(signal):when=\(when)", prepPath] + arguments)
        return result.status != 0
    }

    func testSIGKILLAtAnyPointLeavesOldOrNewDatasetAndTheNextRunCleansUpAndMatches() throws {
        let strace = try Tools.require("strace")
        let base = ["run", dir.appendingPathComponent("m.yaml").path, "--output", output.path, "--quiet", "--jobs", "2"]
        // Reference outputs: the new dataset, and an old one for the --force case.
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        XCTAssertEqual(try prep(base).status, 0)
        let new = try XCTUnwrap(try contents(output))
        XCTAssertGreaterThan(new.keys.filter { $0.hasSuffix(".srshard") }.count, 1)
        try FileManager.default.removeItem(at: output)
        XCTAssertEqual(try prep(base + ["--set", "augment=none"]).status, 0)
        let old = try XCTUnwrap(try contents(output))
        XCTAssertNotEqual(old, new)

        var points = 0, killed = 0, passed = 0
        func check(_ syscall: String, _ when: Int, force: Bool, signal: String = "SIGKILL") throws {
            points += 1
            try? FileManager.default.removeItem(at: work)
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            if force { XCTAssertEqual(try prep(base + ["--set", "augment=none"]).status, 0) }
            if try runKilled(strace, syscall, when, base + (force ? ["--force"] : []), signal: signal) { killed += 1 }
            let label = "\(signal) at \(syscall) #\(when)\(force ? " (--force)" : "")"
            if signal != "SIGKILL" {
                // SIGINT/SIGTERM clean up before dying: nothing is left even before another run.
                XCTAssertEqual(try leftovers(), [], "\(label): leftovers right after the signal")
            }
            let visible = try contents(output)?.filter { !$0.key.hasPrefix(".") }
            let acceptable: [[String: Data]?] = force ? [old, new] : [nil, [:], new]
            guard acceptable.contains(where: { $0 == visible }) else {
                return XCTFail("\(label): partial dataset visible: \(visible?.keys.sorted() ?? [])")
            }
            // The next run: without --force unless a dataset is in place (the old one, or the new one
            // committed just before the kill, which a re-run would rightly refuse to overwrite).
            let again = try prep(base + (visible?.isEmpty == false ? ["--force"] : []))
            XCTAssertEqual(again.status, 0, "\(label): \(again.stderr)")
            XCTAssertEqual(try contents(output), new, "\(label): re-run output differs")
            XCTAssertEqual(try leftovers(), [], "\(label): leftovers after the next run")
            passed += 1
        }
        // Fresh output: while reading inputs and creating files, every write, fsync, mkdir, rename.
        for when in stride(from: 10, through: 130, by: 15) { try check("openat", when, force: false) }
        for when in 1...6 { try check("write", when, force: false) }
        for when in 1...5 { try check("fsync", when, force: false) }
        for when in 1...2 { try check("mkdir", when, force: false) }
        for when in 1...2 { try check("rename", when, force: false) }
        // --force over an old dataset: every fsync, rename, the exchange, each unlink and rmdir of the old.
        for when in 1...5 { try check("fsync", when, force: true) }
        for when in 1...2 { try check("rename", when, force: true) }
        try check("renameat2", 1, force: true)
        for when in 1...4 { try check("unlink", when, force: true) }
        for when in 1...2 { try check("rmdir", when, force: true) }
        // SIGTERM and SIGINT: the handler removes the staging folder and scratch file itself.
        for when in [2, 4] { try check("write", when, force: false, signal: "SIGTERM") }
        for when in [1, 3] { try check("fsync", when, force: true, signal: "SIGINT") }
        print("kill injection: \(points) kill points, \(killed) runs killed, \(passed) passed all checks")
        XCTAssertGreaterThanOrEqual(killed, 24, "too few points where prep was actually killed")
        XCTAssertEqual(passed, points)
    }
}
