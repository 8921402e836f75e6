import ArgumentParser
import SRCommandLine

/// `bench`: evaluation of SR outputs. Each subcommand only parses and prints; the work is in
/// SRMetrics (metrics) and SRBench (datasets, protocols, reports).
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Evaluate super-resolution results the way published tables do.",
        discussion: """
            Errors are printed as one sentence on standard error and exit with status 1.
            """,
        subcommands: [MetricsCommand.self, ScoreCommand.self, MergeCommand.self, CheckCommand.self, ReportCommand.self, FigureCommand.self, DatasetsCommand.self]
    )

    /// Refuses, before parsing, any argument that is not valid UTF-8 (by its escaped bytes):
    /// Swift turns such bytes into U+FFFD, so a Latin-1 path would be "not found" as an input
    /// and, as `--output`, silently written under another name.
    static func main() {
        do { try RawArguments.requireUTF8() } catch { exit(withError: error) }
        main(nil)
    }
}
