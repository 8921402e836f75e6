/// The taps of a 1-D floating-point resampling along one axis, precomputed once per resize.
///
/// Output `o` is `sum over j < taps of weights[o * taps + j] * input[indices[o * taps + j]]`,
/// summed in increasing `j`. Both arrays are contiguous (`outputCount * taps`) so the passes
/// read them sequentially; indices are 0-based and already inside `0..<inputCount` (border
/// handling is folded into them).
struct AxisWeights: Equatable {
    /// Input samples along the axis.
    let inputCount: Int
    /// Output samples along the axis.
    let outputCount: Int
    /// Taps per output (the same for every output).
    let taps: Int
    /// Source index of each tap, `outputCount * taps`, 0-based.
    let indices: [Int32]
    /// Weight of each tap, `outputCount * taps`; each output's weights sum to 1 (up to rounding).
    let weights: [Double]

    /// The widest range of input indices any single output reads (max - min + 1); the
    /// vertical pass sizes its row cache by it.
    var window: Int {
        var widest = 1
        for o in 0..<outputCount {
            let row = indices[o * taps ..< (o + 1) * taps]
            widest = max(widest, Int(row.max()!) - Int(row.min()!) + 1)
        }
        return widest
    }
}
