/// What `bench score` with several `--model` options is asked to do: every model on the same
/// datasets, scales, data root, protocol and LR source.
public struct ComparisonRequest: Sendable {
    /// The models, in column order.
    public var models: [any ModelPlugin]
    /// Names to report instead of the plugins' own (`--label`), one per model, or empty to keep
    /// the plugins' names. Two models whose names collide (two `x3.mat` of the same
    /// architecture) need labels.
    public var labels: [String]
    /// Catalogue keys, in report order.
    public var datasets: [String]
    /// Scales, in report order.
    public var scales: [Int]
    /// Folder holding the datasets.
    public var dataRoot: String
    /// The protocol, after overrides.
    public var evaluation: EvaluationProtocol
    /// Generated or provided LR.
    public var lrSource: LRSource
    /// When set, SR images are saved under it: as `<dir>/<dataset>/x<scale>/<name>.png` for a
    /// single model (the layout `bench score --save-images` always had), and under one folder per
    /// model (``ModelFolder``) for several.
    public var saveImagesDirectory: String?
    /// How saved images are named (`--save-naming`), as in ``ScoreRequest/saveNaming``.
    public var saveNaming: String
    /// The method part of saved names for namings that have one (`--save-method`).
    public var saveMethod: String?

    /// Bundles the fields.
    public init(models: [any ModelPlugin], labels: [String] = [], datasets: [String], scales: [Int], dataRoot: String,
                evaluation: EvaluationProtocol, lrSource: LRSource = .generate, saveImagesDirectory: String? = nil,
                saveNaming: String = "plain", saveMethod: String? = nil) {
        self.models = models
        self.labels = labels
        self.datasets = datasets
        self.scales = scales
        self.dataRoot = dataRoot
        self.evaluation = evaluation
        self.lrSource = lrSource
        self.saveImagesDirectory = saveImagesDirectory
        self.saveNaming = saveNaming
        self.saveMethod = saveMethod
    }
}
