import Foundation

/// A loopback HTTP mirror for the fetch tests: Tests/mirror/mirror_server.py serving a temporary
/// folder laid out by URL path (symlinks into ../shared/datasets), on 127.0.0.1 and a free port.
/// The server exits when this process closes its stdin (or after 120 s).
public final class MirrorServer: @unchecked Sendable {
    /// `http://127.0.0.1:PORT`; append `/ok`, `/corrupt`, `/404`… to pick the behaviour.
    public let base: String
    /// The folder served.
    public let root: URL
    private let process: Process
    private let stdin: Pipe

    /// Lays out `files` (URL → local file) and starts the server.
    public init(files: [(url: String, local: URL)]) throws {
        let fm = FileManager.default
        root = try CommandRunner.makeTemporaryDirectory()
        for (url, local) in files {
            guard let path = URLComponents(string: url)?.path else { continue }
            let target = root.appendingPathComponent(String(path.dropFirst()))
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.createSymbolicLink(at: target, withDestinationURL: local)
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [SharedData.repositoryRoot.appendingPathComponent("Tests/mirror/mirror_server.py").path, root.path]
        let out = Pipe()
        stdin = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line.append(byte) }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw CocoaError(.fileReadUnknown) }
        base = "http://127.0.0.1:\(port)"
    }

    /// Stops the server and removes its folder.
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: root)
    }
}
