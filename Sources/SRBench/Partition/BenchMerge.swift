import Foundation
import SRPartition

/// `bench merge`: N partial reports (``BenchPart``) → the report one `bench score` run writes.
///
/// Checks first, each naming the file at fault: every part is a partial report; all share N and
/// the command (tool, datasets, scales, data root, image lists, assignment rule, protocol settings
/// and overrides, LR source, models with their details and timing kind); no part twice, none
/// missing; every image in the part the rule gives it, scored there at every scale and nowhere
/// else; dataset provenance (layout, root, HR SHA-256) agreeing between parts.
///
/// Then every cell is rebuilt from the per-image scores in catalogue order and its means are
/// summed in that order, as ``ScoreRunner`` sums them, so every PSNR and SSIM is identical to one
/// run's. Timing: each image keeps the seconds of the task that scored it; a cell's seconds per
/// image are their mean (Docs/partitioning.md).
public enum BenchMerge {
    /// What the parts of one run share, compared field by field for the message.
    struct Identity: Equatable {
        let parts: Int, assignment: String, datasets: [String], scales: [Int], dataRoot: String, images: [BenchPartImages]
        let tool: String, evaluation: ProtocolSettings, lr: LRSource
        let models: [ModelIdentity]

        init(_ p: BenchPart) {
            parts = p.parts; assignment = p.assignment; datasets = p.datasets; scales = p.scales; dataRoot = p.dataRoot
            images = p.images; tool = p.report.tool; evaluation = p.report.evaluation; lr = p.report.lr
            models = p.report.models.map(ModelIdentity.init)
        }
    }

    /// A model as the parts must agree on it.
    struct ModelIdentity: Equatable {
        let model: String, tool: String, evaluation: ProtocolSettings, timing: ModelTiming?, details: [String: String]?
        init(_ r: ScoreReport) {
            model = r.model; tool = r.tool; evaluation = r.evaluation; timing = r.timing; details = r.modelDetails
        }
    }

