import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset folder held open by a descriptor while its index.json and shards are opened.
///
/// Every file is opened relative to the descriptor (`openat`), so all of them come from the
/// same folder even if `prep run --force` swaps a new dataset into the path meanwhile: a
/// reader gets the old dataset or the new one, never index.json of one and shards of the
/// other. (If the old folder's files are deleted before they are opened, opening fails with
/// "No such file or directory".)
final class DatasetFolder {
    /// The folder path (for messages).
    let url: URL
    private let fd: Int32

    /// Opens `url` as a folder; throws ``ShardError/readFailed(path:reason:)``.
    init(_ url: URL) throws {
        self.url = url
        var fd: Int32
        repeat { fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd < 0 { throw ShardError.readFailed(path: url.path, reason: Syscalls.errnoText()) }
        self.fd = fd
    }

    deinit { Syscalls.closeQuietly(fd) }

    /// The bytes of index.json; a missing one is "not a finished SRKit dataset".
    func indexBytes() throws -> Data {
        let path = url.appendingPathComponent(ShardFormat.indexFileName).path
        var info = stat()
        if fstatat(fd, ShardFormat.indexFileName, &info, 0) != 0 && errno == ENOENT {
            throw ShardError.readFailed(path: path, reason: "no index.json; not a finished SRKit dataset")
        }
        let file = try ShardFile(path: path, name: ShardFormat.indexFileName, directory: fd)
        return Data(try file.bytes(at: 0, count: file.size))
    }

    /// Opens shard `name` of this folder.
    func shard(_ name: String) throws -> ShardFile {
        try ShardFile(path: url.appendingPathComponent(name).path, name: name, directory: fd)
    }
}
