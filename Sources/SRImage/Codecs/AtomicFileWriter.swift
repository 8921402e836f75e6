#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes encoded bytes so a reader never sees a partial image.
///
/// The bytes go to a temporary file in the destination folder (same file system, so `rename`
/// is atomic), which is renamed over `path` only after every byte is written and the file is
/// closed. On any failure the temporary file is removed and `path` is left as it was.
enum AtomicFileWriter {
    /// Writes `bytes` to `path`; throws ``ImageError/writeFailed(path:reason:)`` naming the cause.
    static func commit(_ bytes: [UInt8], to path: String) throws {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if name.isEmpty { throw ImageError.writeFailed(path: path, reason: "the path names a folder, not a file") }
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw ImageError.writeFailed(path: path, reason: "cannot create a temporary file in \(folder.isEmpty ? "/" : folder): \(errnoText())")
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
            throw ImageError.writeFailed(path: path, reason: failure)
        }
    }
}
