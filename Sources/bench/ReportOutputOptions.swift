import ArgumentParser
import SRBench
import SRCommandLine

/// How `bench score` and `bench merge` print a report: the options they share, and the one
/// way they write it (atomically to `--output`, or to standard output).
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "Output format: table, markdown, csv or json.")
    var format: ReportFormat = .table

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Add one row per image.")
    var perImage = false

    /// Renders `report` in `format` and writes it to `output` (staged and renamed) or stdout.
    func write(_ report: ComparisonReport) throws {
        let text = try format.render(report, perImage: perImage)
        if let output {
            try AtomicTextFile.write(text, to: output)
        } else {
            print(text, terminator: "")
        }
    }
}
