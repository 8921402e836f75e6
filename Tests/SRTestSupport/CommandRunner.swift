import Foundation

/// Runs one of the package's built executables (`prep`, `bench`) the way a user would,
/// for end-to-end tests that compare exit status, stdout and stderr.
public enum CommandRunner {
    /// What a finished command left behind.
    public struct Result: Sendable {
        /// Process exit status (0 on success).
        public let status: Int32
        /// Everything written to standard output, decoded as UTF-8.
        public let stdout: String
        /// Everything written to standard error, decoded as UTF-8.
        public let stderr: String

        /// Bundles the fields (for helpers that run other programs, such as ``Tools``).
        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The folder holding the built products: the test bundle's own folder in SwiftPM builds.
    public static var productsDirectory: URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("prep").path) }
            ?? Bundle.main.bundleURL
    }

    /// Runs `name` (an executable product of this package) with `arguments`, waiting for it to exit.
    /// `environment`, when given, is the child's whole environment (default: this process's), so
    /// tests can run a command as a Slurm or Kubernetes task would see it.
    public static func run(_ name: String, _ arguments: [String], currentDirectory: URL? = nil,
                           environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent(name)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        if let environment { process.environment = environment }
        return try collect(process)
    }

    /// Runs `/bin/sh -c script` with `environment` added to this process's, waiting for it to
    /// exit; for tests that need what Swift strings cannot carry (file names that are not UTF-8).
    public static func runShell(_ script: String, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        return try collect(process)
    }

    /// Starts `process` with pipes for stdout and stderr, drains both (stderr on another
    /// thread, so a child that fills either pipe never blocks waiting for us) and waits for it.
    static func collect(_ process: Process) throws -> Result {
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh empty temporary folder, removed by the caller (typically in `tearDown`).
    public static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("srkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
