import Foundation
import XCTest

/// External programs some tests drive (a real browser, an SVG converter): found on `PATH`,
/// skipped with a message locally when absent, a failure under `CI=true`, where `.ci/run`
/// installs them.
public enum Tools {
    /// The path of `name` on `PATH`, or a skip (a failure under CI) naming the Debian package.
    public static func require(_ name: String, package: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        if let path { return path }
        let message = "\(name) not found on PATH (apt-get install \(package ?? name))"
        if SharedData.isCI { XCTFail(message + " — required under CI=true", file: file, line: line) }
        throw XCTSkip(message)
    }

    /// Runs `path` with `arguments`, waits, and returns status and output.
    public static func run(_ path: String, _ arguments: [String], timeout: Double = 60) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        timer.cancel()
        return CommandRunner.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                    stderr: String(decoding: errData, as: UTF8.self))
    }
}
