import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a hidden temporary name beside its destination and renamed into place
/// only by ``commit()``, after its bytes are synced: a reader sees the old file or the whole new
/// one, never part of one. SHA-256 and size are computed while writing. Dropped or
/// ``discard()``ed before commit, it leaves nothing behind.
///
/// For the small files that travel with a dataset (a partial dataset's `part.json` and
/// `order.bin`); shards have their own writer.
package final class StagedFile {
    /// The destination path.
    package let path: String
    private let temporary: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    private var finished = false
    /// Bytes appended so far.
    package private(set) var size = 0

    /// Creates the temporary file `.<name>.<pid>.<random>.tmp` in `path`'s folder.
    package init(path: String) throws {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporary = "\(folder).\(name).\(getpid()).\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).tmp"
        fd = try Syscalls.createExclusive(temporary)
        buffer.reserveCapacity(1 << 20)
    }

    deinit { discard() }

    /// Appends `bytes` (buffered).
    package func append(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        size += bytes.count
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends `bytes` (buffered).
    package func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { raw in
            hasher.update(bufferPointer: raw)
            try Syscalls.writeAll(fd, raw.baseAddress!, raw.count, path: temporary)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Syncs, closes and renames the file into place, then syncs the folder; returns its SHA-256
    /// (lowercase hex). On failure the temporary file is removed and the destination left as it was.
    @discardableResult
    package func commit() throws -> String {
        do {
            try flush()
            try Syscalls.sync(fd, path: temporary)
            let closing = fd
            fd = -1
            try Syscalls.closeChecked(closing, path: temporary)
            try Syscalls.renameFile(temporary, path)
            finished = true
            let slash = path.lastIndex(of: "/")
            try Syscalls.syncDirectory(slash.map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? ".")
        } catch {
            if !finished { discard() }
            throw error
        }
        return HexDigest.hex(hasher.finalize())
    }

    /// Closes and removes the temporary file (no effect after a commit).
    package func discard() {
        if fd >= 0 {
            Syscalls.closeQuietly(fd)
            fd = -1
        }
        if !finished {
            finished = true
            unlink(temporary)
        }
    }

    /// Writes `bytes` to `path` through a staged file; returns the SHA-256.
    @discardableResult
    package static func write(_ bytes: [UInt8], to path: String) throws -> String {
        let file = try StagedFile(path: path)
        try file.append(bytes)
        return try file.commit()
    }

    /// Removes `path` if present and syncs its folder, so the removal survives a crash.
    package static func remove(_ path: String) throws {
        if unlink(path) != 0 {
            if errno == ENOENT { return }
            throw ShardError.writeFailed(path: path, reason: "cannot remove: \(Syscalls.errnoText())")
        }
        let slash = path.lastIndex(of: "/")
        try Syscalls.syncDirectory(slash.map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? ".")
    }
}
