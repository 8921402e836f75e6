#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory (`mmap` with `PROT_READ`, `MAP_PRIVATE`), unmapped on deinit.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ShardError.readFailed(path: path, reason: Syscalls.errnoText()) }
        defer { Syscalls.closeQuietly(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw ShardError.readFailed(path: path, reason: "stat: \(Syscalls.errnoText())") }
        if (info.st_mode & S_IFMT) != S_IFREG { throw ShardError.readFailed(path: path, reason: "not a regular file") }
        let size = Int(info.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw ShardError.readFailed(path: path, reason: "mmap: \(Syscalls.errnoText())")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
