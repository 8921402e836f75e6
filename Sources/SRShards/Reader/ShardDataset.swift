import Foundation

/// A readable dataset: either a folder with index.json and its shards, or a single shard file
/// (no index). Records are numbered across shards in index order.
public final class ShardDataset: @unchecked Sendable {
    /// The folder or shard path given.
    public let path: String
    /// The index, or nil when a single shard file was opened.
    public let index: ShardDatasetIndex?
    /// Open shards in record order.
    public let shards: [ShardReader]
    /// The schema shared by all shards.
    public let schema: ShardSchema
    /// Total records.
    public let count: Int
    private let starts: [Int]

    /// Opens `url`: a folder is read through its index.json (every listed shard is opened from
    /// the same folder, see ``DatasetFolder``, and must have the size, schema and record count
    /// index.json gives); a file is opened as one shard. Each shard's footer is checked against
    /// its header on opening (``ShardReader``), so a damaged footer is refused here.
    public init(contentsOf url: URL) throws {
        path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ShardError.readFailed(path: url.path, reason: "no such file or folder")
        }
        if isDirectory.boolValue {
            let folder = try DatasetFolder(url)
            let index = try ShardDatasetIndex.load(from: folder)
            var readers: [ShardReader] = []
            for entry in index.shards {
                let file = try folder.shard(entry.file)
                if file.size != entry.bytes {
                    throw ShardError.shardSizeMismatch(path: file.path, bytes: file.size, expected: entry.bytes)
                }
                let reader = try ShardReader(file: file)
                if reader.schema != index.schema {
                    throw ShardError.corruptShard(path: reader.path, reason: "its schema differs from index.json's")
                }
                if reader.count != entry.records {
                    throw ShardError.corruptShard(path: reader.path, reason: "it holds \(reader.count) records, index.json says \(entry.records)")
                }
                if reader.version != index.version {
                    throw ShardError.corruptShard(path: reader.path, reason: "it is format version \(reader.version), index.json says \(index.version)")
                }
                readers.append(reader)
            }
            self.index = index
            shards = readers
            schema = index.schema
        } else {
            let reader = try ShardReader(contentsOf: url)
            index = nil
            shards = [reader]
            schema = reader.schema
        }
        var starts: [Int] = []
        var total = 0
        for shard in shards {
            starts.append(total)
            total += shard.count
        }
        self.starts = starts
        count = total
    }

    /// The shard holding dataset record `i` and the record's number inside it.
    public func locate(_ i: Int) throws -> (shard: ShardReader, record: Int) {
        guard i >= 0 && i < count else { throw ShardError.recordOutOfRange(path: path, record: i, count: count) }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return (shards[lo], i - starts[lo])
    }

    /// Record `i` (dataset-wide) as one `Data` per field.
    public func record(_ i: Int) throws -> [Data] {
        let (shard, local) = try locate(i)
        return try shard.record(local)
    }

    /// Where dataset record `i` came from, with its input's name (index.json's
    /// `provenance.sources`; nil for a single shard opened without its index); nil when the
    /// dataset predates per-record provenance (format version 1).
    public func provenance(ofRecord i: Int) throws -> (provenance: RecordProvenance, source: String?)? {
        let (shard, local) = try locate(i)
        guard let p = try shard.provenance(ofRecord: local) else { return nil }
        guard let index else { return (p, nil) }
        let sources = index.provenance.sources ?? []
        guard p.input < sources.count else {
            throw ShardError.corruptShard(path: shard.path, reason: "record \(local) names input \(p.input) but index.json lists \(sources.count) source(s)")
        }
        return (p, sources[p.input])
    }

    /// Field `name` of dataset record `i`; throws ``ShardError/unknownField(path:field:known:)``.
    public func field(_ name: String, ofRecord i: Int) throws -> Data {
        guard schema.field(named: name) != nil else {
            throw ShardError.unknownField(path: path, field: name, known: schema.fields.map(\.name))
        }
        let (shard, local) = try locate(i)
        return try shard.field(name, ofRecord: local)
    }
}
