import ArgumentParser
import Foundation
import SRCommandLine
import SRFetch
import SRPartition
import SRPipeline

/// `prep run FILE`: runs a pipeline manifest and writes shards.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline manifest: images in, shards + index.json out.",
        discussion: """
            Reads the sources, runs the stage graph on every core and writes the records as \
            shards (format: Docs/shard-format.md) with an index.json holding the schema, the \
            shard hashes and the provenance (manifest hash, every input's SHA-256, variables). \
            The same manifest and inputs give byte-identical output whatever --jobs is.

            Nothing is visible in the output folder until the run succeeds: the whole dataset is \
            staged in a hidden folder beside it and renamed into place in one step (with \
            --force, swapped with the old dataset, which stays readable until then). On an \
            error, SIGINT or SIGTERM the staged files are removed; leftovers of a run killed \
            with SIGKILL are removed by the next run, which says so.

            On a cluster, --partition K/N runs part K of N (numbered from 0) and writes a partial \
            dataset (part.json, order.bin, shards/) that prep merge joins into exactly the bytes \
            one machine would write; --partition auto takes K and N from a Slurm job array \
            (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job \
            (JOB_COMPLETION_INDEX with --partition-count or SRKIT_PARTITION_COUNT). Inputs are \
            assigned to parts by size (Docs/partitioning.md); a failed part can be run again alone \
            (with --force into its folder).

            Examples:
              prep run Pipelines/t91.yaml --output t91-shards
              prep run Pipelines/t91.yaml --set augment=rot90 --set lr_up=false --output t91-rot
              prep run Pipelines/div2k-subimages.yaml --source hr=DIV2K/DIV2K_train_HR --output sub --stats
              prep run Pipelines/t91.yaml --partition 2/4 --output parts/t91/2 && prep merge parts/t91 --output t91-shards
            """
    )

    @Argument(help: "The manifest (YAML); see Docs/pipelines.md.")
    var manifest: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a manifest variable (repeatable).", valueName: "name=value"))
    var overrides: [String] = []

    @Option(name: .customLong("source"), help: ArgumentHelp("Read source <id> from another folder (repeatable; relative to the working directory).", valueName: "id=folder"))
    var sources: [String] = []

    @Option(help: "Output folder (default: shards/<manifest name> in the working directory).")
    var output: String?

    @Option(help: "Worker threads for the image stages (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Replace a previous SRKit dataset in the output folder (other files are never deleted).")
    var force = false

    @Flag(help: "Skip images that cannot be read or decoded, and list them in index.json, instead of stopping.")
    var skipBad = false

    @Option(help: ArgumentHelp("Run only part K of N (from 0) and write a partial dataset for prep merge; auto: K and N from a Slurm array or Kubernetes Indexed Job.", valueName: "K/N|auto"))
    var partition: String?

    @Option(help: ArgumentHelp("The number of parts for --partition auto where the scheduler does not publish it (Kubernetes; else SRKIT_PARTITION_COUNT).", valueName: "N"))
    var partitionCount: Int?

    @Option(help: "Folder that holds the datasets; sets the manifest's `data` variable unless --set data=... is given (default: SRKIT_DATA, else ../shared/datasets beside the checkout, else ~/.cache/srkit/datasets).")
    var dataRoot: String?

    @Flag(help: "Print per-stage item counts and times.")
    var stats = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
        if partitionCount != nil, partition == nil { throw ValidationError("--partition-count needs --partition (auto or K/N).") }
    }

    func run() throws {
        // Past a file-size limit (ulimit -f) the kernel kills the writer with SIGXFSZ unless it
        // is ignored; ignored, the write fails with EFBIG and the run cleans up like any I/O error.
        signal(SIGXFSZ, SIG_IGN)
        let part = try partition.map { try PartitionArgument.parse($0).resolve(count: partitionCount, environment: ProcessInfo.processInfo.environment) }
        let root = DataRoot.resolve(explicit: dataRoot)
        let loaded = try DataRootVariable.load(manifest, overrides: try KeyValue.parse(overrides, option: "--set"),
                                               sourceFolders: try KeyValue.parse(sources, option: "--source"), root: root)
        let plan = try part.map { try PartitionPlan.make(for: loaded, spec: $0) }
        let defaultOutput = plan.map { "shards/\(loaded.name).parts/\(PartitionPlan.folderName($0.spec))" } ?? "shards/\(loaded.name)"
        let outputURL = URL(fileURLWithPath: output ?? defaultOutput, isDirectory: true).standardizedFileURL
        let sink: RecordSink = try plan.map { try PartialDatasetSink(directory: outputURL, plan: $0, manifest: loaded, force: force) }
            ?? ShardRecordSink(directory: outputURL, targetShardBytes: loaded.shardOptions.size, force: force)
        let scratch = outputURL.deletingLastPathComponent()
        RunLeftovers.removeOnInterrupt()
        for line in RunLeftovers.sweep(output: outputURL, scratch: scratch) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let bar = ProgressBar(enabled: !quiet)
        let options = RunOptions(jobs: jobs, skipBad: skipBad, scratchDirectory: scratch,
                                 progress: { done, total in bar.update("images", done, total) }, partition: plan)
        let summary: RunSummary
        do {
            summary = try PipelineRunner.run(loaded, options: options, sink: sink)
        } catch {
            bar.finish()
            if case let PipelineError.sourceFolderMissing(_, path, _) = error,
               let hint = MissingDatasetHint.command(forMissing: path, root: root.path, sources: try? SourceCatalog.locate()) {
                throw FetchHintError(underlying: error, hint: hint)
            }
            throw error
        }
        bar.finish()
        if stats {
            print("stage                 op            items     seconds")
            for stage in summary.stages {
                print(stage.id.padding(toLength: 21, withPad: " ", startingAt: 0), stage.operation.padding(toLength: 12, withPad: " ", startingAt: 0),
                      String(format: "%8d %11.3f", stage.items, stage.seconds))
            }
        }
        for skip in summary.skipped {
            print("skipped \(skip.name): \(skip.reason)")
        }
        if let plan {
            print(String(format: "%@: part %@: %d of %d images (%d without records, %d skipped), %d records, %d bytes, %.2f s; %.1f%% of the input bytes (heaviest part %.1f%%)",
                         outputURL.path, plan.spec.description, summary.images, plan.inputCount, summary.imagesWithoutRecords, summary.skipped.count,
                         summary.records, summary.bytes, summary.seconds, plan.share * 100, plan.heaviestShare * 100))
            return
        }
        print(String(format: "%@: %d images (%d without records, %d skipped), %d records, %d bytes, %.2f s",
                     outputURL.path, summary.images, summary.imagesWithoutRecords, summary.skipped.count, summary.records, summary.bytes, summary.seconds))
    }
}
