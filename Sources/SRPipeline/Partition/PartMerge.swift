import Crypto
import Foundation
import SRShards

/// What `prep merge` did.
public struct MergeSummary: Sendable {
    /// Parts merged.
    public var parts: Int
    /// Inputs of the run.
    public var images: Int
    /// Records written.
    public var records: Int
    /// Bytes of the parts' shards read (the merge's input volume).
    public var bytesRead: Int
    /// Bytes written (shards and index).
    public var bytesWritten: Int
    /// Wall-clock seconds.
    public var seconds: Double
}

/// `prep merge`: N checked parts (``PartSet``) → one dataset, byte-identical to `prep run` on one
/// machine.
///
/// Records are taken from the parts by a k-way merge (``ShardMerge``) on their
/// ``ShuffleOrder/Key``, read from each part's `order.bin`: input order without `shuffle`, the
/// keyed hash with it. Shard boundaries follow the run's shard size, and index.json is rebuilt
/// from the parts' per-input entries in input order, so both equal what one machine writes.
///
/// Crash safety is the shard writer's (``ShardDatasetWriter``): the output is staged and appears,
/// index.json last, only after every record of every part passed the `prep verify` checks
/// (size, SHA-256, CRC32C) and every order table its checks; on any failure nothing is left in the
/// output folder. Memory: one key per part and read buffers sharing a 64 MiB budget (4 MiB per part
/// for up to 16 parts, down to 64 KiB), plus the list of inputs; nothing grows with the records.
public enum PartMerge {
    /// Checks that `output` may be written, before any part is read (absent, empty, or a previous
    /// dataset with `force`).
    public static func checkOutput(_ output: URL, force: Bool) throws {
        try ShardDatasetWriter.checkOutput(directory: output, force: force)
    }

    /// Merges `set` into `output`. `progress` gets (records written, total).
    public static func merge(_ set: PartSet, output: URL, force: Bool,
                             progress: ((Int, Int) -> Void)? = nil) throws -> MergeSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        let run = set.run
        let skipped = set.inputs.compactMap(\.skipped)
        let withoutRecords = set.inputs.filter { $0.records == 0 && $0.skipped == nil }.count
        let total = set.records
        guard total > 0 else {
            // What one machine says for the same inputs.
            throw PipelineError.noRecords(images: run.inputCount, withoutRecords: withoutRecords, skipped: skipped.count)
        }
        let order = ShuffleOrder(seed: run.seed, shuffles: run.shuffle)
        var inputs: [ShardMerge.Input<ShuffleOrder.Key>] = []
        var schema: (ShardSchema, URL)?
        var bytesRead = 0
        // 64 MiB of read buffers in all, 4 MiB to 64 KiB per part (1,000 parts still fit).
        let withRecords = set.parts.filter { $0.index.records > 0 }.count
        let bufferBytes = min(4 << 20, max(64 << 10, (64 << 20) / max(withRecords, 1)))
        var sources: (names: [String]?, from: URL)?
        for part in set.parts where part.index.records > 0 {
            let stream = try open(part, bufferBytes: bufferBytes)
            // Every part lists the whole run's inputs, so their source lists agree.
            if let (names, other) = sources, names != stream.index.provenance.sources {
                throw PipelineError.partsDiffer(path: part.folder.path, other: other.path, what: "its list of input names (provenance.sources) differs")
            }
            sources = sources ?? (stream.index.provenance.sources, part.folder)
            if let (reference, other) = schema, reference != stream.index.schema {
                throw PipelineError.partsDiffer(path: part.folder.path, other: other.path,
                                                what: "its records are \(describe(stream.index.schema)), the other's \(describe(reference)) (one machine would stop at the first image of another shape)")
            }
            schema = schema ?? (stream.index.schema, part.folder)
            bytesRead += stream.index.shards.reduce(0) { $0 + $1.bytes }
            let records = Dictionary(part.index.inputs.map { ($0.index, $0.records) }, uniquingKeysWith: +)
            let reader = try PartOrderReader(folder: part.folder, expected: part.index.order!, order: order, records: records)  // records > 0 ⇒ order set (PartSet checked)
            inputs.append(ShardMerge.Input(stream: stream, nextKey: { try reader.nextKey() }))
        }
        let writer = try ShardDatasetWriter(directory: output, schema: schema!.0,  // total > 0 ⇒ some part has records
                                            options: ShardWriterOptions(targetShardBytes: run.targetShardBytes, force: force,
                                                                        recordProvenance: sources?.names != nil))
        do {
            let written = try ShardMerge.merge(inputs, into: writer) { progress?($0, total) }
            let provenance = DatasetProvenance(
                tool: run.tool, manifest: run.manifest, manifestSHA256: run.manifestSHA256, seed: run.seed, variables: run.variables,
                inputs: set.inputs.flatMap(\.read), skipped: skipped,
                counts: ["images": run.inputCount, "records": written, "skipped": skipped.count, "imagesWithoutRecords": withoutRecords],
                sources: sources?.names)
            let index = try writer.finish(provenance: provenance)
            return MergeSummary(parts: set.parts.count, images: run.inputCount, records: written, bytesRead: bytesRead,
                                bytesWritten: writer.bytesWritten + (try index.encoded()).count,
                                seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        } catch {
            writer.abort()
            throw translate(error, parts: set.parts.filter { $0.index.records > 0 })
        }
    }

    /// A part's dataset, after checking that its index.json is the one part.json names.
    static func open(_ part: PartSet.Part, bufferBytes: Int) throws -> ShardRecordStream {
        let shards = part.folder.appendingPathComponent(PartIndex.shardsFolder)
        let indexPath = shards.appendingPathComponent(ShardFormat.indexFileName).path
        guard let expected = part.index.dataset, let bytes = FileManager.default.contents(atPath: indexPath) else {
            throw PipelineError.damagedPart(path: indexPath, reason: "the part's dataset index is missing")
        }
        let sha = PartIndex.sha256(Array(bytes))
        guard sha == expected.sha256, bytes.count == expected.bytes else {
            throw PipelineError.damagedPart(path: indexPath, reason: "SHA-256 is \(sha), part.json says \(expected.sha256)")
        }
        do {
            return try ShardRecordStream(directory: shards, bufferBytes: bufferBytes)
        } catch let error as ShardError {
            throw translate(error, parts: [])
        }
    }

    /// Shard and merge failures in terms of the part to run again.
    static func translate(_ error: Error, parts: [PartSet.Part]) -> Error {
        switch error {
        case ShardError.corruptShard(let path, let reason), ShardError.invalidIndex(let path, let reason), ShardError.readFailed(let path, let reason):
            return PipelineError.damagedPart(path: path, reason: reason)
        case ShardError.notAShard(let path):
            return PipelineError.damagedPart(path: path, reason: "not an SRKit shard (bad magic)")
        case ShardMerge.Failure.tooFewRecords(let i):
            return PipelineError.damagedPart(path: parts[i].folder.path, reason: "order.bin lists more records than its shards hold")
        case ShardMerge.Failure.tooManyRecords(let i):
            return PipelineError.damagedPart(path: parts[i].folder.path, reason: "its shards hold more records than order.bin lists")
        default:
            return error
        }
    }

    static func describe(_ schema: ShardSchema) -> String {
        schema.fields.map { "\($0.name) \($0.shape.map(String.init).joined(separator: "x")) \($0.dtype.rawValue)" }.joined(separator: ", ")
    }
}
