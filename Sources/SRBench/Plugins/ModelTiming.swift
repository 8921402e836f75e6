/// How a report's seconds per image were measured, so a reader can tell model cost from "not
/// known" and compare models fairly (accuracy and cost side by side, as in the SRCNN paper).
public enum ModelTiming: String, Sendable, Codable, Equatable {
    /// Wall time of each plugin call (one image), excluding decoding, degradation and metrics.
    /// Calls run one at a time (``SerialModelCalls``), each with the machine's cores to itself
    /// (other images' decoding and metrics may overlap), so the figure is the model's latency
    /// run alone and the per-image seconds of a run never sum to more than its wall time.
    case perImage = "per-image"
    /// Wall time of one call per dataset × scale (e.g. an external command, including its
    /// start-up) divided by the number of images.
    case perBatch = "per-batch"
    /// No model ran (precomputed outputs); seconds are written as 0 in JSON and `n/a` elsewhere.
    case notMeasured = "not-measured"

    /// The condition in one line, written into the JSON report's `modelDetails.timing` when the
    /// plugin states none itself.
    public var condition: String {
        switch self {
        case .perImage: "wall time of each model call; calls run one at a time, other images' decoding, degradation and metrics overlap"
        case .perBatch: "wall time of one model call per dataset x scale, divided by its images"
        case .notMeasured: "not measured: no model ran"
        }
    }
}
