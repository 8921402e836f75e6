import ArgumentParser
import SRBench
import SRReports

/// `bench report`: the HTML report rebuilt from a saved JSON report and its saved SR images.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the self-contained HTML report of a saved bench score run.",
        discussion: """
            Takes the JSON written by `bench score --format json` (one model or several) and the \
            folder given to its --save-images, finds the datasets again (under --data-root, else \
            where the report says) and writes one HTML file with everything embedded: the \
            comparison table, the protocol, PSNR-vs-time charts, sortable per-image tables and a \
            gallery of zoomed crops (HR, bicubic input, every model, each with its PSNR / SSIM). \
            Every saved image must reproduce the report's scores, so the pictures always belong \
            to the numbers.

            Example:
              bench score --model bicubic --model x3.mat --datasets set5 --scales 3 --format json --output r.json --save-images sr
              bench report r.json --images sr --html report.html
            """
    )

    @Argument(help: "Report written by `bench score --format json`.")
    var report: String

    @Option(help: "The folder given to `bench score --save-images`.")
    var images: String

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var html: String

    @Option(help: ArgumentHelp("The gallery's zoom window in HR pixels (default: where the models differ most).", valueName: "x,y,w,h"))
    var region: String?

    @OptionGroup var saved: SavedRunOptions

    func run() throws {
        let crop = try region.map(CropRegion.parse)
        try HTMLReport(report: try ComparisonReport.read(from: report), reportPath: report, imagesDirectory: images,
                       catalog: try saved.locateCatalog(), dataRoot: saved.dataRoot, region: crop).write(to: html)
    }
}
