/// A named definition of luma (Y) from 8-bit RGB: `Y = offset + (wR·R + wG·G + wB·B) / divisor`
/// with R, G, B on the 0...255 scale.
///
/// Papers and scripts disagree on these constants, and a dataset made with the wrong ones differs
/// from its reference by whole grey levels, so the definition is a named choice
/// (``LumaRegistry``), never a hidden default. A new definition is one file with a
/// `static let` plus one line in ``LumaRegistry/standard``.
///
/// How the formula is evaluated is a second, separate choice (``LumaPrecision``): MATLAB works
/// in double; numpy scripts that call `.astype(np.float32)` first work in single precision, and
/// the two round differently in the last bit of a float32.
public struct LumaDefinition: Sendable {
    /// Registry name, e.g. `"matlab"`.
    public let name: String
    /// Weight of R, G and B (numerators of the formula above).
    public let weights: (r: Double, g: Double, b: Double)
    /// What the weighted sum is divided by: 255 when the weights are MATLAB's (RGB in [0, 1]),
    /// 256 for the 8-bit integer-friendly form.
    public let divisor: Double
    /// Added after the division, on the 0...255 scale (16 for studio swing).
    public let offset: Double
    /// The formula and who uses it, for `prep` listings and documentation.
    public let summary: String

    /// A definition; `weights` and `offset` on the 0...255 scale after dividing by `divisor`.
    public init(name: String, weights: (r: Double, g: Double, b: Double), divisor: Double, offset: Double, summary: String) {
        self.name = name
        self.weights = weights
        self.divisor = divisor
        self.offset = offset
        self.summary = summary
    }
}

/// The arithmetic a ``LumaDefinition`` is evaluated in.
public enum LumaPrecision: String, Sendable, CaseIterable {
    /// `offset + (wR/divisor)·R + (wG/divisor)·G + (wB/divisor)·B` in double, left to right, the
    /// result rounded once to float: MATLAB `rgb2ycbcr` (which scales its matrix by 1/255 before
    /// `imlincomb`) and SRKit's ``YCbCr/luma(_:gray:)``.
    case float64
    /// `offset + (wR·R + wG·G + wB·B) / divisor` in single precision, one IEEE rounding per
    /// operation in exactly that order (products, then the sums left to right, the division,
    /// the offset), with every constant first rounded to float: numpy on a `float32` array,
    /// `16. + (64.738 * img[..., 0] + 129.057 * img[..., 1] + 25.064 * img[..., 2]) / 256.`
    case float32
}
