import Crypto
import Foundation
import SRPipeline
import SRShards
import SRTestSupport

/// Runs a shipped manifest on shared data and keeps SHA-256 digests instead of records, so recipe
/// fidelity tests can compare whole datasets with golden digests without holding them in memory.
///
/// Records are hashed per field in consecutive groups (`groupSizes`: e.g. one group per source
/// image, or groups of one for per-record digests) and in total; records past the last group
/// only count and go into the totals.
final class RecordDigestSink: RecordSink {
    private let groupSizes: [Int]
    private var hashers: [SHA256] = []
    private var totals: [SHA256] = []
    private var group = 0
    private var inGroup = 0

    /// The schema the run produced.
    private(set) var fields: [ResolvedField] = []
    /// Per group, per field: SHA-256 hex of the field bytes of the group's records, in order.
    private(set) var groups: [[String]] = []
    /// Records received.
    private(set) var count = 0
    /// Per field, the first record's raw bytes, for value checks.
    private(set) var first: [[UInt8]] = []
    /// Each record's provenance, in order.
    private(set) var provenances: [RecordProvenance] = []
    /// The run's input names (``RunProvenance/sources``).
    private(set) var sources: [String] = []

    init(groupSizes: [Int]) { self.groupSizes = groupSizes }

    func open(fields: [ResolvedField]) throws {
        self.fields = fields
        totals = fields.map { _ in SHA256() }
        hashers = totals
    }

    func append(_ record: [UnsafeRawBufferPointer]) throws {
        if first.isEmpty { first = record.map { [UInt8]($0) } }
        count += 1
        for i in record.indices { totals[i].update(bufferPointer: record[i]) }
        guard group < groupSizes.count else { return }
        for i in record.indices { hashers[i].update(bufferPointer: record[i]) }
        inGroup += 1
        if inGroup == groupSizes[group] {
            groups.append(hashers.map(Self.hex))
            hashers = fields.map { _ in SHA256() }
            group += 1
            inGroup = 0
        }
    }

    func append(_ record: [UnsafeRawBufferPointer], origin: RecordOrigin, provenance: RecordProvenance) throws {
        provenances.append(provenance)
        try append(record)
    }

    func finish(provenance: RunProvenance) throws -> Int {
        sources = provenance.sources
        return 0
    }
    func abort() {}

    /// Per field: SHA-256 hex over that field of every record, in order.
    var totalHex: [String] { totals.map(Self.hex) }

    private static func hex(_ hasher: SHA256) -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Runs `Pipelines/<name>` with source `source` pointed at `../shared/datasets/<folder>`.
    static func run(_ name: String, source: String, folder: String, groupSizes: [Int],
                    overrides: [String: String] = [:]) throws -> RecordDigestSink {
        let data = try SharedData.require(SharedData.datasets.appendingPathComponent(folder))
        let path = SharedData.repositoryRoot.appendingPathComponent("Pipelines/\(name)").path
        let manifest = try ManifestReader.load(path: path, overrides: overrides, sourceFolders: [source: data.path])
        let sink = RecordDigestSink(groupSizes: groupSizes)
        _ = try PipelineRunner.run(manifest, options: RunOptions(jobs: 2, scratchDirectory: FileManager.default.temporaryDirectory), sink: sink)
        return sink
    }
}
