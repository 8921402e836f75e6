#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shard file open for reading with `pread` (never memory-mapped), closed on deinit.
///
/// Why not `mmap`: a mapped file that another program truncates kills the reader with SIGBUS
/// at the first access past the new end, and no check beforehand can close that race. `pread`
/// instead returns fewer bytes, which ``read(at:count:into:)`` turns into
/// ``ShardError/shardShrank(path:openedBytes:nowBytes:)``. The cost is one copy of each record
/// read (a few µs for a 32×32 pair) and one descriptor per open shard. The descriptor pins the
/// file: a shard unlinked or renamed away after opening (`prep run --force`) is still read whole.
final class ShardFile: @unchecked Sendable {
    /// The path the file was opened by (for messages).
    let path: String
    /// Size in bytes when opened.
    let size: Int
    private let fd: Int32

    /// Opens `path` (relative to the folder descriptor `directory`, or to the working directory
    /// when `directory` is nil); refuses anything but a regular file.
    init(path: String, name: String? = nil, directory: Int32? = nil) throws {
        self.path = path
        let flags = O_RDONLY | O_CLOEXEC
        var fd: Int32
        repeat {
            fd = directory.map { openat($0, name ?? path, flags) } ?? open(path, flags)
        } while fd < 0 && errno == EINTR
        if fd < 0 { throw ShardError.readFailed(path: path, reason: Syscalls.errnoText()) }
        var info = stat()
        if fstat(fd, &info) != 0 {
            let text = Syscalls.errnoText()
            Syscalls.closeQuietly(fd)
            throw ShardError.readFailed(path: path, reason: "stat: \(text)")
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            Syscalls.closeQuietly(fd)
            throw ShardError.readFailed(path: path, reason: "not a regular file")
        }
        self.fd = fd
        size = Int(info.st_size)
    }

    deinit { Syscalls.closeQuietly(fd) }

    /// Reads exactly `count` bytes at `offset` into `buffer` (the corresponding C function is
    /// `pread`, looped over short reads). Callers only ask for ranges inside ``size``, so an
    /// early end of file means the file shrank since it was opened.
    func read(at offset: Int, count: Int, into buffer: UnsafeMutableRawPointer) throws {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw ShardError.readFailed(path: path, reason: Syscalls.errnoText())
            }
            if n == 0 { throw ShardError.shardShrank(path: path, openedBytes: size, nowBytes: currentSize()) }
            done += n
        }
    }

    /// `count` bytes at `offset` as an array.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { raw in
            if let base = raw.baseAddress { try read(at: offset, count: count, into: base) }
        }
        return out
    }

    /// The file's size now (after a short read), or 0 if it cannot be found out.
    private func currentSize() -> Int {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }
}
