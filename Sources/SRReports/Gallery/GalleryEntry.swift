import SRBench
import SRImage

/// One image of a report with everything its pictures need: the HR as scored, the bicubic
/// input, every model's saved output, their scores and the zoom window.
struct GalleryEntry: Sendable {
    /// The dataset × scale.
    let key: ComparisonGrid.Key
    /// HR, scored reference and bicubic input, from the scoring run's own steps.
    let reference: ScoredReference
    /// Each model's saved SR image, in column order.
    let outputs: [ByteImage]
    /// Each model's scores of this image from the report.
    let scores: [ImageScore]
    /// Model names, in column order.
    let models: [String]
    /// The zoom window: the user's `--region`, or ``CropFinder``'s.
    let region: CropRegion
    /// Whether the window was chosen by ``CropFinder`` (said in captions).
    let regionChosen: Bool

    /// Whether the bicubic input gets a tile of its own: not when a model is `bicubic` already
    /// (it is the same image).
    var showsBicubicInput: Bool { !models.contains("bicubic") }

    /// `set14 x3 barbara`.
    var label: String { "\(key.label) \(reference.name)" }

    /// The tiles a gallery or figure shows, in order: HR, bicubic input (unless a model is
    /// bicubic), then each model; scores nil for the HR.
    var tiles: [(label: String, image: ByteImage, score: ImageScore?)] {
        var out: [(label: String, image: ByteImage, score: ImageScore?)] = [("HR", reference.scored, nil)]
        if showsBicubicInput { out.append(("bicubic (input)", reference.bicubic, reference.bicubicScore)) }
        for (i, name) in models.enumerated() { out.append((name, outputs[i], scores[i])) }
        return out
    }
}
