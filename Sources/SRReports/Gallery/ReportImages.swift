import Foundation
import SRBench
import SRImage

/// A saved report with its `--save-images` folder and the datasets it was scored on: loads any
/// image of the report as a ``GalleryEntry``.
///
/// Nothing is trusted blindly: each saved SR image must have the scored HR's size and
/// channels and must reproduce the report's PSNR and SSIM for that image (recomputed with the
/// runner's own metric step, to 1e-9), so a gallery can never show pictures from another run,
/// another protocol or a changed dataset under this report's numbers.
struct ReportImages: Sendable {
    /// The report.
    let report: ComparisonReport
    /// The report's path, for messages.
    let reportPath: String
    /// The `--save-images` folder.
    let imagesDirectory: String
    /// The protocol the report was scored under.
    let evaluation: EvaluationProtocol
    /// The dataset catalogue.
    let catalog: DatasetCatalog
    /// `--data-root`, else nil: each dataset's root as the report recorded it.
    let dataRoot: String?

    /// Largest accepted difference between a reported and a recomputed metric.
    static let tolerance = 1e-9

    /// Images of `report` (read from `reportPath`) saved under `imagesDirectory`.
    init(report: ComparisonReport, reportPath: String, imagesDirectory: String, catalog: DatasetCatalog, dataRoot: String?) throws {
        self.report = report
        self.reportPath = reportPath
        self.imagesDirectory = imagesDirectory
        self.catalog = catalog
        self.dataRoot = dataRoot
        self.evaluation = try EvaluationProtocol(reported: report.evaluation, path: reportPath)
    }

    /// The grid of the report.
    var grid: ComparisonGrid { ComparisonGrid(report) }

    /// The references of `key`'s dataset (its recorded data root unless `--data-root` was given).
    func references(_ key: ComparisonGrid.Key) -> ScoredReferences {
        let root = dataRoot ?? report.models[0].datasets.first { $0.name == key.dataset }?.root ?? "."
        return ScoredReferences(catalog: catalog, evaluation: evaluation, lrSource: report.lr, dataRoot: root)
    }

    /// The key for `dataset` at `scale`, or ``ReportError/unknownCell(report:cell:known:)``.
    func key(dataset: String, scale: Int) throws -> ComparisonGrid.Key {
        let key = ComparisonGrid.Key(dataset: dataset, scale: scale)
        guard grid.keys.contains(key) else {
            throw ReportError.unknownCell(report: reportPath, cell: key.label, known: grid.keys.map(\.label))
        }
        return key
    }

    /// The located image called `name` at `key`, or ``ReportError/unknownImage(report:cell:image:known:)``.
    func image(_ name: String, at key: ComparisonGrid.Key, in located: LocatedDataset) throws -> LocatedImage {
        let names = grid.imageNames(key)
        guard names.contains(name), let image = located.images.first(where: { $0.name == name }) else {
            throw ReportError.unknownImage(report: reportPath, cell: key.label, image: name, known: names)
        }
        return image
    }

    /// Loads `image` at `key`: reference, bicubic input, every model's saved output (checked),
    /// and the zoom window (`region`, checked to fit, or the most different one).
    func entry(_ key: ComparisonGrid.Key, image: LocatedImage, references: ScoredReferences, region: CropRegion?) throws -> GalleryEntry {
        let reference = try references.reference(image, dataset: key.dataset, scale: key.scale)
        let scored = reference.scored
        var outputs = [ByteImage]()
        var scores = [ImageScore]()
        for m in report.models {
            guard let reported = m.cells.first(where: { $0.dataset == key.dataset && $0.scale == key.scale })?
                .images.first(where: { $0.name == image.name }) else {
                throw ReportError.unknownImage(report: reportPath, cell: key.label, image: image.name, known: grid.imageNames(key))
            }
            let folder = ModelFolder.path(for: m.model, in: imagesDirectory, modelCount: report.models.count)
            let path = ModelFolder.imagePath(folder: folder, dataset: key.dataset, scale: key.scale, image: image.name)
            guard FileManager.default.fileExists(atPath: path) else { throw ReportError.missingImage(path: path, model: m.model) }
            let sr = try ImageDecoder.decode(contentsOf: path)
            guard sr.width == scored.width, sr.height == scored.height, sr.channels == scored.channels else {
                throw ReportError.imageShape(path: path, expected: Self.shape(scored), actual: Self.shape(sr))
            }
            let again = try references.score(sr, against: reference)
            guard Self.agrees(again.psnr, reported.psnr), Self.agrees(again.ssim, reported.ssim) else {
                throw ReportError.imageMismatch(
                    path: path, model: m.model, cell: key.label, image: image.name,
                    reported: "PSNR \(reported.psnr.formatted(6)) / SSIM \(reported.ssim.formatted(6))",
                    recomputed: "PSNR \(again.psnr.formatted(6)) / SSIM \(again.ssim.formatted(6))")
            }
            outputs.append(sr)
            scores.append(reported)
        }
        let window: CropRegion
        if let region {
            try region.check(fits: "\(key.label) \(image.name)", width: scored.width, height: scored.height)
            window = region
        } else {
            let candidates = (report.models.map(\.model).contains("bicubic") ? [] : [reference.bicubic]) + outputs
            window = CropFinder.mostDifferent(reference: scored, candidates: candidates, shave: reference.shave)
        }
        return GalleryEntry(key: key, reference: reference, outputs: outputs, scores: scores, models: report.modelNames,
                            region: window, regionChosen: region == nil)
    }

    /// `480x320 grey` / `480x320 RGB`.
    static func shape(_ image: ByteImage) -> String {
        "\(image.width)x\(image.height) \(image.channels == 1 ? "grey" : "RGB")"
    }

    static func agrees(_ a: MetricValue, _ b: MetricValue) -> Bool {
        a.value == b.value || abs(a.value - b.value) <= tolerance
    }
}
