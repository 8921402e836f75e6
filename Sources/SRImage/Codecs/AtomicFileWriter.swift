#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so a reader never sees a partial one: encoded images here, and (at `package`
/// level) the command-line tools' reports.
///
/// The bytes go to a temporary file in the destination folder (same file system, so `rename`
/// is atomic), which is renamed over `path` only after every byte is written and the file is
/// closed. On any failure the temporary file is removed and `path` is left as it was. POSIX
/// calls rather than Foundation's: errno gives the precise reason, and Foundation's
/// `replaceItemAt` fails on Linux when the destination exists.
package enum AtomicFileWriter {
    /// Why a write failed: the file system's reason, one clause ("No such file or directory").
    package struct Failure: Error {
        /// The reason, without the path.
        package let reason: String
    }

    /// Writes `bytes` to `path`; throws ``ImageError/writeFailed(path:reason:)`` naming the cause.
    static func commit(_ bytes: [UInt8], to path: String) throws {
        do {
            try save(bytes, to: path)
        } catch {
            throw ImageError.writeFailed(path: path, reason: error.reason)
        }
    }

    /// Writes `bytes` to `path`, replacing any file there; callers wrap ``Failure`` in their
    /// module's error.
    package static func save(_ bytes: [UInt8], to path: String) throws(Failure) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if name.isEmpty { throw Failure(reason: "the path names a folder, not a file") }
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw Failure(reason: "cannot create a temporary file in \(folder.isEmpty ? "/" : folder): \(errnoText())")
        }
        var failure: String? = nil
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errnoText()
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0 && failure == nil { failure = errnoText() }
        if failure == nil && rename(temporary, path) != 0 { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw Failure(reason: failure)
        }
    }
}
