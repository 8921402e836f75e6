/// Scores several models on the same inputs: one ``ScoreRunner`` run per model, in order.
///
/// Each model gets exactly the ``ScoreRequest`` a separate `bench score --model` run would
/// build, so every cell equals that run's (the runner is deterministic; only seconds differ).
/// Models run one after another, each with both cores, so their seconds per image are
/// comparable. HR files are decoded once per model; decoding is a small part of a model run,
/// and keeping the runner untouched is worth more than the saving.
public struct ComparisonRunner: Sendable {
    /// The runner each model goes through.
    public let runner: ScoreRunner

    /// A comparison through `runner`.
    public init(runner: ScoreRunner) { self.runner = runner }

    /// Scores every model and collects a ``ComparisonReport``. `progress` gets (label, done,
    /// total) with the label naming the model, e.g. `[2/3] srcnn-9-5-5:x3.mat Set5`.
    ///
    /// Refused before any model runs: `--label` not once per model, two models with one name,
    /// or (when saving images) two whose ``ModelFolder`` names collide.
    public func run(_ request: ComparisonRequest, progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws -> ComparisonReport {
        let names = try reportNames(request)
        var reports = [ScoreReport]()
        for (i, model) in request.models.enumerated() {
            let folder = request.saveImagesDirectory.map {
                ModelFolder.path(for: names[i], in: $0, modelCount: request.models.count)
            }
            let single = ScoreRequest(model: model, datasets: request.datasets, scales: request.scales,
                                      dataRoot: request.dataRoot, evaluation: request.evaluation,
                                      lrSource: request.lrSource, saveImagesDirectory: folder,
                                      saveNaming: request.saveNaming, saveMethod: request.saveMethod)
            let prefix = request.models.count == 1 ? "" : "[\(i + 1)/\(request.models.count)] \(names[i]) "
            var report = try runner.run(single) { label, done, total in progress?(prefix + label, done, total) }
            report.lr = request.lrSource
            if names[i] != model.name {
                report.model = names[i]
                report.modelDetails = (report.modelDetails ?? [:]).merging(["plugin": model.name]) { a, _ in a }
            }
            reports.append(report)
        }
        return ComparisonReport(tool: "SRKit \(runner.toolVersion)", evaluation: request.evaluation.reportSettings,
                                lr: request.lrSource, models: reports)
    }

    /// The report name of each model: its label, else the plugin's name; checked for clashes.
    func reportNames(_ request: ComparisonRequest) throws -> [String] {
        guard request.labels.isEmpty || request.labels.count == request.models.count else {
            throw BenchError.labelCount(labels: request.labels.count, models: request.models.count)
        }
        let names = request.labels.isEmpty ? request.models.map(\.name) : request.labels
        for j in names.indices {
            for i in 0..<j {
                let specs = [request.models[i].name, request.models[j].name]
                if names[i] == names[j] {
                    throw BenchError.duplicateModel(name: names[j], specs: specs, folder: nil)
                }
                if let dir = request.saveImagesDirectory, ModelFolder.name(for: names[i]) == ModelFolder.name(for: names[j]) {
                    throw BenchError.duplicateModel(name: names[j], specs: specs,
                                                    folder: ModelFolder.path(for: names[j], in: dir, modelCount: names.count))
                }
            }
        }
        return names
    }
}
