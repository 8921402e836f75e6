import Foundation
import SRShards

/// How to run a manifest.
public struct RunOptions: Sendable {
    /// Worker threads for the image stages (the writer runs on the calling thread).
    public var jobs: Int
    /// Skip images that fail to read or decode, listing them in the index, instead of stopping.
    public var skipBad: Bool
    /// Where a shuffled run keeps its scratch file (next to the output).
    public var scratchDirectory: URL
    /// Called on the calling thread after each image is consumed: (done, total).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Run only this part's inputs (`prep run --partition K/N`); nil runs every input. A part may
    /// produce no records (it then gets no schema and the sink is finished without being opened).
    public var partition: PartitionPlan?

    /// Options; `jobs` defaults to the number of active cores.
    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, skipBad: Bool = false,
                scratchDirectory: URL = FileManager.default.temporaryDirectory, progress: (@Sendable (Int, Int) -> Void)? = nil,
                partition: PartitionPlan? = nil) {
        self.jobs = max(1, jobs)
        self.skipBad = skipBad
        self.scratchDirectory = scratchDirectory
        self.progress = progress
        self.partition = partition
    }
}

/// Per-stage figures for `--stats`.
public struct StageStatistics: Sendable {
    /// Stage id.
    public var id: String
    /// Operation name.
    public var operation: String
    /// Items the stage produced over all images.
    public var items: Int
    /// CPU seconds spent in the stage, summed over worker threads.
    public var seconds: Double
}

/// What a run did.
public struct RunSummary: Sendable {
    /// Input images processed (including skipped ones).
    public var images: Int
    /// Records written.
    public var records: Int
    /// Bytes written (shards and index).
    public var bytes: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// Images `--skip-bad` skipped.
    public var skipped: [(name: String, reason: String)]
    /// Images that produced no record (for example smaller than the patch size).
    public var imagesWithoutRecords: Int
    /// Per-stage counts and times, execution order, with the writer last.
    public var stages: [StageStatistics]
}