    /// Reads, checks and merges the partial reports at `paths`.
    public static func merge(paths: [String]) throws -> ComparisonReport {
        guard !paths.isEmpty else { throw BenchError.badPart(path: "(none)", reason: "no partial report given") }
        let parts = try paths.map { (path: $0, part: try BenchPart.read(from: $0)) }
        try checkSameRun(parts)
        let n = parts[0].part.parts
        var byNumber: [Int: [String]] = [:]
        for p in parts { byNumber[p.part.part, default: []].append(p.path) }
        if let (k, twice) = byNumber.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw BenchError.duplicatePart(part: k, parts: n, paths: twice)
        }
        let missing = (0..<n).filter { byNumber[$0] == nil }
        guard missing.isEmpty else { throw BenchError.missingParts(missing: missing, parts: n, found: parts.count) }
        let ordered = parts.sorted { $0.part.part < $1.part.part }
        return try join(ordered)
    }

    /// All parts share ``Identity`` with the first; else names the differing field.
    static func checkSameRun(_ parts: [(path: String, part: BenchPart)]) throws {
        let reference = Identity(parts[0].part)
        for p in parts.dropFirst() {
            let other = Identity(p.part)
            guard other != reference else { continue }
            throw BenchError.partsDiffer(path: p.path, other: parts[0].path, what: difference(other, reference))
        }
    }

    /// The first field in which `a` differs from `b`, in words.
    static func difference(_ a: Identity, _ b: Identity) -> String {
        if a.parts != b.parts { return "it is one of \(a.parts) parts, the other of \(b.parts)" }
        if a.tool != b.tool { return "made by \(a.tool), the other by \(b.tool)" }
        if a.models.map(\.model) != b.models.map(\.model) {
            return "models \(a.models.map(\.model).joined(separator: ", ")), the other \(b.models.map(\.model).joined(separator: ", "))"
        }
        if a.evaluation != b.evaluation {
            return "protocol \(a.evaluation.name) (\(a.evaluation.overrides.joined(separator: " "))), the other \(b.evaluation.name) (\(b.evaluation.overrides.joined(separator: " "))); settings differ"
        }
        if a.lr != b.lr { return "LR \(a.lr), the other \(b.lr)" }
        if a.datasets != b.datasets { return "datasets \(a.datasets.joined(separator: ",")), the other \(b.datasets.joined(separator: ","))" }
        if a.scales != b.scales { return "scales \(a.scales.map(String.init).joined(separator: ",")), the other \(b.scales.map(String.init).joined(separator: ","))" }
        if a.dataRoot != b.dataRoot { return "data root \(a.dataRoot), the other \(b.dataRoot)" }
        if a.images != b.images { return "the catalogue's image lists differ" }
        if a.assignment != b.assignment { return "assignment rule \(a.assignment), the other \(b.assignment)" }
        if let i = a.models.indices.first(where: { a.models[$0] != b.models[$0] }) {
            return "model \(a.models[i].model) has other details (\(describe(a.models[i].details))), the other (\(describe(b.models[i].details)))"
        }
        return "they differ"
    }

    static func describe(_ d: [String: String]?) -> String {
        (d ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    /// The merged report of checked parts, in part order.
    static func join(_ parts: [(path: String, part: BenchPart)]) throws -> ComparisonReport {
        let first = parts[0].part
        let n = first.parts
        // Where the rule puts every (dataset, image).
        let units = first.images.flatMap { list in list.names.indices.map { (list.dataset, list.names[$0], list.weights[$0]) } }
        let assignment = WorkBalancer.assign(weights: units.map(\.2), parts: n)
        var owner: [String: [String: Int]] = [:]
        for (unit, part) in zip(units, assignment) { owner[unit.0, default: [:]][unit.1] = part }

        var models: [ScoreReport] = []
        for (m, model) in first.report.models.enumerated() {
            var provenance: [DatasetProvenance] = []
            var cells: [ScoreCell] = []
            for list in first.images {
                var merged: DatasetProvenance?
                var mergedFrom = ""
                for (path, part) in parts {
                    guard let p = part.report.models[m].datasets.first(where: { $0.name == list.dataset }) else { continue }
                    if let reference = merged {
                        guard p.layout == reference.layout, p.root == reference.root else {
                            throw BenchError.partsDiffer(path: path, other: mergedFrom,
                                                         what: "\(list.dataset) found as layout \(p.layout) under \(p.root), the other as \(reference.layout) under \(reference.root)")
                        }
                        for (name, sha) in p.sha256 {
                            if let known = reference.sha256[name], known != sha {
                                throw BenchError.partsDiffer(path: path, other: mergedFrom, what: "\(list.dataset)/\(name) has SHA-256 \(sha), the other \(known)")
                            }
                            merged!.sha256[name] = sha
                        }
                    } else {
                        merged = p
                        mergedFrom = path
                    }
                }
                if let merged { provenance.append(merged) }
                for scale in first.scales {
                    var scores: [String: ImageScore] = [:]
                    for (k, (path, part)) in parts.enumerated() {
                        guard let cell = part.report.models[m].cells.first(where: { $0.dataset == list.dataset && $0.scale == scale }) else { continue }
                        for image in cell.images {
                            guard owner[list.dataset]?[image.name] == k else {
                                throw BenchError.badPart(path: path, reason: "it scored \(list.dataset)/\(image.name), which rule \(first.assignment) gives to part \(owner[list.dataset]?[image.name].map(String.init) ?? "none")")
                            }
                            guard scores.updateValue(image, forKey: image.name) == nil else {
                                throw BenchError.badPart(path: path, reason: "it scored \(list.dataset)/\(image.name) x\(scale) twice")
                            }
                        }
                    }
                    let images = try list.names.map { name -> ImageScore in
                        guard let s = scores[name] else {
                            let k = owner[list.dataset]![name]!
                            throw BenchError.badPart(path: parts[k].path, reason: "it has no score for \(list.dataset)/\(name) x\(scale), which is its share")
                        }
                        return s
                    }
                    cells.append(ScoreCell(dataset: list.dataset, scale: scale,
                                           psnr: MetricValue(ScoreRunner.mean(images.map(\.psnr.value))),
                                           ssim: MetricValue(ScoreRunner.mean(images.map(\.ssim.value))),
                                           secondsPerImage: ScoreRunner.mean(images.map(\.seconds)), images: images))
                }
            }
            models.append(ScoreReport(tool: model.tool, model: model.model, evaluation: model.evaluation, datasets: provenance,
                                      cells: cells, timing: model.timing, modelDetails: model.modelDetails, lr: model.lr))
        }
        return ComparisonReport(tool: first.report.tool, evaluation: first.report.evaluation, lr: first.report.lr, models: models)
    }
}
