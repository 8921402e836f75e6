import Crypto
import SRShards

/// One file of an input as the listing saw it: its `source/relative-path` name and its size in
/// bytes from `stat` (-1 when it cannot be stat'ed). This is what partitions agree on before any
/// file is read: it weighs the work and identifies the input list.
public struct ListedFile: Codable, Equatable, Sendable {
    /// `source/relative-path`, as in index.json provenance.
    public var path: String
    /// Size in bytes, or -1 if unknown.
    public var bytes: Int

    /// A listed file.
    public init(path: String, bytes: Int) {
        self.path = path
        self.bytes = bytes
    }
}

/// SHA-256 of a whole input list: for each input in order, its file count, then per file the
/// UTF-8 length of the name, the name and the size, all integers as 64-bit little-endian. Length
/// prefixes make the encoding unambiguous whatever characters names hold.
struct InputListDigest {
    private var hasher = SHA256()

    mutating func add(_ files: [ListedFile]) {
        put(UInt64(files.count))
        for file in files {
            let name = Array(file.path.utf8)
            put(UInt64(name.count))
            hasher.update(data: name)
            put(UInt64(bitPattern: Int64(file.bytes)))
        }
    }

    private mutating func put(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { hasher.update(bufferPointer: $0) }
    }

    func finalize() -> String {
        HexDigest.hex(hasher.finalize())
    }

    /// An input's weight for ``WorkBalancer``: the sum of its files' known sizes.
    static func weight(_ files: [ListedFile]) -> UInt64 {
        files.reduce(0) { $0 + UInt64(max($1.bytes, 0)) }
    }
}
