import ArgumentParser
import SRBench
import SRReports

/// `bench figure`: the paper's zoomed-crop figure of one image, as SVG.
struct FigureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Write the zoomed-crop comparison figure of one image as SVG.",
        discussion: """
            The HR with the window boxed, then crops of the HR, the bicubic input and every model \
            of the report, enlarged nearest-neighbour, each labelled with its PSNR / SSIM on the \
            image. Vector text; images embedded as PNG; convert with `rsvg-convert -f pdf fig.svg \
            -o fig.pdf` (or `-f png`). Crops show what the metrics compared (Y under srcnn).

            Example:
              bench figure --report r.json --images sr --dataset set14 --scale 3 --image barbara --output fig.svg
            """
    )

    @Option(help: "Report written by `bench score --format json`.")
    var report: String

    @Option(help: "The folder given to `bench score --save-images`.")
    var images: String

    @Option(help: "Dataset of the image (catalogue key, e.g. set14).")
    var dataset: String

    @Option(help: "Scale of the image.")
    var scale: Int

    @Option(help: "Image name as in the report (e.g. barbara).")
    var image: String

    @Option(help: ArgumentHelp("Zoom window in HR pixels (default: where the models differ most).", valueName: "x,y,w,h"))
    var region: String?

    @Option(help: ArgumentHelp("The SVG file to write.", valueName: "file"))
    var output: String

    @OptionGroup var saved: SavedRunOptions

    func run() throws {
        let crop = try region.map(CropRegion.parse)
        let figure = try ComparisonFigure(
            report: try ComparisonReport.read(from: report), reportPath: report, imagesDirectory: images,
            catalog: try saved.locateCatalog(), dataRoot: saved.dataRoot,
            dataset: dataset, scale: scale, image: image, region: crop)
        try figure.write(to: output)
        print("\(output): \(image) (\(dataset) x\(scale)), window \(figure.region), crops x\(figure.zoom)")
    }
}
