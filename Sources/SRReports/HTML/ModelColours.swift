/// One colour per model, the same in the chart, the tables and the gallery, so a reader can
/// follow a model across the page. Tableau 10, which stays distinct for colour-blind readers
/// better than a rainbow; it repeats after ten models.
enum ModelColours {
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    /// The colour of the model in column `index`.
    static func colour(_ index: Int) -> String { palette[index % palette.count] }
}
