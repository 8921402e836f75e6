import Foundation
import SRImage
import SRShards

/// The production ``RecordSink``: SRShards' writer, staged and renamed into the output folder.
///
/// The writer needs the schema, which is known only after the first record, so the output folder
/// is checked up front (``init(directory:targetShardBytes:force:)``) and the writer is created
/// at ``open(fields:)``; a refused folder therefore fails before any image is read.
public final class ShardRecordSink: RecordSink {
    let directory: URL
    let options: ShardWriterOptions
    var writer: ShardDatasetWriter?

    /// Checks that `directory` may be written (empty, absent, or a previous dataset with `force`).
    public init(directory: URL, targetShardBytes: Int, force: Bool) throws {
        self.directory = directory
        options = ShardWriterOptions(targetShardBytes: targetShardBytes, force: force)
        try ShardDatasetWriter.checkOutput(directory: directory, force: force)
    }

    public func open(fields: [ResolvedField]) throws {
        let schema = ShardSchema(fields: fields.map {
            ShardField(name: $0.name, dtype: $0.dtype == .uint8 ? .uint8 : .float32, shape: $0.shape, layout: $0.layout == .hwc ? .hwc : .chw)
        })
        writer = try ShardDatasetWriter(directory: directory, schema: schema, options: options)
    }

    public func append(_ record: [UnsafeRawBufferPointer]) throws {
        guard let writer else { throw PipelineError.output("\(directory.path): internal error: record before schema") }
        try writer.append(record)
    }

    public func finish(provenance p: RunProvenance) throws -> Int {
        guard let writer else { throw PipelineError.output("\(directory.path): internal error: finish before schema") }
        _ = try writer.finish(provenance: DatasetProvenance(
            tool: "SRKit prep \(SRKitVersion.current)", manifest: p.manifest, manifestSHA256: p.manifestSHA256, seed: p.seed,
            variables: p.variables,
            inputs: p.inputs.map { ShardInputFile(path: $0.name, sha256: $0.sha256, bytes: $0.bytes) },
            skipped: p.skipped.map { ShardSkippedInput(path: $0.name, reason: $0.reason) },
            counts: p.counts))
        let index = directory.appendingPathComponent("index.json")
        let indexBytes = (try? FileManager.default.attributesOfItem(atPath: index.path)[.size] as? Int) ?? 0
        return writer.bytesWritten + indexBytes
    }

    public func abort() {
        writer?.abort()
    }
}
