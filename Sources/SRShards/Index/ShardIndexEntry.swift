/// One shard as listed in index.json.
public struct ShardIndexEntry: Codable, Equatable, Sendable {
    /// File name inside the dataset folder, e.g. "shard-00000.srshard".
    public var file: String
    /// SHA-256 of the whole file, lowercase hex.
    public var sha256: String
    /// Number of records in the shard.
    public var records: Int
    /// File size in bytes.
    public var bytes: Int
    /// Dataset-wide number of the shard's first record (sum of the records of earlier shards).
    public var firstRecord: Int

    /// A shard entry.
    public init(file: String, sha256: String, records: Int, bytes: Int, firstRecord: Int) {
        self.file = file
        self.sha256 = sha256
        self.records = records
        self.bytes = bytes
        self.firstRecord = firstRecord
    }
}
