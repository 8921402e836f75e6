import Foundation
import SRBench
import SRTestSupport
import XCTest

/// Runs the built `bench score` with `exec:` and `dir:` models on the shared Set5, as a user would.
final class BenchExternalModelTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func bench(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("bench", arguments + ["--catalog", SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets").path],
                              currentDirectory: SharedData.repositoryRoot)
    }

    func testExampleExecModelMatchesTheBicubicBaselineAndReportsItsCost() throws {
        let root = try SharedData.require(SharedData.datasets)
        let report = dir.appendingPathComponent("exec.json").path
        let r = try bench(["score", "--model", "exec:Examples/exec-plugin/matlab_bicubic.py {input_dir} {output_dir} {scale}",
                           "--datasets", "set5", "--scales", "4", "--protocol", "basicsr", "--data-root", root.path,
                           "--format", "json", "--output", report])
        XCTAssertEqual(r.status, 0, r.stderr)
        let exec = try ScoreReport.read(from: report)
        let baseline = try ScoreReport.read(from: SharedData.repositoryRoot.appendingPathComponent("Manifests/baselines/bicubic-basicsr.json").path)
        let expected = try XCTUnwrap(baseline.cells.first { $0.dataset == "set5" && $0.scale == 4 })
        XCTAssertEqual(exec.cells[0].psnr.value, expected.psnr.value, accuracy: 0.001)
        XCTAssertEqual(exec.cells[0].ssim.value, expected.ssim.value, accuracy: 0.0001)
        XCTAssertEqual(exec.timing, .perBatch)
        XCTAssertGreaterThan(exec.cells[0].secondsPerImage, 0)
        XCTAssertEqual(exec.modelDetails?["command"], "Examples/exec-plugin/matlab_bicubic.py {input_dir} {output_dir} {scale}")
    }

    /// Starts the built `bench score` with an `exec:` command on Set5 x2, with `TMPDIR` set to
    /// a private folder so the test can see which work folders are left. With `ignoring`, a
    /// shell sets those signals to be ignored and then execs `bench` (as `nohup` does for HUP).
    func startBench(_ command: String, tmp: URL, ignoring: String? = nil) throws -> Process {
        let root = try SharedData.require(SharedData.datasets)
        let process = Process()
        let bench = CommandRunner.productsDirectory.appendingPathComponent("bench")
        let arguments = ["score", "--model", "exec:\(command)", "--datasets", "set5",
                         "--scales", "2", "--data-root", root.path,
                         "--catalog", SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets").path]
        if let ignoring {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' \(ignoring); exec \"$0\" \"$@\"", bench.path] + arguments
        } else {
            process.executableURL = bench
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmp.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A private temporary folder for one bench run.
    func privateTemporaryDirectory() throws -> URL {
        let tmp = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        return tmp
    }

    func workFolders(in tmp: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.hasPrefix("srkit-exec-") }
    }

    /// Ctrl-C on `bench` ends the running command too (it runs in its own process group, which
    /// the terminal's SIGINT does not reach), and `bench` dies of SIGINT as a shell expects,
    /// leaving no temporary folder behind.
    func testInterruptStopsTheRunningCommandAndRemovesTheWorkFolder() throws {
        let tmp = try privateTemporaryDirectory()
        let started = dir.appendingPathComponent("started").path, survived = dir.appendingPathComponent("survived").path
        let process = try startBench("touch \(started); sleep 3; touch \(survived)", tmp: tmp)
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: started), process.isRunning, Date() < deadline { usleep(20_000) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: started), "the command never started")
        XCTAssertEqual(try workFolders(in: tmp).count, 1)
        process.interrupt()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGINT)
        XCTAssertEqual(try workFolders(in: tmp), [], "SIGINT left the work folder")
        sleep(4)
        XCTAssertFalse(FileManager.default.fileExists(atPath: survived), "the command kept running after Ctrl-C")
    }

    func testTerminateRemovesTheWorkFolder() throws {
        let tmp = try privateTemporaryDirectory()
        let pidFile = dir.appendingPathComponent("command.pid").path
        let process = try startBench("sleep 30 & echo $! > \(pidFile); wait", tmp: tmp)
        let child = try XCTUnwrap(ProcessProbe.pid(inFile: pidFile), "the command never started")
        process.terminate()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, SIGTERM)
        XCTAssertEqual(try workFolders(in: tmp), [], "SIGTERM left the work folder")
        XCTAssertTrue(ProcessProbe.waitForExit(child, seconds: 5), "the command's sleep outlived bench")
    }

    /// A signal ignored when bench starts stays ignored: `nohup bench score --model exec:…` must
    /// survive the hang-up it was started to survive (the interrupt handlers must not take over).
    func testHangUpIgnoredAtStartDoesNotEndTheRun() throws {
        let tmp = try privateTemporaryDirectory()
        let started = dir.appendingPathComponent("started").path
        let process = try startBench("touch \(started); sleep 30", tmp: tmp, ignoring: "HUP")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: started), process.isRunning, Date() < deadline { usleep(20_000) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: started), "the command never started")
        kill(process.processIdentifier, SIGHUP)
        usleep(500_000)
        XCTAssertTrue(process.isRunning, "bench started with SIGHUP ignored died of SIGHUP")
        XCTAssertEqual(try workFolders(in: tmp).count, 1)
        process.terminate()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, SIGTERM)
        XCTAssertEqual(try workFolders(in: tmp), [], "SIGTERM left the work folder")
    }

    /// An LR image that cannot be written (here: `ulimit -f 0`) is reported by `{input_dir}` and
    /// the folder the user can act on, not by a path inside the removed work folder.
    func testUnwritableLRNamesNoDeletedFile() throws {
        let root = try SharedData.require(SharedData.datasets)
        let tmp = try privateTemporaryDirectory()
        // SIGXFSZ ignored so the write fails with EFBIG; stderr is a pipe, which the limit spares.
        let r = try CommandRunner.runShell("trap '' XFSZ; ulimit -f 0; TMPDIR=\"$T\" exec \"$B\" score --model exec:true --datasets set5 --scales 2 --data-root \"$D\" --catalog \"$C\"",
                                           environment: ["T": tmp.path, "B": CommandRunner.productsDirectory.appendingPathComponent("bench").path,
                                                         "D": root.path, "C": SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: Model command `true` could not be started: its LR images could not be written to {input_dir}, a temporary folder in \(tmp.path) ({input_dir}/baby.png: cannot write the image: File too large); free space there or set TMPDIR to another folder.\n")
        XCTAssertEqual(try workFolders(in: tmp), [])
    }

    /// SIGKILL runs no handler: the watchdog ends the command's group, and the next bench removes
    /// the dead run's work folder.
    func testCommandDiesWithBenchOnSIGKILLAndTheNextRunRemovesTheLeftover() throws {
        let tmp = try privateTemporaryDirectory()
        let pidFile = dir.appendingPathComponent("command.pid").path
        let process = try startBench("sleep 60 & echo $! > \(pidFile); wait", tmp: tmp)
        let child = try XCTUnwrap(ProcessProbe.pid(inFile: pidFile), "the command never started")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertTrue(ProcessProbe.waitForExit(child, seconds: 5), "the command's sleep (pid \(child)) outlived bench")
        let left = try workFolders(in: tmp)
        XCTAssertEqual(left.count, 1, "SIGKILL leaves the folder for the next run")
        XCTAssertTrue(left[0].hasPrefix("srkit-exec-\(process.processIdentifier)-"), left[0])

        let next = try startBench("exit 3", tmp: tmp)
        next.waitUntilExit()
        XCTAssertEqual(next.terminationStatus, 1)
        XCTAssertEqual(try workFolders(in: tmp), [], "the next run did not remove the dead run's folder")
    }

    func testFailingAndHangingCommandsExitOneWithAClearMessage() throws {
        let root = try SharedData.require(SharedData.datasets)
        let failing = try bench(["score", "--model", "exec:python3 -c 'import sys; sys.exit(\"CUDA out of memory\")'",
                                 "--datasets", "set5", "--scales", "2", "--data-root", root.path])
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stderr.contains("failed on set5 x2 (exit status 1)"), failing.stderr)
        XCTAssertTrue(failing.stderr.contains("its stderr ends with:\nCUDA out of memory"), failing.stderr)

        let hanging = try bench(["score", "--model", "exec:sleep 60", "--model-timeout", "1",
                                 "--datasets", "set5", "--scales", "2", "--data-root", root.path])
        XCTAssertEqual(hanging.status, 1)
        XCTAssertTrue(hanging.stderr.contains("Model command `sleep 60` did not finish on set5 x2 within 1 s and was killed"), hanging.stderr)
    }

    func testSavedImagesScoreAgainAsDirModelWithNoTiming() throws {
        let root = try SharedData.require(SharedData.datasets)
        let saved = dir.appendingPathComponent("sr").path
        let first = try bench(["score", "--model", "bicubic", "--datasets", "set5", "--scales", "3", "--data-root", root.path,
                               "--format", "csv", "--save-images", saved])
        XCTAssertEqual(first.status, 0, first.stderr)
        let again = try bench(["score", "--model", "dir:\(saved)", "--datasets", "set5", "--scales", "3", "--data-root", root.path,
                               "--format", "csv"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let a = first.stdout.split(separator: "\n")[1].split(separator: ","), b = again.stdout.split(separator: "\n")[1].split(separator: ",")
        XCTAssertEqual(a[5...6], b[5...6], "same PSNR and SSIM")
        XCTAssertEqual(b.last, "n/a")
    }
}
