import Dispatch
import Foundation
import SRBench
import SRImage

/// The comparison as one self-contained HTML page: what `bench score --html` and `bench report`
/// write.
///
/// The page holds the comparison table (best of each row bold), the protocol with every
/// setting, dataset provenance and the models; a PSNR-against-seconds chart per dataset × scale
/// (inline SVG); and per dataset × scale a per-image table sortable by any column and a gallery:
/// each image's HR thumbnail with the zoom window boxed, then nearest-neighbour enlarged crops
/// of the HR as scored, the bicubic input and every model, each labelled with its PSNR / SSIM on
/// that image. Images are `data:` URIs (crops PNG, thumbnails JPEG), styles and scripts inline:
/// the page fetches nothing. No date or host is written, so the same report, images and data
/// give the same bytes.
///
/// Written to a temporary file beside the destination and renamed into place, so an existing
/// report is replaced only by a complete one and a failed run leaves none.
public struct HTMLReport: Sendable {
    /// Widest HR thumbnail, pixels.
    static let thumbnailWidth = 160
    /// About how large a crop is shown, pixels (an integer zoom of the window).
    static let cropDisplay = 192

    let images: ReportImages
    let region: CropRegion?

    /// A report of `report` (read from `reportPath`, named in errors) with the SR images saved
    /// under `imagesDirectory`; datasets are found under `dataRoot`, else where the report says.
    /// `region`, when given, is the zoom window of every image (it must fit each of them).
    public init(report: ComparisonReport, reportPath: String, imagesDirectory: String, catalog: DatasetCatalog,
                dataRoot: String? = nil, region: CropRegion? = nil) throws {
        images = try ReportImages(report: report, reportPath: reportPath, imagesDirectory: imagesDirectory,
                                  catalog: catalog, dataRoot: dataRoot)
        self.region = region
    }

    /// Renders and writes the page to `path` atomically.
    public func write(to path: String) throws {
        let html = try render()
        do {
            try AtomicFileWriter.save(Array(html.utf8), to: path)
        } catch {
            throw ReportError.cannotWrite(path: path, reason: error.reason)
        }
    }

    /// The page. Gallery entries are made in parallel on all cores.
    public func render() throws -> String {
        let report = images.report, grid = images.grid
        // Every image of every cell, then their gallery entries in parallel.
        var jobs = [(key: ComparisonGrid.Key, image: LocatedImage, references: ScoredReferences)]()
        var titles = [String: String]()
        for key in grid.keys {
            let references = images.references(key)
            let located = try references.locate(dataset: key.dataset, scale: key.scale)
            titles[key.dataset] = located.dataset.title
            for name in grid.imageNames(key) {
                jobs.append((key, try images.image(name, at: key, in: located), references))
            }
        }
        let slots = ResultSlots<String>(count: jobs.count)
        let region = self.region, images = self.images, work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            slots.set(i, Result {
                let job = work[i]
                return try Self.galleryEntry(try images.entry(job.key, image: job.image, references: job.references, region: region))
            })
        }
        let entries = try slots.values()