/// Runs a validated manifest: image stages in parallel, records in deterministic order to a sink.
public enum PipelineRunner {
    /// Runs `manifest`, writing into `sink`; on any error the sink is aborted and the error rethrown.
    public static func run(_ manifest: PipelineManifest, options: RunOptions, sink: RecordSink) throws -> RunSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            return try runUnguarded(manifest, options: options, sink: sink, started: started)
        } catch {
            sink.abort()
            throw error
        }
    }

    private static func runUnguarded(_ manifest: PipelineManifest, options: RunOptions, sink: RecordSink, started: UInt64) throws -> RunSummary {
        let jobs = try options.partition?.jobs ?? SourceListing.jobs(for: manifest)
        let processor = ImageProcessor(manifest: manifest, skipBad: options.skipBad)
        var schema: [ResolvedField]?
        var spill: ShuffleSpill?
        var inputs: [(name: String, sha256: String, bytes: Int)] = []
        var skipped: [(name: String, reason: String)] = []
        var outcomes: [InputOutcome] = []
        var origins: [RecordOrigin] = []  // spill order, for the shuffle
        var provenances: [RecordProvenance] = []  // spill order; 32 bytes per record beside the 16 of origins
        var records = 0, withoutRecords = 0
        var stageItems = [Int](repeating: 0, count: manifest.stages.count)
        var stageNanos = [UInt64](repeating: 0, count: manifest.stages.count)
        var writeNanos: UInt64 = 0

        func openSchema(_ fields: [ResolvedField]) throws {
            schema = fields
            try sink.open(fields: fields)
            if manifest.shuffles {
                spill = try ShuffleSpill(directory: options.scratchDirectory, fieldSizes: fields.map(\.byteCount))
            }
        }

        try OrderedParallel.run(count: jobs.count, jobs: options.jobs, window: options.jobs * 4,
                                work: { index in try processor.process(jobs[index]) },
                                consume: { index, outcome in
            let writeStart = DispatchTime.now().uptimeNanoseconds
            inputs.append(contentsOf: outcome.inputs)
            if let skip = outcome.skipped { skipped.append(skip) }
            let input = jobs[index].index
            outcomes.append(InputOutcome(input: input, read: outcome.inputs, records: outcome.records.count, skipped: outcome.skipped))
            for (i, n) in outcome.stageItems.enumerated() { stageItems[i] += n }
            for (i, t) in outcome.stageNanos.enumerated() { stageNanos[i] += t }
            let batch = outcome.records
            if batch.count == 0 {
                if outcome.skipped == nil { withoutRecords += 1 }
            } else {
                let fields = batch.fields.map(\.field)
                if let schema {
                    for (expected, actual) in zip(schema, fields) where expected.shape != actual.shape || expected.dtype != actual.dtype {
                        throw PipelineError.fieldShapeMismatch(field: expected.name, path: jobs[index].displayName, expected: expected.shape, actual: actual.shape)
                    }
                } else {
                    try openSchema(fields)
                }
                var local = 0
                try forEachRecord(batch) { record in
                    let origin = RecordOrigin(input: input, record: local)
                    var provenance = batch.provenance[local]
                    provenance.input = input
                    local += 1
                    if let spill {
                        try spill.append(record)
                        origins.append(origin)
                        provenances.append(provenance)
                    } else {
                        try sink.append(record, origin: origin, provenance: provenance)
                    }
                }
                records += batch.count
            }
            writeNanos += DispatchTime.now().uptimeNanoseconds - writeStart
            options.progress?(index + 1, jobs.count)
        })

        if schema == nil, options.partition == nil {
            // Field shapes come from the first record, and a dataset without any is almost always
            // a wrong folder or patch size, so say so instead of writing an empty dataset. (One
            // part of a partitioned run may hold no records; prep merge checks the whole.)
            throw PipelineError.noRecords(images: jobs.count, withoutRecords: withoutRecords, skipped: skipped.count)
        }
        let finishStart = DispatchTime.now().uptimeNanoseconds
        if let spill {
            let permutation = ShuffleOrder(seed: manifest.seed, shuffles: true).permutation(origins)
            var next = 0
            try spill.replay(permutation) { record in
                try sink.append(record, origin: origins[permutation[next]], provenance: provenances[permutation[next]])
                next += 1
            }
        }
        let provenance = RunProvenance(
            manifest: URL(fileURLWithPath: manifest.file).lastPathComponent, manifestSHA256: manifest.manifestSHA256,
            seed: manifest.seed, variables: manifest.variables, inputs: inputs, skipped: skipped,
            counts: ["images": jobs.count, "records": records, "skipped": skipped.count, "imagesWithoutRecords": withoutRecords],
            outcomes: outcomes, sources: options.partition?.sources ?? jobs.map(\.sourceName))
        let bytes = try sink.finish(provenance: provenance)
        writeNanos += DispatchTime.now().uptimeNanoseconds - finishStart

        var stages = manifest.stages.enumerated().map { i, stage in
            StageStatistics(id: stage.id, operation: stage.operation.kind.rawValue, items: stageItems[i], seconds: Double(stageNanos[i]) / 1e9)
        }
        for stage in manifest.recordStages {
            stages.append(StageStatistics(id: stage.id, operation: stage.operation.kind.rawValue, items: records,
                                          seconds: stage.operation.kind == .shards ? Double(writeNanos) / 1e9 : 0))
        }
        return RunSummary(images: jobs.count, records: records, bytes: bytes,
                          seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9,
                          skipped: skipped, imagesWithoutRecords: withoutRecords, stages: stages)
    }

    /// Calls `body` with each record of `batch` as one buffer per field.
    static func forEachRecord(_ batch: RecordBatch, _ body: ([UnsafeRawBufferPointer]) throws -> Void) throws {
        let sizes = batch.fields.map(\.field.byteCount)
        let arrays = batch.fields.map(\.bytes)
        func visit(_ fieldIndex: Int, _ bases: [UnsafeRawBufferPointer]) throws {
            if fieldIndex == arrays.count {
                for r in 0..<batch.count {
                    try body(bases.enumerated().map { i, base in
                        UnsafeRawBufferPointer(rebasing: base[(r * sizes[i])..<((r + 1) * sizes[i])])
                    })
                }
                return
            }
            try arrays[fieldIndex].withUnsafeBytes { try visit(fieldIndex + 1, bases + [$0]) }
        }
        try visit(0, [])
    }
}
