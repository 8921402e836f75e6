/// The rows of a comparison, shared by the text tables and the HTML report: dataset × scale
/// keys in report order, each model's cell for a key, and an image's scores per model.
package struct ComparisonGrid: Sendable {
    /// A dataset at a scale.
    package struct Key: Sendable, Hashable {
        /// Catalogue key of the dataset.
        package let dataset: String
        /// Upscaling factor.
        package let scale: Int

        /// `dataset` at `scale`.
        package init(dataset: String, scale: Int) {
            self.dataset = dataset
            self.scale = scale
        }

        /// `set5 x2`.
        package var label: String { "\(dataset) x\(scale)" }
    }

    /// The report.
    package let report: ComparisonReport
    /// Every dataset × scale that any model has, in the order the first model reports them.
    package let keys: [Key]

    /// The grid of `report`.
    package init(_ report: ComparisonReport) {
        self.report = report
        var keys = [Key]()
        for m in report.models {
            for c in m.cells where !keys.contains(Key(dataset: c.dataset, scale: c.scale)) {
                keys.append(Key(dataset: c.dataset, scale: c.scale))
            }
        }
        self.keys = keys
    }

    /// Each model's cell at `key` (nil where a model lacks it), in column order.
    package func cells(_ key: Key) -> [ScoreCell?] {
        report.models.map { m in m.cells.first { $0.dataset == key.dataset && $0.scale == key.scale } }
    }

    /// Image names at `key`, in catalogue order (from the first model that has the cell).
    package func imageNames(_ key: Key) -> [String] {
        cells(key).compactMap { $0 }.first?.images.map(\.name) ?? []
    }

    /// Each model's score of image `name` at `key`.
    package func scores(_ key: Key, image name: String) -> [ImageScore?] {
        cells(key).map { $0?.images.first { $0.name == name } }
    }

    /// Seconds per image of each model over every cell (weighted by images), as text with
    /// `digits` decimals, `n/a` for precomputed outputs.
    package func overallSeconds(digits: Int) -> [String] {
        report.models.map { m in
            let n = m.cells.reduce(0) { $0 + $1.images.count }
            let t = m.cells.reduce(0.0) { $0 + $1.secondsPerImage * Double($1.images.count) }
            return n == 0 ? "–" : m.secondsText(t / Double(n), digits: digits)
        }
    }

    /// `seconds` of the model in column `index` as text: `n/a` when it has no measured time.
    package func secondsText(model index: Int, _ seconds: Double, digits: Int) -> String {
        report.models[index].secondsText(seconds, digits: digits)
    }

    /// Names of the models with the best PSNR among `scores` (ties all named, joined by ` = `).
    package func bestNames(_ scores: [MetricValue?], digits: Int) -> String {
        RowBest.indices(scores, digits: digits).sorted().map { report.models[$0].model }.joined(separator: " = ")
    }
}
