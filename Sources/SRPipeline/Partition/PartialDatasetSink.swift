import Foundation
import SRImage
import SRPartition
import SRShards

/// Writes part K of N of a run (`prep run --partition K/N`) as a partial dataset (``PartIndex``).
///
/// Crash safety, as a reader of PART_DIR can check it: `part.json` exists only when everything it
/// describes is complete and synced, and it is written last. The records go through SRShards'
/// ``ShardDatasetWriter`` into `PART_DIR/shards` (its staging and renames, index.json last), the
/// order table through a staged file; at ``finish(provenance:)`` the previous `part.json` (if
/// `--force` replaces an earlier attempt) is removed first, then the dataset and `order.bin` are
/// put in place, then the new `part.json`. Killed at any point, the folder either holds the
/// previous complete part or no `part.json`, which `prep merge` reports as an unfinished task to
/// run again. On an error (``abort()``) the staged files go and the folder is left as it was.
public final class PartialDatasetSink: RecordSink {
    let directory: URL
    let plan: PartitionPlan
    let run: PartRun
    let force: Bool
    private var writer: ShardDatasetWriter?
    private var order: StagedFile?
    private var records = 0

    /// Checks that `directory` may receive the part: absent, empty, or (with `force`) holding only
    /// a previous part (`part.json`, `order.bin`, `shards/` with an SRKit dataset).
    public init(directory: URL, plan: PartitionPlan, manifest: PipelineManifest, force: Bool) throws {
        self.directory = directory.standardizedFileURL
        self.plan = plan
        self.force = force
        run = PartRun(tool: "SRKit prep \(SRKitVersion.current)", manifest: URL(fileURLWithPath: manifest.file).lastPathComponent,
                      manifestSHA256: manifest.manifestSHA256, seed: manifest.seed, variables: manifest.variables,
                      shuffle: manifest.shuffles, targetShardBytes: manifest.shardOptions.size,
                      inputCount: plan.inputCount, inputListSHA256: plan.inputListSHA256, assignment: WorkBalancer.ruleName)
        try Self.checkOutput(self.directory, force: force)
    }

    var shardsURL: URL { directory.appendingPathComponent(PartIndex.shardsFolder, isDirectory: true) }

    static let partFiles: Set<String> = [PartIndex.fileName, PartIndex.orderFileName, PartIndex.shardsFolder]

    static func checkOutput(_ directory: URL, force: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw ShardError.writeFailed(path: directory.path, reason: "a file with this name exists; the output must be a folder") }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        // Hidden names are staged files of an interrupted attempt (ours start with a dot).
        let visible = names.filter { !$0.hasPrefix(".") }
        guard !visible.isEmpty else { return }
        guard force else { throw ShardError.outputNotEmpty(path: directory.path, entries: visible) }
        let foreign = visible.filter { !partFiles.contains($0) }
        guard foreign.isEmpty else { throw PipelineError.partOutputHasForeignFiles(path: directory.path, entries: foreign) }
        try ShardDatasetWriter.checkOutput(directory: directory.appendingPathComponent(PartIndex.shardsFolder), force: true)
    }

    public func open(fields: [ResolvedField]) throws {
        writer = try ShardDatasetWriter(directory: shardsURL, schema: ShardSchema(resolved: fields),
                                        options: ShardWriterOptions(targetShardBytes: run.targetShardBytes, force: true, recordProvenance: true))
        order = try StagedFile(path: directory.appendingPathComponent(PartIndex.orderFileName).path)
    }

    public func append(_ record: [UnsafeRawBufferPointer]) throws {
        throw PipelineError.output("\(directory.path): internal error: a partial dataset needs each record's origin")
    }

    public func append(_ record: [UnsafeRawBufferPointer], origin: RecordOrigin, provenance: RecordProvenance) throws {
        guard let writer, let order else { throw PipelineError.output("\(directory.path): internal error: record before schema") }
        try writer.append(record, provenance: provenance)
        try order.append(PartOrderTable.encode(origin))
        records += 1
    }

    public func finish(provenance p: RunProvenance) throws -> Int {
        let outcomes = p.outcomes
        var inputs: [PartInput] = []
        inputs.reserveCapacity(outcomes.count)
        for (outcome, listed) in zip(outcomes, plan.listed) {
            inputs.append(PartInput(index: outcome.input, listed: listed,
                                    read: outcome.read.map { ShardInputFile(path: $0.name, sha256: $0.sha256, bytes: $0.bytes) },
                                    records: outcome.records,
                                    skipped: outcome.skipped.map { ShardSkippedInput(path: $0.name, reason: $0.reason) }))
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // From here the previous attempt stops looking complete.
        try StagedFile.remove(directory.appendingPathComponent(PartIndex.fileName).path)
        var bytes = 0
        var orderFile: PartFile?, datasetFile: PartFile?
        if let writer, let order {
            let index = try writer.finish(provenance: DatasetProvenance(run: p))
            let indexBytes = try index.encoded()
            datasetFile = PartFile(path: "\(PartIndex.shardsFolder)/\(ShardFormat.indexFileName)", sha256: PartIndex.sha256(indexBytes), bytes: indexBytes.count)
            let size = order.size
            orderFile = PartFile(path: PartIndex.orderFileName, sha256: try order.commit(), bytes: size)
            bytes += writer.bytesWritten + indexBytes.count + size
        } else {
            try removePreviousRecords()
        }
        let part = PartIndex(format: PartIndex.formatName, version: PartIndex.currentVersion, part: plan.spec.index, parts: plan.spec.count,
                             run: run, inputs: inputs, records: records, order: orderFile, dataset: datasetFile, checksum: "")
        let encoded = try part.encoded()
        try StagedFile.write(encoded, to: directory.appendingPathComponent(PartIndex.fileName).path)
        return bytes + encoded.count
    }

    /// A part without records replacing one with records: its order table and dataset go
    /// (index.json first, so no half-removed dataset looks complete).
    private func removePreviousRecords() throws {
        try StagedFile.remove(directory.appendingPathComponent(PartIndex.orderFileName).path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shardsURL.path)) ?? []
        guard !names.isEmpty || FileManager.default.fileExists(atPath: shardsURL.path) else { return }
        try StagedFile.remove(shardsURL.appendingPathComponent(ShardFormat.indexFileName).path)
        for name in names where ShardFormat.isShardFileName(name) {
            try StagedFile.remove(shardsURL.appendingPathComponent(name).path)
        }
        try? FileManager.default.removeItem(at: shardsURL)
    }

    public func abort() {
        writer?.abort()
        order?.discard()
    }
}
