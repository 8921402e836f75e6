#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place SRShards calls libc file functions: each retries EINTR and turns a failure into
/// a ``ShardError`` naming the path and the errno text (e.g. "No space left on device").
enum Syscalls {
    /// The current errno as text, e.g. "Permission denied (errno 13)".
    static func errnoText(_ code: Int32 = errno) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }

    /// Creates `path` exclusively for writing (the corresponding C function is `open`).
    static func createExclusive(_ path: String) throws -> Int32 {
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw ShardError.writeFailed(path: path, reason: "cannot create: \(errnoText())")
        }
    }

    /// Writes all `count` bytes at `base` to `fd` (`write`, looping over short writes).
    static func writeAll(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int, path: String) throws {
        var done = 0
        while done < count {
            let n = write(fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ShardError.writeFailed(path: path, reason: errnoText())
            }
            if n == 0 { throw ShardError.writeFailed(path: path, reason: "write returned 0 bytes") }
            done += n
        }
    }

    /// Flushes `fd` to stable storage (`fsync`).
    static func sync(_ fd: Int32, path: String) throws {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            // Some file systems (and /dev files) cannot fsync; that is not a data error.
            if errno == EINVAL || errno == EROFS { return }
            throw ShardError.writeFailed(path: path, reason: "fsync: \(errnoText())")
        }
    }

    /// Closes `fd`; a failed close can report a delayed write error, so it throws.
    static func closeChecked(_ fd: Int32, path: String) throws {
        if close(fd) != 0 && errno != EINTR {
            throw ShardError.writeFailed(path: path, reason: "close: \(errnoText())")
        }
    }

    /// Closes `fd` ignoring errors (cleanup after another failure).
    static func closeQuietly(_ fd: Int32) {
        _ = close(fd)
    }

    /// Syncs a folder so renames inside it survive a crash (`open` + `fsync` on the folder).
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ShardError.writeFailed(path: path, reason: "open folder: \(errnoText())") }
        defer { close(fd) }
        try sync(fd, path: path)
    }

    /// Renames `from` to `to` atomically (same file system; `rename`).
    static func renameFile(_ from: String, _ to: String) throws {
        if rename(from, to) != 0 {
            throw ShardError.writeFailed(path: to, reason: "rename from \(from): \(errnoText())")
        }
    }
}
