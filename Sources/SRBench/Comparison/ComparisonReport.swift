import Foundation

/// Several models scored on the same inputs in one `bench score` run: the paper table with one
/// column per method.
///
/// `models` holds one complete ``ScoreReport`` per model, in column order, each with its own
/// dataset provenance (HR checksums), timing and details, and each equal to what a separate
/// `bench score --model` run would have written (minus the time it took). `evaluation` and `lr`
/// repeat what every model was scored under, for readers; ``read(from:)`` checks they agree.
///
/// JSON: `{"tool", "evaluation", "lr", "models": [report, …]}`. A file holding a single-model
/// ``ScoreReport`` (every report and baseline written before comparisons existed) reads as a
/// comparison of one model, so `bench check` and `bench report` take either.
public struct ComparisonReport: Sendable, Codable, Equatable {
    /// `SRKit <version>`.
    public var tool: String
    /// The protocol every model was scored under.
    public var evaluation: ProtocolSettings
    /// Where the LR images came from.
    public var lr: LRSource
    /// One report per model, in column order.
    public var models: [ScoreReport]

    /// Bundles the fields.
    public init(tool: String, evaluation: ProtocolSettings, lr: LRSource, models: [ScoreReport]) {
        self.tool = tool
        self.evaluation = evaluation
        self.lr = lr
        self.models = models
    }

    /// A single-model report as a comparison of one.
    public init(single report: ScoreReport) {
        self.init(tool: report.tool, evaluation: report.evaluation, lr: report.lr ?? .generate, models: [report])
    }

    /// Model names in column order.
    public var modelNames: [String] { models.map(\.model) }

    /// The model called `name`, if any.
    public func model(named name: String) -> ScoreReport? { models.first { $0.model == name } }

    /// Reads a comparison or a single-model report written by `bench score --format json`.
    ///
    /// Refused with ``BenchError/badReport(path:reason:)``: unreadable or malformed JSON, no
    /// models, two models of one name, or a model scored under other settings than the report's.
    public static func read(from path: String) throws -> ComparisonReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError.badReport(path: path, reason: "the file cannot be read")
        }
        let report: ComparisonReport
        do {
            // The `models` key tells the two forms apart; anything else is a single-model report.
            let isComparison = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["models"] != nil
            report = isComparison ? try JSONDecoder().decode(ComparisonReport.self, from: data)
                : ComparisonReport(single: try JSONDecoder().decode(ScoreReport.self, from: data))
        } catch {
            throw BenchError.badReport(path: path, reason: "\(error)")
        }
        try report.validate(path: path)
        return report
    }

    /// The consistency ``read(from:)`` promises.
    func validate(path: String) throws {
        guard !models.isEmpty else { throw BenchError.badReport(path: path, reason: "it lists no models") }
        var seen = Set<String>()
        for m in models {
            guard seen.insert(m.model).inserted else {
                throw BenchError.badReport(path: path, reason: "model '\(m.model)' appears twice")
            }
            guard m.evaluation == evaluation, (m.lr ?? lr) == lr else {
                throw BenchError.badReport(path: path, reason: "model '\(m.model)' was scored under other settings than the report's")
            }
        }
    }

    /// Pretty-printed JSON with sorted keys, so reports diff cleanly.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
