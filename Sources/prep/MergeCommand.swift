import ArgumentParser
import Foundation
import SRCommandLine
import SRPipeline

/// `prep merge PART...`: the parts of a partitioned `prep run` → one dataset.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the parts of a partitioned prep run into one dataset, byte-identical to a single run.",
        discussion: """
            Takes part folders (each written by prep run --partition K/N, with part.json) or a \
            folder holding them. Before writing it checks that all N parts are there, each once, \
            from the same run (manifest SHA-256, seed, --set values, input list, N, SRKit version) \
            and that together they hold every input once, as the assignment rule gives them; while \
            merging it checks what prep verify checks (every shard's SHA-256 and size, every \
            record's CRC32C) and each part's order table. Any failure names the part to run again \
            and leaves the output as it was.

            The output (shards and index.json) is byte for byte what prep run writes on one \
            machine, with or without shuffle, for any N. Memory stays flat: one record and one \
            read buffer per part. See Docs/partitioning.md.

            Examples:
              prep merge shards/t91.parts --output shards/t91
              prep merge parts/0 parts/1 parts/2 parts/3 --output t91-shards --force
            """
    )

    @Argument(help: "Part folders, or one folder holding them.")
    var parts: [String]

    @Option(help: "Output folder for the merged dataset.")
    var output: String

    @Flag(help: "Replace a previous SRKit dataset in the output folder (other files are never deleted).")
    var force = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func run() throws {
        signal(SIGXFSZ, SIG_IGN)
        MemoryTuning.keepLargeBuffersMapped()
        // SIGINT, SIGTERM and SIGHUP remove the staging folder before prep dies of the signal;
        // staging folders of merges killed outright are swept, as prep run does.
        RunLeftovers.removeOnInterrupt()
        let outputURL = URL(fileURLWithPath: output, isDirectory: true).standardizedFileURL
        try PartMerge.checkOutput(outputURL, force: force)
        for line in RunLeftovers.sweepDataset(output: outputURL) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let set = try PartSet.load(parts.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL })
        let bar = ProgressBar(enabled: !quiet)
        let summary: MergeSummary
        do {
            summary = try PartMerge.merge(set, output: outputURL, force: force) { done, total in bar.update("records", done, total) }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        print(String(format: "%@: merged %d parts: %d images, %d records, %d bytes in %.2f s (%.0f MB/s read)",
                     outputURL.path, summary.parts, summary.images, summary.records, summary.bytesWritten, summary.seconds,
                     Double(summary.bytesRead) / 1e6 / max(summary.seconds, 1e-9)))
    }
}
