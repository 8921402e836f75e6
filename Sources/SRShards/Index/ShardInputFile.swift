/// One input file a dataset was made from, recorded in index.json provenance.
public struct ShardInputFile: Codable, Equatable, Sendable {
    /// Path relative to the manifest's source root ("/"-separated, no absolute prefix), so the
    /// index is the same on every machine.
    public var path: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// File size in bytes.
    public var bytes: Int

    /// An input file entry.
    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}
