/// Compares a fresh ``ScoreReport`` with a committed baseline, cell by cell.
///
/// Every cell that moved beyond tolerance is reported, improvements included, so that a
/// baseline only changes when someone updates it on purpose.
public struct BaselineCheck: Sendable {
    /// Largest accepted PSNR difference, dB.
    public var toleranceDB: Double
    /// Largest accepted SSIM difference.
    public var toleranceSSIM: Double

    /// A check with the given tolerances (defaults 0.005 dB and 0.0005).
    public init(toleranceDB: Double = 0.005, toleranceSSIM: Double = 0.0005) {
        self.toleranceDB = toleranceDB
        self.toleranceSSIM = toleranceSSIM
    }

    /// One way a report differs from its baseline.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// `dataset xS metric`, e.g. `set5 x4 psnr`.
        public let cell: String
        /// What happened, with both values.
        public let detail: String
        public var description: String { "\(cell): \(detail)" }
    }

    /// Every difference beyond tolerance, missing or extra cells, and model/protocol mismatches.
    public func compare(_ report: ScoreReport, baseline: ScoreReport) -> [Finding] {
        var findings = [Finding]()
        if report.model != baseline.model {
            findings.append(Finding(cell: "model", detail: "report is \(report.model), baseline is \(baseline.model)"))
        }
        if report.evaluation != baseline.evaluation {
            findings.append(Finding(cell: "protocol", detail: "report settings \(report.evaluation.settings) differ from baseline \(baseline.evaluation.settings)"))
        }
        for b in baseline.cells {
            let key = "\(b.dataset) x\(b.scale)"
            guard let r = report.cells.first(where: { $0.dataset == b.dataset && $0.scale == b.scale }) else {
                findings.append(Finding(cell: key, detail: "missing from the report"))
                continue
            }
            if let f = moved("psnr", r.psnr, b.psnr, toleranceDB, digits: 4) { findings.append(Finding(cell: "\(key) psnr", detail: f)) }
            if let f = moved("ssim", r.ssim, b.ssim, toleranceSSIM, digits: 6) { findings.append(Finding(cell: "\(key) ssim", detail: f)) }
        }
        for r in report.cells where !baseline.cells.contains(where: { $0.dataset == r.dataset && $0.scale == r.scale }) {
            findings.append(Finding(cell: "\(r.dataset) x\(r.scale)", detail: "not in the baseline"))
        }
        return findings
    }

    private func moved(_ name: String, _ now: MetricValue, _ then: MetricValue, _ tolerance: Double, digits: Int) -> String? {
        if now.value == then.value { return nil }
        let delta = now.value - then.value
        guard !(abs(delta) <= tolerance) else { return nil }
        let direction = delta > 0 ? "improved" : "regressed"
        return "\(direction) from \(then.formatted(digits)) to \(now.formatted(digits)) (\(delta > 0 ? "+" : "")\(String(format: "%.\(digits)f", delta)), tolerance \(tolerance))"
    }
}
