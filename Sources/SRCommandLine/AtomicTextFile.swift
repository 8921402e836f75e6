import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes text files (reports, rendered tables) under a temporary name in the destination
/// folder and renames them into place, so a failed or interrupted run never leaves a
/// half-written file and an existing file is only replaced by a complete one.
public enum AtomicTextFile {
    /// Writes `text` as UTF-8 to `path`, replacing any file there. On failure the temporary
    /// file is removed, `path` is left as it was, and the error names `path`.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        // POSIX calls rather than Foundation's: errno gives the precise reason ("No such file or
        // directory"), and rename(2) replaces an existing file atomically, where Foundation's
        // replaceItemAt fails on Linux when the destination exists (AtomicTextFileTests).
        func fail() -> CommandLineError { .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail() }
        var failure: CommandLineError?
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty, failure == nil {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno != EINTR { failure = fail() } } else { bytes = bytes.dropFirst(n) }
        }
        if close(fd) != 0, failure == nil { failure = fail() }
        if failure == nil, rename(tmp, url.path) != 0 { failure = fail() }
        if let failure {
            unlink(tmp)
            throw failure
        }
    }
}