        func title(_ key: ComparisonGrid.Key) -> String { "\(titles[key.dataset] ?? key.dataset) ×\(key.scale)" }
        var page = [String]()
        let names = report.modelNames
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        page.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.append("<title>\(HTMLText.escape("Comparison: " + names.joined(separator: ", ") + " (\(report.evaluation.name))"))</title>")
        page.append("<script>\(HTMLAssets.errorSink)</script>\n<style>\(HTMLAssets.style)</style></head>\n<body>")
        page.append("<header><h1>\(HTMLText.escape(names.joined(separator: " · ")))</h1>")
        let datasetList = Self.unique(grid.keys.map { titles[$0.dataset] ?? $0.dataset }).joined(separator: ", ")
        let scaleList = Self.unique(grid.keys.map { "×\($0.scale)" }).joined(separator: " ")
        page.append("<p class=\"sub\">\(HTMLText.escape("\(datasetList) at \(scaleList), protocol \(report.evaluation.name), \(report.tool)"))</p></header>")
        page.append("<div id=\"script-errors\" hidden></div>")
        page.append("<nav><a href=\"#results\">Results</a><a href=\"#speed\">PSNR vs time</a><a href=\"#protocol\">Protocol</a>"
            + grid.keys.map { "<a href=\"#\(Self.sectionID($0))\">\(HTMLText.escape(title($0)))</a>" }.joined() + "</nav>")
        page.append(comparisonTable(title: title))
        page.append(charts(title: title))
        page.append(protocolSection(titles: titles))
        var next = 0
        for key in grid.keys {
            let count = grid.imageNames(key).count
            page.append("<section class=\"cell\" id=\"\(Self.sectionID(key))\"><h2>\(HTMLText.escape(title(key)))</h2>")
            page.append(perImageTable(key))
            page.append("<h3>Gallery</h3><p class=\"note\">Crops are enlarged with nearest neighbour. \(Self.cropNote(region, report: report))</p>")
            page.append("<div class=\"gallery\">" + entries[next..<(next + count)].joined() + "</div></section>")
            next += count
        }
        page.append("<script>\(HTMLAssets.sorting)</script>\n</body></html>\n")
        return page.joined(separator: "\n")
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    static func sectionID(_ key: ComparisonGrid.Key) -> String { "cell-\(HTMLText.identifier(key.dataset))-x\(key.scale)" }

    static func cropNote(_ region: CropRegion?, report: ComparisonReport) -> String {
        // As ScoreRunner: the model (and so the comparison) works on Y unless the metric is RGB.
        let onY = report.evaluation.settings["channel"] != "rgb" && report.evaluation.settings["model_space"] == "y"
        let what = onY ? "They show Y, the channel the metrics compared, as scored." : "They show the images as scored."
        if let region { return "\(what) Window \(region) (--region)." }
        return "\(what) Window: the \(CropFinder.defaultSize)×\(CropFinder.defaultSize) region (inside the shaved border) where the methods' squared errors differ most."
    }

    /// `<span class="swatch">` in the model's colour.
    static func swatch(_ index: Int) -> String {
        "<span class=\"swatch\" style=\"background:\(ModelColours.colour(index))\"></span>"
    }

    // MARK: Sections

    func comparisonTable(title: (ComparisonGrid.Key) -> String) -> String {
        let report = images.report, grid = images.grid
        var out = "<section id=\"results\"><h2>Results</h2><table id=\"comparison\" class=\"results\"><thead><tr><th>PSNR / SSIM</th>"
        for (i, name) in report.modelNames.enumerated() { out += "<th>\(Self.swatch(i))\(HTMLText.escape(name))</th>" }
        out += "</tr></thead><tbody>"
        for key in grid.keys {
            let cells = grid.cells(key)
            let bestP = RowBest.indices(cells.map { $0?.psnr }, digits: 2), bestS = RowBest.indices(cells.map { $0?.ssim }, digits: 4)
            out += "<tr><td><a href=\"#\(Self.sectionID(key))\">\(HTMLText.escape(title(key)))</a></td>"
            for (i, c) in cells.enumerated() {
                guard let c else { out += "<td>–</td>"; continue }
                out += "<td>\(Self.marked(c.psnr.formatted(2), bestP.contains(i))) / \(Self.marked(c.ssim.formatted(4), bestS.contains(i)))</td>"
            }
            out += "</tr>"
        }
        out += "<tr><td>s / image</td>" + grid.overallSeconds(digits: 4).map { "<td>\($0)</td>" }.joined() + "</tr>"
        out += "</tbody></table><p class=\"note\">Bold: the best PSNR and the best SSIM of each row, at the precision shown. "
        out += "s / image: the model's own time per image over all cells (no decoding or metrics); n/a for precomputed outputs.</p></section>"
        return out
    }

    static func marked(_ text: String, _ best: Bool) -> String { best ? "<span class=\"best\">\(text)</span>" : text }

