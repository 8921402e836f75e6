import Foundation

/// The dataset's index.json: format, schema, shards with hashes and counts, and provenance.
///
/// Written last (after every shard is in place) with sorted keys and no floating-point values,
/// so it is byte-identical for identical inputs and its presence means the dataset is complete.
public struct ShardDatasetIndex: Codable, Equatable, Sendable {
    /// Always "srkit-shards".
    public var format: String
    /// Shard format version (``ShardFormat/version``).
    public var version: UInt32
    /// The fields of every record.
    public var schema: ShardSchema
    /// Shards in record order.
    public var shards: [ShardIndexEntry]
    /// Sum of the shards' record counts.
    public var totalRecords: Int
    /// How the dataset was made.
    public var provenance: DatasetProvenance

    /// An index value; ``ShardDatasetWriter`` builds it, tests may too.
    public init(format: String = ShardFormat.indexFormat, version: UInt32 = ShardFormat.versionWithoutProvenance,
                schema: ShardSchema, shards: [ShardIndexEntry], totalRecords: Int, provenance: DatasetProvenance) {
        self.format = format
        self.version = version
        self.schema = schema
        self.shards = shards
        self.totalRecords = totalRecords
        self.provenance = provenance
    }

    /// The exact bytes of index.json: pretty-printed JSON with sorted keys and a final newline,
    /// opening with its own ``IndexChecksum`` (`"checksum"` sorts first).
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return IndexChecksum.seal(Array(try encoder.encode(self)) + [0x0A])
    }

    /// Reads and checks `directory/index.json`: known format and version, valid schema, shard
    /// names of the writer's form, consistent record counts. Throws ``ShardError``.
    public static func load(from directory: URL) throws -> ShardDatasetIndex {
        try load(from: DatasetFolder(directory))
    }

    /// Reads index.json through an open folder (see ``DatasetFolder``).
    static func load(from folder: DatasetFolder) throws -> ShardDatasetIndex {
        let path = folder.url.appendingPathComponent(ShardFormat.indexFileName).path
        let data = try folder.indexBytes()
        let sealed = try IndexChecksum.check(Array(data), path: path)
        let index: ShardDatasetIndex
        do {
            index = try JSONDecoder().decode(ShardDatasetIndex.self, from: data)
        } catch {
            throw ShardError.invalidIndex(path: path, reason: "not a valid SRKit index: \(Self.describe(error))")
        }
        try index.check(path: path)
        if index.version >= 2, !sealed {
            throw ShardError.invalidIndex(path: path, reason: "a version-\(index.version) index must begin with its checksum")
        }
        return index
    }

    /// Throws ``ShardError/invalidIndex(path:reason:)`` on any inconsistency.
    func check(path: String) throws {
        if format != ShardFormat.indexFormat {
            throw ShardError.invalidIndex(path: path, reason: "format is \"\(format)\", expected \"\(ShardFormat.indexFormat)\"")
        }
        if version > ShardFormat.version {
            throw ShardError.unsupportedVersion(path: path, version: version, supported: ShardFormat.version)
        }
        do { try schema.validate() } catch let error as ShardError {
            throw ShardError.invalidIndex(path: path, reason: "\(error)")
        }
        var next = 0
        var names = Set<String>()
        for entry in shards {
            if !ShardFormat.isShardFileName(entry.file) || !names.insert(entry.file).inserted {
                throw ShardError.invalidIndex(path: path, reason: "bad or repeated shard file name \"\(entry.file)\"")
            }
            if entry.records < 0 || entry.bytes < 0 || entry.firstRecord != next {
                throw ShardError.invalidIndex(path: path, reason: "shard \(entry.file) has inconsistent records/firstRecord")
            }
            next += entry.records
        }
        if next != totalRecords {
            throw ShardError.invalidIndex(path: path, reason: "totalRecords is \(totalRecords) but the shards hold \(next)")
        }
        if version >= 2, provenance.sources == nil {
            throw ShardError.invalidIndex(path: path, reason: "a version-\(version) index must list provenance.sources")
        }
        if version < 2, provenance.sources != nil {
            throw ShardError.invalidIndex(path: path, reason: "provenance.sources in a version-\(version) index")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing key \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "bad value at \(path(context))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context))"
        default: return "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.stringValue }.joined(separator: ".")
    }
}
