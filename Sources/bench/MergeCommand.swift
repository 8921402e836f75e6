import ArgumentParser
import SRBench

/// `bench merge PART.json...`: the partial reports of a partitioned `bench score` → one report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the partial reports of a partitioned bench score run into the report one run writes.",
        discussion: """
            Takes the files written by bench score --partition K/N --format json --output PART.json. \
            Checks that all N parts are there, each once, from the same command (models and their \
            details, protocol and overrides, LR source, datasets, scales, data root, SRKit version) \
            and that each scored exactly its share, then rebuilds every cell from the per-image \
            scores in catalogue order: every PSNR and SSIM equals one run's to the last digit. \
            Seconds per image are the mean of each image's seconds as measured by the task that \
            scored it (Docs/partitioning.md).

            Examples:
              bench merge parts/*.json --output report.json --format json
              bench merge parts/*.json --format table
            """
    )

    @Argument(help: "Partial reports (bench score --partition ... --format json --output FILE).")
    var parts: [String]

    @OptionGroup var report: ReportOutputOptions

    func run() throws {
        try report.write(try BenchMerge.merge(paths: parts))
    }
}
