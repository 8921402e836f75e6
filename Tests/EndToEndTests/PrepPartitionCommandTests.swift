import Foundation
import SRImage
import SRShards
import SRTestSupport
import XCTest

/// Runs the built `prep run --partition` and `prep merge` on synthetic images: the merged dataset
/// is byte-identical to one `prep run` (with and without shuffle, any N including N > inputs,
/// with skipped images and images without records), `auto` reads Slurm and Kubernetes variables,
/// a failed task runs again alone, and every bad input of issue 13 is refused with its message
/// and nothing written.
final class PrepPartitionCommandTests: XCTestCase {
    var dir: URL!
    var images: URL { dir.appendingPathComponent("images") }

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        // Sizes differ up to ~30x in bytes, so the work balancer has something to balance; the
        // 12x12 image is smaller than a patch and gives no records.
        try SyntheticPatchRun.writeImages([(70, 50), (64, 64), (12, 12), (90, 41), (120, 96)], xStep: 3, yStep: 5, cStep: 70, into: images)
        try manifest(shuffle: true).write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        try manifest(shuffle: false).write(to: dir.appendingPathComponent("plain.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// Small shards (8 KiB) so both the single run and the parts span several files.
    func manifest(shuffle: Bool) -> String { SyntheticPatchRun.manifest(shuffle: shuffle, shardSize: "8KiB") }

    func prep(_ arguments: [String], environment: [String: String]? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run("prep", arguments, currentDirectory: dir, environment: environment)
    }

    /// This process's environment without any scheduler's variables (the suite may itself run
    /// inside a Slurm job).
    var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") && $0.key != "JOB_COMPLETION_INDEX" && $0.key != "SRKIT_PARTITION_COUNT" }
    }

    /// Every visible file of `folder` with its bytes.
    func contents(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    /// Runs parts 0..<n of `manifest` into `parts/<k>`.
    func runParts(_ manifest: String, _ n: Int, folder: String = "parts", extra: [String] = []) throws {
        for k in 0..<n {
            let r = try prep(["run", manifest, "--partition", "\(k)/\(n)", "--output", "\(folder)/\(k)", "--quiet"] + extra)
            XCTAssertEqual(r.status, 0, "part \(k)/\(n): " + r.stderr)
            XCTAssertTrue(r.stdout.contains("part \(k)/\(n): "), r.stdout)
        }
    }

    /// Partitioned into n, merged, compared file by file with the single run in `single`.
    func assertMergeEqualsSingleRun(_ manifest: String, parts n: Int, single: String, extra: [String] = [],
                                    file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = "parts-\(manifest)-\(n)"
        try runParts(manifest, n, folder: folder, extra: extra)
        let merged = "merged-\(manifest)-\(n)"
        let m = try prep(["merge", folder, "--output", merged, "--quiet"])
        XCTAssertEqual(m.status, 0, m.stderr, file: file, line: line)
        XCTAssertTrue(m.stdout.contains("merged \(n) parts: 5 images"), m.stdout, file: file, line: line)
        let expected = try contents(dir.appendingPathComponent(single))
        XCTAssertGreaterThan(expected.keys.filter { $0.hasSuffix(".srshard") }.count, 2, "several shards", file: file, line: line)
        let got = try contents(dir.appendingPathComponent(merged))
        XCTAssertEqual(got.keys.sorted(), expected.keys.sorted(), "N=\(n)", file: file, line: line)
        for (name, bytes) in expected {
            XCTAssertEqual(got[name], bytes, "\(manifest) N=\(n): \(name) differs from the single run", file: file, line: line)
        }
        XCTAssertEqual(try prep(["verify", merged]).status, 0, file: file, line: line)
    }

    /// SIGINT or SIGTERM during `prep merge` (injected by strace at a shard write or fsync)
    /// removes the staging folder before prep dies of the signal; a SIGKILL leaves it, and the
    /// next merge removes it and says so. The output is never half-written: absent, or (when the
    /// signal's handler ran only after the commit) the complete, verified dataset.
    func testAnInterruptedMergeCleansUpAfterItself() throws {
        let strace = try Tools.require("strace")
        try runParts("m.yaml", 2)
        let prepPath = CommandRunner.productsDirectory.appendingPathComponent("prep").path
        let work = dir.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let output = work.appendingPathComponent("merged")
        func hidden() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasPrefix(".") } }
        var stoppedBeforeCommit = 0
        for (syscall, when, signal) in [("write", 2, "SIGINT"), ("fsync", 1, "SIGTERM"), ("fsync", 2, "SIGINT"), ("write", 2, "SIGKILL")] {
            try? FileManager.default.removeItem(at: output)
            let r = try Tools.run(strace, ["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(syscall)", "-e", "inject=\(syscall):signal=\(signal):when=\(when)",
                                           prepPath, "merge", dir.appendingPathComponent("parts").path, "--output", output.path, "--quiet"])
            if FileManager.default.fileExists(atPath: output.path) {
                // The handler runs on a dispatch thread; on a loaded machine the merge may finish
                // first (and even exit 0): then the dataset must be complete.
                XCTAssertNotEqual(signal, "SIGKILL", "a SIGKILL before the commit leaves no output")
                XCTAssertEqual(try prep(["verify", output.path]).status, 0, "\(signal): the output that appeared is complete")
            } else {
                XCTAssertNotEqual(r.status, 0, "\(signal) at \(syscall) \(when) stopped the merge but it exited 0")
                stoppedBeforeCommit += 1
            }
            if signal == "SIGKILL" {
                let left = try hidden()
                XCTAssertEqual(left.count, 1, "a SIGKILL leaves its staging folder: \(left)")
                let again = try prep(["merge", "parts", "--output", output.path, "--quiet"])
                XCTAssertEqual(again.status, 0, again.stderr)
                if let name = left.first {
                    XCTAssertTrue(again.stderr.contains("removed \(work.appendingPathComponent(name).path): left by a killed run (pid "), again.stderr)
                }
                XCTAssertEqual(try hidden(), [])
            } else {
                XCTAssertEqual(try hidden(), [], "\(signal) left nothing behind")
            }
        }
        XCTAssertGreaterThanOrEqual(stoppedBeforeCommit, 1, "the SIGKILL, at least, stops the merge before its commit")
        XCTAssertEqual(try prep(["verify", output.path]).status, 0)
    }

