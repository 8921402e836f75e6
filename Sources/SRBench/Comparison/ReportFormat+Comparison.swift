import Foundation

/// A ``ComparisonReport`` in each format. One model prints exactly as a single-model report
/// always did; several print as the paper table:
///
/// - `table`, `markdown`: rows dataset × scale, one column per model, `PSNR / SSIM` cells; the
///   best PSNR and the best SSIM of each row (``RowBest``, at the printed precision, ties all
///   marked) are bold in markdown and followed by `*` in the table; then an `s / image` row.
///   With per-image rows, one row per dataset × scale × image follows, and a last column names
///   the best model by PSNR on every row.
/// - `csv`: the single-model contract unchanged, one row per model × cell (× image), models in
///   column order; the rows of one model are exactly its separate run's rows.
/// - `json`: ``ComparisonReport/jsonData()``.
extension ReportFormat {
    /// Renders `comparison`; `perImage` adds per-image rows (table, markdown, csv).
    public func render(_ comparison: ComparisonReport, perImage: Bool = false) throws -> String {
        if comparison.models.count == 1 { return try render(comparison.models[0], perImage: perImage) }
        switch self {
        case .json: return String(decoding: try comparison.jsonData(), as: UTF8.self) + "\n"
        case .csv:
            // Each model's own CSV, the header written once.
            let parts = comparison.models.map { Self.csv($0, perImage: perImage).split(separator: "\n").map(String.init) }
            return ([parts[0][0]] + parts.flatMap { $0.dropFirst() }).joined(separator: "\n") + "\n"
        case .table: return Self.comparisonGrid(comparison, perImage: perImage, markdown: false)
        case .markdown: return Self.comparisonGrid(comparison, perImage: perImage, markdown: true)
        }
    }

    /// `PSNR / SSIM` with the best marked: `**36.66** / 0.9542` in markdown, `36.66* / 0.9542 `
    /// in the table (a space where there is no mark, so right-aligned columns stay aligned).
    static func markedPair(_ s: ImageScoreText, markdown: Bool) -> String {
        func mark(_ text: String, _ best: Bool) -> String {
            markdown ? (best ? "**\(text)**" : text) : text + (best ? "*" : " ")
        }
        return "\(mark(s.psnr, s.psnrBest)) / \(mark(s.ssim, s.ssimBest))"
    }

    /// One cell's printed values and whether each is the row's best.
    struct ImageScoreText {
        let psnr: String, ssim: String, psnrBest: Bool, ssimBest: Bool
    }

    /// A row of `PSNR / SSIM` texts for the given values, best marked, `–` where missing.
    static func markedRow(psnr: [MetricValue?], ssim: [MetricValue?], psnrDigits: Int, ssimDigits: Int,
                          markdown: Bool) -> [String] {
        let bestP = RowBest.indices(psnr, digits: psnrDigits), bestS = RowBest.indices(ssim, digits: ssimDigits)
        return psnr.indices.map { i in
            guard let p = psnr[i], let s = ssim[i] else { return "–" }
            return markedPair(ImageScoreText(psnr: p.formatted(psnrDigits), ssim: s.formatted(ssimDigits),
                                             psnrBest: bestP.contains(i), ssimBest: bestS.contains(i)), markdown: markdown)
        }
    }

    static func comparisonGrid(_ c: ComparisonReport, perImage: Bool, markdown: Bool) -> String {
        let grid = ComparisonGrid(c)
        var header = ["dataset (\(c.evaluation.name))"] + c.modelNames
        if perImage { header.append("best PSNR") }
        var rows = [[String]]()
        for key in grid.keys {
            let cells = grid.cells(key)
            var row = [key.label] + markedRow(psnr: cells.map { $0?.psnr }, ssim: cells.map { $0?.ssim },
                                              psnrDigits: 2, ssimDigits: 4, markdown: markdown)
            if perImage { row.append(grid.bestNames(cells.map { $0?.psnr }, digits: 2)) }
            rows.append(row)
        }
        var secondsRow = ["s / image"] + grid.overallSeconds(digits: 4)
        if perImage { secondsRow.append("") }
        rows.append(secondsRow)
        if perImage {
            for key in grid.keys {
                for name in grid.imageNames(key) {
                    let scores = grid.scores(key, image: name)
                    rows.append(["  \(key.label) \(name)"]
                        + markedRow(psnr: scores.map { $0?.psnr }, ssim: scores.map { $0?.ssim },
                                    psnrDigits: 4, ssimDigits: 4, markdown: markdown)
                        + [grid.bestNames(scores.map { $0?.psnr }, digits: 4)])
                }
            }
        }
        var out = ""
        if markdown {
            out += "| " + header.joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: "---|", count: header.count) + "\n"
            for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
            out += "\nBold: the best PSNR and the best SSIM of each row, at the precision shown.\n"
        } else {
            let widths = (0..<header.count).map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, s in
                    i == 0 || (perImage && i == header.count - 1)
                        ? s.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[i] - s.count) + s
                }.joined(separator: "   ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            }
            out += line(header) + "\n"
            for row in rows { out += line(row) + "\n" }
            out += "\n* the best PSNR and the best SSIM of each row, at the precision shown\n"
        }
        let settings = c.evaluation.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        out += "protocol \(c.evaluation.name): \(settings)"
        if !c.evaluation.overrides.isEmpty { out += "\noverrides: \(c.evaluation.overrides.joined(separator: ", "))" }
        if c.lr == .provided { out += "\nlr: provided (the datasets' own LR files)" }
        for m in c.models {
            switch m.timing {
            case .perBatch: out += "\ns / image of \(m.model): wall time of one model command per dataset x scale over its images"
            case .notMeasured: out += "\ns / image of \(m.model): n/a, precomputed outputs"
            case .perImage, nil: break
            }
        }
        return out + "\n"
    }
}
