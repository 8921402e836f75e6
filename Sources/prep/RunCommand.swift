import ArgumentParser
import Foundation
import SRCommandLine
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

            Nothing is visible in the output folder until the run succeeds: shards are staged \
            in a hidden folder and renamed, index.json last. On an error (a corrupt image, a \
            full disk) the staged files are removed and the exit status is 1.

            Examples:
              prep run Pipelines/t91.yaml --output t91-shards
              prep run Pipelines/t91.yaml --set augment=rot90 --set lr_up=false --output t91-rot
              prep run Pipelines/div2k-subimages.yaml --source hr=DIV2K/DIV2K_train_HR --output sub --stats
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

    @Flag(help: "Print per-stage item counts and times.")
    var stats = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs).") }
    }

    func run() throws {
        // Past a file-size limit (ulimit -f) the kernel kills the writer with SIGXFSZ unless it
        // is ignored; ignored, the write fails with EFBIG and the run cleans up like any I/O error.
        signal(SIGXFSZ, SIG_IGN)
        let loaded = try ManifestReader.load(path: manifest, overrides: try KeyValue.parse(overrides, option: "--set"),
                                             sourceFolders: try KeyValue.parse(sources, option: "--source"))
        let outputURL = URL(fileURLWithPath: output ?? "shards/\(loaded.name)", isDirectory: true).standardizedFileURL
        let sink = try ShardRecordSink(directory: outputURL, targetShardBytes: loaded.shardOptions.size, force: force)
        let bar = ProgressBar(enabled: !quiet)
        let options = RunOptions(jobs: jobs, skipBad: skipBad, scratchDirectory: outputURL.deletingLastPathComponent(),
                                 progress: { done, total in bar.update("images", done, total) })
        let summary: RunSummary
        do {
            summary = try PipelineRunner.run(loaded, options: options, sink: sink)
        } catch {
            bar.finish()
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
        print(String(format: "%@: %d images (%d without records, %d skipped), %d records, %d bytes, %.2f s",
                     outputURL.path, summary.images, summary.imagesWithoutRecords, summary.skipped.count, summary.records, summary.bytes, summary.seconds))
    }
}