    func charts(title: (ComparisonGrid.Key) -> String) -> String {
        let report = images.report, grid = images.grid
        var out = "<section id=\"speed\"><h2>PSNR against seconds per image</h2><div class=\"charts\">"
        for key in grid.keys {
            var points = [AccuracySpeedChart.Point](), omitted = [String]()
            for (i, c) in grid.cells(key).enumerated() {
                let m = report.models[i]
                guard let c, m.timing != .notMeasured, c.secondsPerImage > 0, c.psnr.value.isFinite else {
                    omitted.append(m.model); continue
                }
                points.append(.init(model: m.model, colour: ModelColours.colour(i), seconds: c.secondsPerImage, psnr: c.psnr.value))
            }
            out += AccuracySpeedChart(title: title(key), points: points, omitted: omitted).svg()
        }
        out += "</div><p class=\"note\">Mean PSNR against the model's mean time per image (log scale), per dataset × scale, as in the SRCNN paper's figure. Times depend on the machine and its load.</p></section>"
        return out
    }

    func protocolSection(titles: [String: String]) -> String {
        let report = images.report
        let overrides = Set(report.evaluation.overrides.map { String($0.split(separator: "=")[0]) })
        var out = "<section id=\"protocol\"><h2>Protocol</h2><table class=\"settings\"><thead><tr><th>setting</th><th>value</th></tr></thead><tbody>"
        out += "<tr><td>protocol</td><td>\(HTMLText.escape(report.evaluation.name))</td></tr>"
        for (k, v) in report.evaluation.settings.sorted(by: { $0.key < $1.key }) {
            out += "<tr><td>\(HTMLText.escape(k))</td><td>\(HTMLText.escape(v))\(overrides.contains(k) ? " <b>(override)</b>" : "")</td></tr>"
        }
        out += "<tr><td>lr</td><td>\(report.lr.rawValue)</td></tr><tr><td>tool</td><td>\(HTMLText.escape(report.tool))</td></tr></tbody></table>"
        out += "<h3>Datasets</h3><table class=\"settings\"><thead><tr><th>dataset</th><th>layout</th><th>root</th><th>HR files (SHA-256)</th></tr></thead><tbody>"
        for d in report.models[0].datasets {
            let sums = d.sha256.sorted { $0.key < $1.key }.map { "\(HTMLText.escape($0.key)) \($0.value)" }.joined(separator: "<br>")
            out += "<tr><td>\(HTMLText.escape(titles[d.name] ?? d.name))</td><td>\(HTMLText.escape(d.layout))</td><td>\(HTMLText.escape(d.root))</td>"
            out += "<td><details><summary>\(d.sha256.count) files</summary><code>\(sums)</code></details></td></tr>"
        }
        out += "</tbody></table><h3>Models</h3><table class=\"settings\"><thead><tr><th>model</th><th>timing</th><th>details</th></tr></thead><tbody>"
        for (i, m) in report.models.enumerated() {
            let details = (m.modelDetails ?? [:]).sorted { $0.key < $1.key }
                .map { "\(HTMLText.escape($0.key)): \(HTMLText.escape($0.value))" }.joined(separator: "<br>")
            out += "<tr><td>\(Self.swatch(i))\(HTMLText.escape(m.model))</td><td>\((m.timing ?? .perImage).rawValue)</td><td>\(details)</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    func perImageTable(_ key: ComparisonGrid.Key) -> String {
        let report = images.report, grid = images.grid
        let n = report.models.count
        var out = "<table class=\"sortable per-image\" data-cell=\"\(HTMLText.escape(key.label))\"><thead><tr><th rowspan=\"2\" data-col=\"0\">image</th>"
        for (i, name) in report.modelNames.enumerated() { out += "<th colspan=\"3\">\(Self.swatch(i))\(HTMLText.escape(name))</th>" }
        out += "<th rowspan=\"2\" data-col=\"\(1 + 3 * n)\">best PSNR</th></tr><tr>"
        for i in 0..<n {
            for (j, label) in ["PSNR", "SSIM", "s"].enumerated() { out += "<th data-col=\"\(1 + 3 * i + j)\">\(label)</th>" }
        }
        out += "</tr></thead><tbody>"
        for name in grid.imageNames(key) {
            let scores = grid.scores(key, image: name)
            let bestP = RowBest.indices(scores.map { $0?.psnr }, digits: 2), bestS = RowBest.indices(scores.map { $0?.ssim }, digits: 4)
            out += "<tr><td data-v=\"\(HTMLText.escape(name))\"><a href=\"#\(Self.entryID(key, name))\">\(HTMLText.escape(name))</a></td>"
            for (i, s) in scores.enumerated() {
                guard let s else { out += "<td data-v=\"\"></td><td data-v=\"\"></td><td data-v=\"\"></td>"; continue }
                let timed = report.models[i].timing != .notMeasured
                out += "<td data-v=\"\(Self.number(s.psnr.value))\"\(bestP.contains(i) ? " class=\"best\"" : "")>\(s.psnr.formatted(2))</td>"
                out += "<td data-v=\"\(Self.number(s.ssim.value))\"\(bestS.contains(i) ? " class=\"best\"" : "")>\(s.ssim.formatted(4))</td>"
                out += "<td data-v=\"\(timed ? Self.number(s.seconds) : "")\">\(grid.secondsText(model: i, s.seconds, digits: 4))</td>"
            }
            out += "<td data-v=\"\(HTMLText.escape(grid.bestNames(scores.map { $0?.psnr }, digits: 2)))\">\(HTMLText.escape(grid.bestNames(scores.map { $0?.psnr }, digits: 2)))</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// Full precision for sorting; `Infinity` for an infinite PSNR (JavaScript's `Number` reads it).
    static func number(_ v: Double) -> String { v == .infinity ? "Infinity" : "\(v)" }

    static func entryID(_ key: ComparisonGrid.Key, _ image: String) -> String {
        "g-\(HTMLText.identifier(key.dataset))-x\(key.scale)-\(HTMLText.identifier(image))"
    }

    /// One gallery entry: thumbnail with the window boxed, then a labelled crop per tile.
    static func galleryEntry(_ e: GalleryEntry) throws -> String {
        let hr = e.reference.hr, r = e.region
        let thumb = try EmbeddedImage.thumbnail(hr, width: thumbnailWidth)
        let zoom = EmbeddedImage.zoom(for: r, target: cropDisplay)
        func pct(_ v: Int, _ of: Int) -> String { String(format: "%.3f%%", 100 * Double(v) / Double(of)) }
        var out = "<figure class=\"entry\" id=\"\(entryID(e.key, e.reference.name))\" data-image=\"\(HTMLText.escape(e.reference.name))\">"
        out += "<figcaption>\(HTMLText.escape(e.reference.name)) <span>\(hr.width)×\(hr.height), window \(r.width)×\(r.height) at (\(r.x), \(r.y))\(e.regionChosen ? ", where the methods differ most" : "")</span></figcaption><div class=\"tiles\">"
        out += "<div class=\"thumb\"><img class=\"thumbnail\" src=\"\(try EmbeddedImage.jpeg(thumb))\" width=\"\(thumb.width)\" height=\"\(thumb.height)\" alt=\"\(HTMLText.escape(e.reference.name)) HR\">"
        out += "<div class=\"box\" style=\"left:\(pct(r.x, hr.width));top:\(pct(r.y, hr.height));width:\(pct(r.width, hr.width));height:\(pct(r.height, hr.height))\"></div></div>"
        let tiles = e.tiles
        let bestP = RowBest.indices(tiles.map { $0.score?.psnr }, digits: 2)
        for (t, tile) in tiles.enumerated() {
            let crop = try tile.image.cropped(x: r.x, y: r.y, width: r.width, height: r.height)
            let modelIndex = e.showsBicubicInput ? t - 2 : t - 1
            let swatch = modelIndex >= 0 ? swatch(modelIndex) : ""
            let scores = tile.score.map { "\($0.psnr.formatted(2)) dB / \($0.ssim.formatted(4))" } ?? "reference"
            out += "<figure class=\"tile\"><img class=\"crop\" data-tile=\"\(HTMLText.escape(tile.label))\" src=\"\(try EmbeddedImage.png(crop))\" width=\"\(r.width * zoom)\" height=\"\(r.height * zoom)\" alt=\"\(HTMLText.escape(tile.label)) crop\">"
            out += "<figcaption><b>\(swatch)\(HTMLText.escape(tile.label))</b>\(bestP.contains(t) ? "<span class=\"best\">\(scores)</span>" : scores)</figcaption></figure>"
        }
        return out + "</div></figure>"
    }
}
