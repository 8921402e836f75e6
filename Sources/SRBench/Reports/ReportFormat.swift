import Foundation

/// The ways `bench score` can print a ``ScoreReport``.
///
/// `csv` is a contract for scripts: header `model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image`,
/// one row per dataset × scale; with per-image rows an `image` column follows `scale` and
/// `images` is 1. Values are full precision; PSNR infinity is written `inf`. `seconds_per_image`
/// is the model's time only (see ``ModelTiming``) and `n/a` when no model ran (`dir:` outputs).
/// A field holding a comma, quote or line break (an `exec:` command) is quoted as RFC 4180 says.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Paper-style table: datasets down, scales across, `PSNR / SSIM`.
    case table
    /// The same table in GitHub markdown.
    case markdown
    /// Machine-readable rows (see the type's documentation).
    case csv
    /// The full report, including provenance (``ScoreReport/jsonData()``).
    case json

    /// Renders `report`; `perImage` adds per-image rows (table, markdown, csv).
    public func render(_ report: ScoreReport, perImage: Bool = false) throws -> String {
        switch self {
        case .json: return String(decoding: try report.jsonData(), as: UTF8.self) + "\n"
        case .csv: return Self.csv(report, perImage: perImage)
        case .table: return Self.grid(report, perImage: perImage, markdown: false)
        case .markdown: return Self.grid(report, perImage: perImage, markdown: true)
        }
    }

    static func csv(_ r: ScoreReport, perImage: Bool) -> String {
        var lines = [perImage
            ? "model,protocol,dataset,scale,image,images,psnr,ssim,seconds_per_image"
            : "model,protocol,dataset,scale,images,psnr,ssim,seconds_per_image"]
        for c in r.cells {
            if perImage {
                for i in c.images {
                    lines.append([field(r.model), r.evaluation.name, c.dataset, String(c.scale), i.name, "1",
                                  i.psnr.formatted(6), i.ssim.formatted(6), r.secondsText(i.seconds, digits: 6)].joined(separator: ","))
                }
            } else {
                lines.append([field(r.model), r.evaluation.name, c.dataset, String(c.scale), String(c.images.count),
                              c.psnr.formatted(6), c.ssim.formatted(6), r.secondsText(c.secondsPerImage, digits: 6)].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `value` as one CSV field: unchanged, or in double quotes with quotes doubled.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func grid(_ r: ScoreReport, perImage: Bool, markdown: Bool) -> String {
        let scales = Array(Set(r.cells.map(\.scale))).sorted()
        var datasets = [String]()
        for c in r.cells where !datasets.contains(c.dataset) { datasets.append(c.dataset) }
        let title = Dictionary(r.cells.map { ($0.dataset, $0.dataset) }, uniquingKeysWith: { a, _ in a })
        func cell(_ d: String, _ s: Int) -> ScoreCell? { r.cells.first { $0.dataset == d && $0.scale == s } }

        var header = ["\(r.model) (\(r.evaluation.name))"] + scales.map { "x\($0) PSNR / SSIM" }
        var rows = datasets.map { d in
            [title[d] ?? d] + scales.map { s in cell(d, s).map { "\($0.psnr.formatted(2)) / \($0.ssim.formatted(4))" } ?? "–" }
        }
        rows.append(["s / image"] + scales.map { s in
            let cs = r.cells.filter { $0.scale == s }
            let n = cs.reduce(0) { $0 + $1.images.count }
            let t = cs.reduce(0.0) { $0 + $1.secondsPerImage * Double($1.images.count) }
            return n == 0 ? "–" : r.secondsText(t / Double(n), digits: 4)
        })
        if perImage {
            for d in datasets {
                let names = scales.compactMap { cell(d, $0) }.first?.images.map(\.name) ?? []
                for n in names {
                    rows.append(["  \(d)/\(n)"] + scales.map { s in
                        cell(d, s)?.images.first { $0.name == n }.map { "\($0.psnr.formatted(4)) / \($0.ssim.formatted(4))" } ?? "–"
                    })
                }
            }
        }
        var out = ""
        if markdown {
            out += "| " + header.joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: "---|", count: header.count) + "\n"
            for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        } else {
            header[0] = header[0]
            let widths = (0..<header.count).map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, s in i == 0 ? s.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - s.count) + s }.joined(separator: "   ")
            }
            out += line(header) + "\n"
            for row in rows { out += line(row) + "\n" }
        }
        let settings = r.evaluation.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        out += "\nprotocol \(r.evaluation.name): \(settings)"
        if !r.evaluation.overrides.isEmpty { out += "\noverrides: \(r.evaluation.overrides.joined(separator: ", "))" }
        switch r.timing {
        case .perBatch: out += "\ns / image: wall time of one model command per dataset x scale over its images"
        case .notMeasured: out += "\ns / image: n/a, precomputed outputs"
        case .perImage, nil: break
        }
        return out + "\n"
    }
}