    func testMergeWithShuffleIsByteIdenticalForAnyN() throws {
        XCTAssertEqual(try prep(["run", "m.yaml", "--output", "single", "--quiet"]).status, 0)
        // 8 parts for 5 inputs: three parts hold nothing, one only the image without records.
        for n in [1, 2, 3, 8] { try assertMergeEqualsSingleRun("m.yaml", parts: n, single: "single") }
    }

    func testMergeWithoutShuffleIsByteIdenticalForAnyN() throws {
        XCTAssertEqual(try prep(["run", "plain.yaml", "--output", "single", "--quiet"]).status, 0)
        for n in [2, 4, 7] { try assertMergeEqualsSingleRun("plain.yaml", parts: n, single: "single") }
    }

    func testSkipBadAndImagesWithoutRecordsAreMerged() throws {
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46]).write(to: images.appendingPathComponent("img1b.png"))
        let single = try prep(["run", "m.yaml", "--output", "single", "--skip-bad", "--quiet"])
        XCTAssertEqual(single.status, 0, single.stderr)
        XCTAssertTrue(single.stdout.contains("6 images (1 without records, 1 skipped)"), single.stdout)
        // Without --skip-bad the part holding the bad image fails like a single run would.
        var failed: [Int] = []
        for k in 0..<3 {
            let r = try prep(["run", "m.yaml", "--partition", "\(k)/3", "--output", "strict/\(k)", "--quiet"])
            if r.status != 0 {
                failed.append(k)
                XCTAssertTrue(r.stderr.contains("images/img1b.png: cannot use this image:"), r.stderr)
            }
        }
        XCTAssertEqual(failed.count, 1)
        try runParts("m.yaml", 3, folder: "skip", extra: ["--skip-bad"])
        let m = try prep(["merge", "skip", "--output", "merged", "--quiet"])
        XCTAssertEqual(m.status, 0, m.stderr)
        XCTAssertEqual(try contents(dir.appendingPathComponent("merged")), try contents(dir.appendingPathComponent("single")))
        let index = try ShardDatasetIndex.load(from: dir.appendingPathComponent("merged"))
        XCTAssertEqual(index.provenance.skipped.map(\.path), ["images/img1b.png"])
        XCTAssertEqual(index.provenance.counts["imagesWithoutRecords"], 1)
        XCTAssertEqual(index.provenance.counts["skipped"], 1)
        XCTAssertEqual(index.provenance.counts["images"], 6)
    }

    func testAutoReadsSlurmAndKubernetesAndAFailedTaskRunsAgainAlone() throws {
        XCTAssertEqual(try prep(["run", "m.yaml", "--output", "single", "--quiet"]).status, 0)
        // A Slurm array --array=4-6: task 5 is part 1 of 3 (SLURM_ARRAY_TASK_MIN counts).
        var slurm = cleanEnvironment
        slurm.merge(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_MAX": "6", "SLURM_ARRAY_TASK_COUNT": "3"]) { $1 }
        let s = try prep(["run", "m.yaml", "--partition", "auto", "--output", "parts/b", "--quiet"], environment: slurm)
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stdout.contains("part 1/3: "), s.stdout)
        // Kubernetes Indexed Job: index from JOB_COMPLETION_INDEX, count from the variable or the flag.
        var k8s = cleanEnvironment
        k8s.merge(["JOB_COMPLETION_INDEX": "0", "SRKIT_PARTITION_COUNT": "3"]) { $1 }
        let k0 = try prep(["run", "m.yaml", "--partition", "auto", "--output", "parts/a", "--quiet"], environment: k8s)
        XCTAssertEqual(k0.status, 0, k0.stderr)
        XCTAssertTrue(k0.stdout.contains("part 0/3: "), k0.stdout)
        k8s["JOB_COMPLETION_INDEX"] = "2"
        k8s["SRKIT_PARTITION_COUNT"] = nil
        let k2 = try prep(["run", "m.yaml", "--partition", "auto", "--partition-count", "3", "--output", "parts/c", "--quiet"], environment: k8s)
        XCTAssertEqual(k2.status, 0, k2.stderr)
        XCTAssertTrue(k2.stdout.contains("part 2/3: "), k2.stdout)

        // Task 1 "died" before finishing (no part.json): the merge names it and writes nothing.
        let partB = dir.appendingPathComponent("parts/b").path
        try FileManager.default.removeItem(atPath: partB + "/part.json")
        let refused = try prep(["merge", "parts", "--output", "merged"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("\(partB): not a finished part (no part.json, so its task did not finish); run its task again (prep run MANIFEST --partition K/N --output \(partB) --force)."), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("merged").path))
        // Run again alone, into its folder, with --force.
        let again = try prep(["run", "m.yaml", "--partition", "1/3", "--output", "parts/b", "--force", "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let merged = try prep(["merge", "parts/a", "parts/b", "parts/c", "--output", "merged", "--quiet"])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(try contents(dir.appendingPathComponent("merged")), try contents(dir.appendingPathComponent("single")))
    }

    func testBadPartitionArgumentsAreRefused() throws {
        let cases: [([String], [String: String]?, String)] = [
            (["--partition", "4/4"], nil, "--partition 4/4: part 4 does not exist; 4 parts are numbered 0...3 (as Slurm array and Kubernetes completion indices from 0)."),
            (["--partition", "0/0"], nil, "--partition 0/0: the number of parts is 0 but must be at least 1."),
            (["--partition", "auto"], cleanEnvironment, "--partition auto: no job array found in the environment (Slurm: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, set in an sbatch --array job; Kubernetes: JOB_COMPLETION_INDEX in an Indexed Job, with the count from --partition-count or SRKIT_PARTITION_COUNT); run it as a task of a job array or pass --partition K/N."),
            (["--partition", "auto"], cleanEnvironment.merging(["JOB_COMPLETION_INDEX": "1"]) { $1 }, "--partition auto: Kubernetes: JOB_COMPLETION_INDEX is set but not the number of parts, which Kubernetes does not publish; pass --partition-count N (the Job's completions) or set SRKIT_PARTITION_COUNT."),
            (["--partition", "auto"], cleanEnvironment.merging(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9", "SLURM_ARRAY_TASK_COUNT": "3"]) { $1 }, "--partition auto: Slurm task 3 of an array with min 1, max 9, step 1 and 3 task(s) cannot be numbered 0...2; submit one range (--array=0-2 or a-b:step) or pass --partition K/N."),
            (["--partition", "two/4"], nil, "--partition two/4: expected K/N (part K of N, numbered from 0, e.g. 0/4) or auto."),
        ]
        for (arguments, environment, message) in cases {
            let r = try prep(["run", "m.yaml", "--output", "out"] + arguments, environment: environment)
            XCTAssertEqual(r.status, 1, arguments.joined(separator: " "))
            XCTAssertTrue(r.stderr.contains(message), "\(arguments): " + r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "nothing written for \(arguments)")
        }
    }

    /// A merge that must fail: status 1, `message` in stderr, no output folder.
    func assertMergeRefused(_ arguments: [String], _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try prep(["merge"] + arguments + ["--output", "merged"])
        XCTAssertEqual(r.status, 1, r.stdout, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(message), r.stderr, file: file, line: line)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("merged").path)) ?? []
        XCTAssertEqual(left, [], "nothing visible or staged after a refused merge", file: file, line: line)
    }

    func testMergeRefusesMissingDuplicateForeignAndDamagedParts() throws {
        try runParts("m.yaml", 3)
        let p = { (k: Int) in self.dir.appendingPathComponent("parts/\(k)").path }
        // Missing part.
        try assertMergeRefused(["parts/0", "parts/2"], "1 of 3 parts missing (1/3); found 2; run the missing tasks (prep run MANIFEST --partition K/3), then merge again.")
        // Duplicate part.
        try FileManager.default.copyItem(atPath: p(1), toPath: dir.appendingPathComponent("copy-of-1").path)
        try assertMergeRefused(["parts/0", "parts/1", "parts/2", "copy-of-1"], "part 1/3 was given twice (\(p(1)), \(dir.appendingPathComponent("copy-of-1").path)); pass each part once.")
        // A part of another manifest (a different --set value).
        let other = try prep(["run", "m.yaml", "--partition", "1/3", "--output", "other/1", "--set", "augment=none", "--quiet"])
        XCTAssertEqual(other.status, 0, other.stderr)
        let otherPath = dir.appendingPathComponent("other/1").path
        try assertMergeRefused(["parts/0", "other/1", "parts/2"], "\(otherPath): not from the same run as \(p(0)): variables differ: augment=none vs rot90; merge the parts of one run only")
        // A part of another manifest file (plain.yaml).
        let plain = try prep(["run", "plain.yaml", "--partition", "2/3", "--output", "plain/2", "--quiet"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let plainPath = dir.appendingPathComponent("plain/2").path
        try assertMergeRefused(["parts/0", "parts/1", "plain/2"], "\(plainPath): not from the same run as \(p(0)): manifest plain.yaml (SHA-256 ")
        // A part from an earlier run: an image was added to the source folder after parts 0 and 1 ran.
        try FileManager.default.copyItem(at: images.appendingPathComponent("img0.png"), to: images.appendingPathComponent("img5.png"))
        let late = try prep(["run", "m.yaml", "--partition", "2/3", "--output", "late/2", "--quiet"])
        XCTAssertEqual(late.status, 0, late.stderr)
        try FileManager.default.removeItem(at: images.appendingPathComponent("img5.png"))
        let latePath = dir.appendingPathComponent("late/2").path
        try assertMergeRefused(["parts/0", "parts/1", "late/2"], "\(latePath): not from the same run as \(p(0)): input list of 6 files")
        // A flipped byte in a shard of part 1: found by the merge's verify-level checks.
        let shards = dir.appendingPathComponent("parts/1/shards")
        let shard = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: shards.path).filter { $0.hasSuffix(".srshard") }.sorted().last)
        let shardURL = shards.appendingPathComponent(shard)
        var bytes = try Data(contentsOf: shardURL)
        bytes[bytes.count / 2] ^= 0x10
        try bytes.write(to: shardURL)
        try assertMergeRefused(["parts"], "\(shardURL.path): damaged part: ")
        try assertMergeRefused(["parts"], "run that part's task again with --force, then merge.")
        // A flipped byte in part.json itself.
        let partJSON = URL(fileURLWithPath: p(0)).appendingPathComponent("part.json")
        var json = try Data(contentsOf: partJSON)
        let at = try XCTUnwrap(json.firstRange(of: Data("\"records\" : ".utf8))).upperBound
        json[at] = json[at] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try json.write(to: partJSON)
        try assertMergeRefused(["parts/0", "parts/1", "parts/2"], "\(partJSON.path): damaged part: ")
    }
}
