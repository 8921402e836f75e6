/// Whether and how luma is turned back into 8-bit values.
///
/// Only exact `.5` values are rounded differently by the three rounding rules, and `truncate`
/// differs from them by up to one level everywhere, so the choice is written down per recipe.
public enum LumaRounding: String, Sendable, CaseIterable {
    /// Keep the float (0...255 scale, unclipped).
    case none
    /// Round half away from zero and saturate to 0...255: MATLAB `uint8()`, as `rgb2ycbcr` on a
    /// uint8 image does.
    case halfAway = "half-away"
    /// Round half to even and saturate: numpy `np.round` / `np.rint`, `torch.round`.
    case halfEven = "half-even"
    /// Drop the fraction (after saturating): numpy `.astype(np.uint8)` on non-negative floats.
    case truncate

    /// `value` as a byte under this rule; ``none`` is not a byte rule and rounds half away.
    @inline(__always)
    func byte(_ value: Float) -> UInt8 {
        switch self {
        case .none, .halfAway:
            return roundClipToByte(value)
        case .halfEven:
            let c = value > 0 ? min(value, 255) : 0  // NaN: 0
            return UInt8(c.rounded(.toNearestOrEven))
        case .truncate:
            let c = value > 0 ? min(value, 255) : 0
            return UInt8(c.rounded(.towardZero))
        }
    }
}
