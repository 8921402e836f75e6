import Foundation
import XCTest

/// Locates the read-only data that lives outside the repository (`../shared`) and the
/// repository's own `Fixtures/`.
///
/// Fidelity tests need the real datasets. Locally they skip with a message when the data is
/// absent; under `CI=true` a missing dataset is a failure, so CI can never go green by skipping.
public enum SharedData {
    /// The repository root, derived from this file's location (`Tests/SRTestSupport/…`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/` in the repository.
    public static var fixtures: URL { repositoryRoot.appendingPathComponent("Fixtures") }

    /// `../shared` beside the repository, or `$SRKIT_SHARED` when set.
    public static var sharedRoot: URL {
        if let env = ProcessInfo.processInfo.environment["SRKIT_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// `../shared/datasets`.
    public static var datasets: URL { sharedRoot.appendingPathComponent("datasets") }

    /// `../shared/weights`.
    public static var weights: URL { sharedRoot.appendingPathComponent("weights") }

    /// True when running under CI (`CI=true`), where missing shared data must fail, not skip.
    public static var isCI: Bool {
        let v = ProcessInfo.processInfo.environment["CI"]?.lowercased()
        return v == "true" || v == "1"
    }

    /// Returns `url` if it exists; otherwise throws `XCTSkip` locally and fails under CI.
    public static func require(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let message = "Shared data not found at \(url.path) (set SRKIT_SHARED to the shared folder)"
        if isCI {
            XCTFail(message + " — required under CI=true", file: file, line: line)
            throw XCTSkip(message)
        }
        throw XCTSkip(message)
    }

    /// Sorted file paths in `folder` whose extension (lower-cased) is one of `extensions`.
    public static func files(in folder: URL, extensions: Set<String>) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { extensions.contains($0.pathExtension.lowercased()) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
