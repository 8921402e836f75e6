import Foundation
import SRBench
import SRImage

/// The paper figure for one image: the HR with the zoom window boxed, then zoomed crops of the
/// HR, the bicubic input and every model, each labelled with its name and PSNR / SSIM on this
/// image. What `bench figure` writes.
///
/// SVG 1.1 with vector text (DejaVu Sans, falling back to the viewer's sans-serif) and the
/// images as PNG `data:` URIs: the HR as stored (modcropped, colour) and each crop enlarged
/// nearest-neighbour by an integer zoom before encoding, so the pixels stay sharp in any viewer
/// or PDF (`rsvg-convert -f pdf fig.svg > fig.pdf`) and decode to exactly the scored pixels.
/// Crops show what the metrics compared: Y under a Y protocol (`srcnn`), RGB otherwise.
///
/// Written to a temporary file beside the destination and renamed into place.
public struct ComparisonFigure: Sendable {
    /// About how large a crop is drawn, pixels (an integer zoom of the window).
    static let cropDisplay = 160
    static let gap = 12.0, margin = 10.0, labelHeight = 36.0

    let entry: GalleryEntry
    let protocolName: String
    let onY: Bool

    /// The figure of `image` in `dataset` at `scale` of `report` (read from `reportPath`),
    /// its SR images under `imagesDirectory`; `region` is the window, else the one where the
    /// methods differ most. Unknown cells or images and regions that do not fit are
    /// ``ReportError``s.
    public init(report: ComparisonReport, reportPath: String, imagesDirectory: String, catalog: DatasetCatalog,
                dataRoot: String? = nil, dataset: String, scale: Int, image: String, region: CropRegion? = nil) throws {
        let images = try ReportImages(report: report, reportPath: reportPath, imagesDirectory: imagesDirectory,
                                      catalog: catalog, dataRoot: dataRoot)
        let key = try images.key(dataset: dataset, scale: scale)
        let names = images.grid.imageNames(key)
        guard names.contains(image) else {
            throw ReportError.unknownImage(report: reportPath, cell: key.label, image: image, known: names)
        }
        let references = images.references(key)
        let located = try references.locate(dataset: dataset, scale: scale)
        entry = try images.entry(key, image: try images.image(image, at: key, in: located), references: references, region: region)
        protocolName = report.evaluation.name
        onY = report.evaluation.settings["channel"] != "rgb" && report.evaluation.settings["model_space"] == "y"
    }

    /// The zoom window used.
    public var region: CropRegion { entry.region }

    /// The integer enlargement of the crops.
    public var zoom: Int { EmbeddedImage.zoom(for: entry.region, target: Self.cropDisplay) }

    /// Renders and writes the SVG to `path` atomically.
    public func write(to path: String) throws {
        let svg = try render()
        do {
            try AtomicFileWriter.save(Array(svg.utf8), to: path)
        } catch {
            throw ReportError.cannotWrite(path: path, reason: error.reason)
        }
    }

    /// The SVG document.
    public func render() throws -> String {
        let r = entry.region, z = zoom, hr = entry.reference.hr
        let tiles = entry.tiles
        let n = tiles.count
        let cols = n <= 4 ? n : (n + 1) / 2
        let rows = (n + cols - 1) / cols
        let tileW = Double(r.width * z), tileH = Double(r.height * z)
        let gap = Self.gap, m = Self.margin, labelH = Self.labelHeight
        let gridH = Double(rows) * (tileH + labelH) + Double(rows - 1) * gap
        // The HR is drawn as tall as the crop grid (minus its caption), at least 200 px.
        let hrH = max(200, gridH - labelH), s = hrH / Double(hr.height), hrW = Double(hr.width) * s
        let gridX = m + hrW + 2 * gap
        let width = gridX + Double(cols) * tileW + Double(cols - 1) * gap + m
        let height = m + max(gridH, hrH + labelH) + 22 + m
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" \
            width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" \
            font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        out += "<image x=\"\(f(m))\" y=\"\(f(m))\" width=\"\(f(hrW))\" height=\"\(f(hrH))\" preserveAspectRatio=\"none\" data-tile=\"HR full\" xlink:href=\"\(try EmbeddedImage.png(hr))\"/>\n"
        out += "<rect x=\"\(f(m + Double(r.x) * s))\" y=\"\(f(m + Double(r.y) * s))\" width=\"\(f(Double(r.width) * s))\" height=\"\(f(Double(r.height) * s))\" fill=\"none\" stroke=\"#e00000\" stroke-width=\"2\"/>\n"
        out += text(x: m, y: m + hrH + 16, "\(entry.reference.name) (\(entry.key.dataset) ×\(entry.key.scale), \(hr.width)×\(hr.height))", size: 13, bold: true)
        out += text(x: m, y: m + hrH + 32, "window \(r.width)×\(r.height) at (\(r.x), \(r.y))", size: 12)
        let bestP = RowBest.indices(tiles.map { $0.score?.psnr }, digits: 2)
        for (t, tile) in tiles.enumerated() {
            let col = t % cols, row = t / cols
            let x = gridX + Double(col) * (tileW + gap), y = m + Double(row) * (tileH + labelH + gap)
            let crop = EmbeddedImage.enlarged(try tile.image.cropped(x: r.x, y: r.y, width: r.width, height: r.height), by: z)
            out += "<image x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(tileW))\" height=\"\(f(tileH))\" preserveAspectRatio=\"none\" data-tile=\"\(HTMLText.escape(tile.label))\" xlink:href=\"\(try EmbeddedImage.png(crop))\"/>\n"
            out += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(tileW))\" height=\"\(f(tileH))\" fill=\"none\" stroke=\"#888888\" stroke-width=\"0.5\"/>\n"
            let size = Self.labelSize(tile.label, toFit: tileW)
            out += text(x: x + tileW / 2, y: y + tileH + 15, Self.shortened(tile.label, toFit: tileW, size: size), size: size, bold: true, anchor: "middle")
            let score = tile.score.map { "\($0.psnr.formatted(2)) dB / \($0.ssim.formatted(4))" } ?? "reference"
            out += text(x: x + tileW / 2, y: y + tileH + 30, score, size: 11, bold: bestP.contains(t), anchor: "middle")
        }
        let what = onY ? "Y channel, as scored (protocol \(protocolName))" : "as scored (protocol \(protocolName))"
        out += text(x: gridX, y: height - m - 4, "Crops: \(what), nearest-neighbour ×\(z). Bold: best PSNR.", size: 10, colour: "#555555")
        return out + "</svg>\n"
    }

    /// One `<text>` element.
    func text(x: Double, y: Double, _ s: String, size: Int, bold: Bool = false, anchor: String = "start", colour: String = "#000000") -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\"\(bold ? " font-weight=\"bold\"" : "") text-anchor=\"\(anchor)\" fill=\"\(colour)\">\(HTMLText.escape(s))</text>\n"
    }

    /// The label's font size: 12 px, smaller (down to 8) for a long name, so it fits the tile.
    static func labelSize(_ label: String, toFit width: Double) -> Int {
        max(8, min(12, Int(width / (0.62 * Double(max(label.count, 1))))))
    }

    /// `label` cut with an ellipsis to about the characters that fit `width` at `size` px
    /// (bold DejaVu Sans averages about 0.62 em per character).
    static func shortened(_ label: String, toFit width: Double, size: Int) -> String {
        let fit = max(4, Int(width / (Double(size) * 0.62)))
        return label.count <= fit ? label : String(label.prefix(fit - 1)) + "…"
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
