import SRShards

/// Where `prep run` puts finished records: the shard writer in production, a collector in tests.
///
/// The runner calls ``open(fields:)`` once the schema is known (after the first image with
/// records, or at the end for an empty dataset), ``append(_:)`` once per record in final order,
/// then ``finish(provenance:)``; on any error it calls ``abort()`` instead, which must leave
/// nothing visible.
public protocol RecordSink: AnyObject {
    /// Fixes the schema; called exactly once.
    func open(fields: [ResolvedField]) throws
    /// One record: one buffer per field, in schema order, each exactly `byteCount` bytes.
    func append(_ record: [UnsafeRawBufferPointer]) throws
    /// One record with its place in the run's order and where it came from; what the runner
    /// calls. The default forgets both and calls ``append(_:)``; the shard sinks store the
    /// provenance and a partial dataset (``PartialDatasetSink``) the origin too.
    func append(_ record: [UnsafeRawBufferPointer], origin: RecordOrigin, provenance: RecordProvenance) throws
    /// Completes the dataset and makes it visible; returns the total bytes written.
    func finish(provenance: RunProvenance) throws -> Int
    /// Discards everything written so far.
    func abort()
}

extension RecordSink {
    public func append(_ record: [UnsafeRawBufferPointer], origin: RecordOrigin, provenance: RecordProvenance) throws {
        try append(record)
    }
}

/// What one input image gave, in the order the runner consumed the images.
public struct InputOutcome: Sendable {
    /// Position of the image in the full input list.
    public var input: Int
    /// Files read for it (one per source), with SHA-256 and size.
    public var read: [(name: String, sha256: String, bytes: Int)]
    /// Records it produced (0 when skipped, filtered out or too small).
    public var records: Int
    /// Set when `--skip-bad` skipped it: (file, reason).
    public var skipped: (name: String, reason: String)?
}

/// What a run records about itself in the dataset's index (deterministic: no times, no hosts).
public struct RunProvenance: Sendable {
    /// Manifest file name (not its absolute path, so the index is the same on every machine).
    public var manifest: String
    /// SHA-256 of the manifest bytes.
    public var manifestSHA256: String
    /// The manifest seed.
    public var seed: UInt64
    /// Resolved variables.
    public var variables: [String: String]
    /// Input files in order: `source/relative-path`, SHA-256, size.
    public var inputs: [(name: String, sha256: String, bytes: Int)]
    /// Files `--skip-bad` skipped, with the reason.
    public var skipped: [(name: String, reason: String)]
    /// Counts: images, records, skipped, imagesWithoutRecords.
    public var counts: [String: Int]
    /// Per input image, in input order: what the fields above sum up (a partial dataset stores it).
    public var outcomes: [InputOutcome] = []
    /// Every input image's name relative to its source folder, in the whole run's input order
    /// (what ``RecordProvenance/input`` indexes).
    public var sources: [String] = []

}

/// Keeps records in memory; for tests and small tools.
public final class CollectingRecordSink: RecordSink {
    /// The schema passed to ``open(fields:)``.
    public private(set) var fields: [ResolvedField] = []
    /// Every record's field bytes, in order.
    public private(set) var records: [[[UInt8]]] = []
    /// Every record's provenance, in order (when the runner gave one).
    public private(set) var provenances: [RecordProvenance] = []
    /// The provenance passed to ``finish(provenance:)``.
    public private(set) var provenance: RunProvenance?
    /// Whether ``abort()`` was called.
    public private(set) var aborted = false

    /// An empty collector.
    public init() {}

    public func open(fields: [ResolvedField]) throws { self.fields = fields }
    public func append(_ record: [UnsafeRawBufferPointer]) throws { records.append(record.map { [UInt8]($0) }) }
    public func append(_ record: [UnsafeRawBufferPointer], origin: RecordOrigin, provenance: RecordProvenance) throws {
        try append(record)
        provenances.append(provenance)
    }
    public func finish(provenance: RunProvenance) throws -> Int {
        self.provenance = provenance
        return records.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
    }
    public func abort() { aborted = true }
}
