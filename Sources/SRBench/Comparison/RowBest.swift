/// The best entries of one table row, as papers bold them: the highest value wins, compared at
/// the precision printed, so two values that print the same are both best (a reader could not
/// tell them apart). PSNR and SSIM are judged separately. Used by the text tables and the HTML
/// report alike, so both mark the same cells.
package enum RowBest {
    /// Indices of the highest of `values` at `digits` decimals; nil entries (a model without
    /// that cell) and NaN never win. Empty when no value is present.
    package static func indices(_ values: [MetricValue?], digits: Int) -> Set<Int> {
        let printed = values.map { v -> Double? in
            guard let v, !v.value.isNaN else { return nil }
            // Parse the printed text back, so "best" means best of what the reader sees ("inf" too).
            return Double(v.formatted(digits))
        }
        guard let top = printed.compactMap({ $0 }).max() else { return [] }
        return Set(printed.indices.filter { printed[$0] == top })
    }
}
