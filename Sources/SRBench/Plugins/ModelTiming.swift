/// How a report's seconds per image were measured, so a reader can tell model cost from "not
/// known" and compare models fairly (accuracy and cost side by side, as in the SRCNN paper).
public enum ModelTiming: String, Sendable, Codable, Equatable {
    /// Wall time of each plugin call (one image), excluding decoding, degradation and metrics.
    case perImage = "per-image"
    /// Wall time of one call per dataset × scale (e.g. an external command, including its
    /// start-up) divided by the number of images.
    case perBatch = "per-batch"
    /// No model ran (precomputed outputs); seconds are written as 0 in JSON and `n/a` elsewhere.
    case notMeasured = "not-measured"
}
