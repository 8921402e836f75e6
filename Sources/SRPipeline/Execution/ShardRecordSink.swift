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
        options = ShardWriterOptions(targetShardBytes: targetShardBytes, force: force, recordProvenance: true)
        try ShardDatasetWriter.checkOutput(directory: directory, force: force)
    }

    public func open(fields: [ResolvedField]) throws {
        writer = try ShardDatasetWriter(directory: directory, schema: ShardSchema(resolved: fields), options: options)
    }

    public func append(_ record: [UnsafeRawBufferPointer]) throws {
        guard let writer else { throw PipelineError.output("\(directory.path): internal error: record before schema") }
        try writer.append(record)
    }

    public func append(_ record: [UnsafeRawBufferPointer], origin: RecordOrigin, provenance: RecordProvenance) throws {
        guard let writer else { throw PipelineError.output("\(directory.path): internal error: record before schema") }
        try writer.append(record, provenance: provenance)
    }

    public func finish(provenance p: RunProvenance) throws -> Int {
        guard let writer else { throw PipelineError.output("\(directory.path): internal error: finish before schema") }
        _ = try writer.finish(provenance: DatasetProvenance(run: p))
        let index = directory.appendingPathComponent("index.json")
        let indexBytes = (try? FileManager.default.attributesOfItem(atPath: index.path)[.size] as? Int) ?? 0
        return writer.bytesWritten + indexBytes
    }

    public func abort() {
        writer?.abort()
    }
}
