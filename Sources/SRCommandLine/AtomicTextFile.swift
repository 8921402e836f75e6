import Foundation

/// Writes text files (reports, rendered tables) under a temporary name in the destination
/// folder and renames them into place, so a failed or interrupted run never leaves a
/// half-written file and an existing file is only replaced by a complete one.
public enum AtomicTextFile {
    /// Writes `text` as UTF-8 to `path`, replacing any file there. On failure the temporary
    /// file is removed, `path` is left as it was, and the error names `path`.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try Data(text.utf8).write(to: tmp)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw AtomicTextFileError(path: path, reason: (error as NSError).localizedDescription)
        }
        // rename(2) replaces an existing file atomically; Foundation's replaceItemAt on Linux
        // fails on an existing destination ("The file doesn't exist", AtomicTextFileTests).
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw AtomicTextFileError(path: path, reason: reason)
        }
    }
}

/// Why ``AtomicTextFile/write(_:to:)`` failed, naming the file.
public struct AtomicTextFileError: Error, CustomStringConvertible, Equatable {
    /// The file that was to be written.
    public let path: String
    /// The file system's reason.
    public let reason: String

    /// "`path`: cannot write: `reason`".
    public var description: String { "\(path): cannot write: \(reason)" }
}
