/// Settings of a ``ShardDatasetWriter``.
public struct ShardWriterOptions: Sendable {
    /// Largest shard file size in bytes (header, records, footer and trailer included); default 256 MiB.
    /// A new shard starts when the next record would make the current one larger; a record that
    /// alone exceeds the target gets a shard of its own. Boundaries depend only on this value and
    /// the schema, so they are deterministic.
    public var targetShardBytes: Int = 256 << 20
    /// Replace a previous SRKit dataset in a non-empty output folder (see ``ShardDatasetWriter/init(directory:schema:options:)``).
    public var force: Bool = false
    /// Store a ``RecordProvenance`` with every record (shard format version 2): each record must
    /// then be appended with one. Without it the dataset is version 1, as before provenance existed.
    public var recordProvenance: Bool = false

    /// Options with the given target size (bytes), force flag and provenance choice.
    public init(targetShardBytes: Int = 256 << 20, force: Bool = false, recordProvenance: Bool = false) {
        self.targetShardBytes = targetShardBytes
        self.force = force
        self.recordProvenance = recordProvenance
    }
}
