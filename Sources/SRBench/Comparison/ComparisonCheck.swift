/// `bench check` for comparisons: a report of one or more models against one or more baselines
/// (each a single-model or comparison report), model by model with ``BaselineCheck``.
///
/// The baselines' models are pooled, so a three-model run can be checked against three
/// committed single-model baselines. Every pooled model must be in the report and every report
/// model in the pool; findings of a model are prefixed with its name. One model against one
/// baseline model is exactly ``BaselineCheck`` (a different model name is then a `model`
/// finding, as it always was).
public struct ComparisonCheck: Sendable {
    /// The per-model check and its tolerances.
    public var check: BaselineCheck

    /// A check with `check`'s tolerances.
    public init(check: BaselineCheck = BaselineCheck()) { self.check = check }

    /// Every difference between `report` and the pooled `baselines` (pairs of path and report).
    /// Throws ``BenchError/duplicateBaselineModel(name:baselines:)`` when two baselines hold one model.
    public func compare(_ report: ComparisonReport, baselines: [(path: String, report: ComparisonReport)]) throws
        -> [BaselineCheck.Finding] {
        var pool = [(path: String, model: ScoreReport)]()
        for b in baselines {
            for m in b.report.models {
                if let earlier = pool.first(where: { $0.model.model == m.model }) {
                    throw BenchError.duplicateBaselineModel(name: m.model, baselines: [earlier.path, b.path])
                }
                pool.append((b.path, m))
            }
        }
        if report.models.count == 1, pool.count == 1 {
            return check.compare(report.models[0], baseline: pool[0].model) + lrFindings(report.models[0], pool[0].model, prefix: "")
        }
        var findings = [BaselineCheck.Finding]()
        for (_, b) in pool {
            guard let r = report.model(named: b.model) else {
                findings.append(BaselineCheck.Finding(cell: b.model, detail: "missing from the report"))
                continue
            }
            let prefix = "\(b.model) "
            findings += check.compare(r, baseline: b).map { BaselineCheck.Finding(cell: prefix + $0.cell, detail: $0.detail) }
            findings += lrFindings(r, b, prefix: prefix)
        }
        for r in report.models where !pool.contains(where: { $0.model.model == r.model }) {
            findings.append(BaselineCheck.Finding(cell: r.model, detail: "not in the baseline"))
        }
        return findings
    }

    /// A changed LR source, when both reports record one (baselines written before it was
    /// recorded are all `generate` but say nothing, so they are not held against a report).
    func lrFindings(_ report: ScoreReport, _ baseline: ScoreReport, prefix: String) -> [BaselineCheck.Finding] {
        guard let now = report.lr, let then = baseline.lr, now != then else { return [] }
        return [BaselineCheck.Finding(cell: prefix + "lr", detail: "report used \(now.rawValue) LR, baseline \(then.rawValue)")]
    }
}
