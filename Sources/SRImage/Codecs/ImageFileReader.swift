#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole image file into memory with POSIX `open`/`fstat`/`read`.
///
/// POSIX rather than Foundation so a failure carries the plain `strerror` text ("No such file
/// or directory") that ``ImageError/unreadable(path:reason:)`` puts in its one sentence.
enum ImageFileReader {
    /// The file's bytes; throws `unreadable` (missing, directory, FIFO or device, permission) or `empty`.
    ///
    /// Opened with `O_NONBLOCK` so that a FIFO cannot block the open until some writer appears;
    /// anything but a regular file is then refused (a FIFO or `/dev/zero` would never end or
    /// would block reading). The flag changes nothing for regular files.
    static func contents(of path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw ImageError.unreadable(path: path, reason: errnoText()) }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) != 0 { throw ImageError.unreadable(path: path, reason: errnoText()) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ImageError.unreadable(path: path, reason: "it is a directory")
        case S_IFIFO: throw ImageError.unreadable(path: path, reason: "it is a FIFO (named pipe), not a regular file")
        default: throw ImageError.unreadable(path: path, reason: "it is not a regular file (a device or socket)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(Int(status.st_size), 0))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImageError.unreadable(path: path, reason: errnoText())
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if bytes.isEmpty { throw ImageError.empty(path: path) }
        return bytes
    }
}

/// `strerror(errno)`, e.g. "No such file or directory".
func errnoText() -> String {
    String(cString: strerror(errno))
}
