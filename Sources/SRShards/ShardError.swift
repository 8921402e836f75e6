/// Everything that can go wrong writing, reading or checking shards.
///
/// Cases carry the path and the facts; ``description`` is one sentence naming the file, what is
/// wrong and what to do, which `prep` prints as is.
public enum ShardError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The schema cannot be stored (no fields, duplicate or empty names, bad shape).
    case invalidSchema(reason: String)
    /// The output folder already holds files and `--force` was not given.
    case outputNotEmpty(path: String, entries: [String])
    /// `--force` was given but the folder holds files that are not part of an SRKit dataset.
    case outputHasForeignFiles(path: String, entries: [String])
    /// A record was appended with the wrong number of fields.
    case fieldCountMismatch(expected: Int, actual: Int)
    /// A field's bytes do not match the schema's size for it.
    case fieldSizeMismatch(field: String, expected: Int, actual: Int)
    /// The writer was used after ``ShardDatasetWriter/finish(provenance:)`` or ``ShardDatasetWriter/abort()``.
    case writerClosed(path: String)
    /// A file or folder could not be created, written, synced or renamed (errno text in `reason`).
    case writeFailed(path: String, reason: String)
    /// A file could not be opened, read or mapped (errno text in `reason`).
    case readFailed(path: String, reason: String)
    /// The file does not start with the shard magic.
    case notAShard(path: String)
    /// The shard was written by a newer format version this reader does not know.
    case unsupportedVersion(path: String, version: UInt32, supported: UInt32)
    /// The shard's structure is damaged (truncated, inconsistent header, footer or trailer).
    case corruptShard(path: String, reason: String)
    /// index.json is missing fields, unreadable or inconsistent.
    case invalidIndex(path: String, reason: String)
    /// A record number outside `0..<count`.
    case recordOutOfRange(path: String, record: Int, count: Int)
    /// A field name not in the schema.
    case unknownField(path: String, field: String, known: [String])
    /// A field cannot be exported as an image (wrong dimensions, channels or dtype).
    case notAnImage(path: String, field: String, reason: String)
    /// A footer entry's record offset is not the one the header implies
    /// (`headerLength + entry × recordStride`): the footer is damaged, and trusting it would
    /// hand out the bytes of a different record. Checked for every entry when a shard is opened.
    case footerEntryMisplaced(path: String, entry: Int, offset: Int, expected: Int)
    /// The trailer's footer offset is not where `records` records of the header's stride end.
    case footerOffsetMisplaced(path: String, footerOffset: Int, records: Int, expected: Int)
    /// A shard's size differs from its `bytes` in index.json (checked when a dataset folder is opened).
    case shardSizeMismatch(path: String, bytes: Int, expected: Int)
    /// A shard became shorter than it was when it was opened (another program truncated it);
    /// readers use `pread`, so this is an error instead of a SIGBUS.
    case shardShrank(path: String, openedBytes: Int, nowBytes: Int)
    /// Without `--force`, the output folder received files while the run was writing, so the
    /// finished dataset was not put in its place.
    case outputAppeared(path: String, entries: [String])
    /// A writer storing per-record provenance got a record without one (`record`), or a
    /// provenance without the list of input names (`record` nil).
    case provenanceMissing(path: String, record: Int?)
    /// A record's provenance has a value that does not fit its u32 field or a variant outside 0...7.
    case provenanceUnencodable(path: String, record: Int)
    /// index.json's `checksum` does not match its bytes: the index was edited or damaged.
    case indexChecksumMismatch(path: String, stored: String, actual: String)

    /// One sentence: the file, what is wrong, what to do.
    public var description: String {
        switch self {
        case .invalidSchema(let reason):
            return "shard schema: \(reason); give every field a unique non-empty name and a shape of positive dimensions."
        case .outputNotEmpty(let path, let entries):
            return "\(path): the output folder is not empty (\(Self.list(entries))); choose an empty folder or pass --force to replace a previous dataset."
        case .outputHasForeignFiles(let path, let entries):
            return "\(path): --force only replaces an SRKit dataset (index.json and shard-*.srshard) but the folder also holds \(Self.list(entries)); move those files away or choose another folder."
        case .fieldCountMismatch(let expected, let actual):
            return "shard record: \(actual) field(s) given but the schema has \(expected); pass one buffer per schema field, in schema order."
        case .fieldSizeMismatch(let field, let expected, let actual):
            return "shard record: field \"\(field)\" has \(actual) bytes but the schema needs \(expected); check the field's shape and dtype against the data."
        case .writerClosed(let path):
            return "\(path): the shard writer is already finished or aborted; create a new writer to write again."
        case .writeFailed(let path, let reason):
            return "\(path): cannot write (\(reason)); check free space and permissions, then run again."
        case .readFailed(let path, let reason):
            return "\(path): cannot read (\(reason)); check that the file exists and is readable."
        case .notAShard(let path):
            return "\(path): not an SRKit shard (bad magic); pass a shard-*.srshard file or a dataset folder with index.json."
        case .unsupportedVersion(let path, let version, let supported):
            return "\(path): shard format version \(version) is newer than this reader's version \(supported); update SRKit to read it."
        case .corruptShard(let path, let reason):
            return "\(path): corrupt shard (\(reason)); regenerate the dataset with prep run."
        case .invalidIndex(let path, let reason):
            return "\(path): invalid dataset index (\(reason)); regenerate the dataset with prep run."
        case .recordOutOfRange(let path, let record, let count):
            return "\(path): record \(record) does not exist; the dataset has \(count) record(s), numbered 0...\(max(count - 1, 0))."
        case .unknownField(let path, let field, let known):
            return "\(path): no field \"\(field)\"; the schema has \(known.joined(separator: ", "))."
        case .notAnImage(let path, let field, let reason):
            return "\(path): field \"\(field)\" cannot be written as an image (\(reason)); export a uint8 field with 3 dimensions and 1 or 3 channels."
        case .footerEntryMisplaced(let path, let entry, let offset, let expected):
            return "\(path): corrupt shard (footer entry \(entry) gives record offset \(offset), but record \(entry) starts at \(expected)); regenerate the dataset with prep run."
        case .footerOffsetMisplaced(let path, let footerOffset, let records, let expected):
            return "\(path): corrupt shard (the trailer gives footer offset \(footerOffset), but \(records) record(s) end at \(expected)); regenerate the dataset with prep run."
        case .shardSizeMismatch(let path, let bytes, let expected):
            return "\(path): the shard is \(bytes) bytes but index.json lists \(expected); it was truncated, extended or replaced after the dataset was written, so regenerate the dataset with prep run."
        case .shardShrank(let path, let openedBytes, let nowBytes):
            return "\(path): the shard shrank from \(openedBytes) to \(nowBytes) bytes while it was open; another program truncated it, so open the dataset again or regenerate it with prep run."
        case .provenanceMissing(let path, let record):
            if let record { return "\(path): record \(record) has no provenance but the dataset stores one per record; pass a RecordProvenance with every record." }
            return "\(path): the dataset stores per-record provenance but its provenance has no list of sources; set DatasetProvenance.sources."
        case .provenanceUnencodable(let path, let record):
            return "\(path): record \(record)'s provenance does not fit the shard format (each value 0...4294967295, variant 0...7)."
        case .indexChecksumMismatch(let path, let stored, let actual):
            return "\(path): index.json was changed after it was written (its checksum is \(stored), its bytes give \(actual)); regenerate the dataset with prep run."
        case .outputAppeared(let path, let entries):
            return "\(path): files appeared in the output folder during the run (\(Self.list(entries))); the new dataset was not put in place and nothing was replaced; choose an empty folder or pass --force."
        }
    }

    private static func list(_ entries: [String]) -> String {
        let shown = entries.prefix(5).joined(separator: ", ")
        return entries.count > 5 ? "\(shown) and \(entries.count - 5) more" : shown
    }
}
