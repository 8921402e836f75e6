/// What size a resize should produce: a scale factor applied to both sides, or an exact size.
///
/// `.scale(s)` gives `ceil(in * s)` on each side, MATLAB `imresize`'s rule, so `.scale(0.25)` on
/// 512x512 gives 128x128 and on 255x255 gives 64x64. `.size` gives exactly `width` x `height`;
/// MATLAB then uses `out / in` as each axis's scale, while `.scale(s)` keeps `s` itself for the
/// kernel even when `in * s` is not an integer.
public enum ResizeTarget: Sendable, Equatable {
    /// Multiply both sides by this factor (> 0, finite); < 1 shrinks, > 1 enlarges.
    case scale(Double)
    /// Exactly this output size in pixels (both > 0).
    case size(width: Int, height: Int)
}

extension ResizeTarget {
    /// The largest output side accepted, so a typo like `.scale(1e9)` fails instead of allocating.
    static let maximumSide = 1 << 20

    /// The output size for an input of `width` x `height`, and the scale each axis's kernel uses.
    ///
    /// Throws ``ImageError/invalidArgument(_:)`` for an empty input, a non-positive or non-finite
    /// scale, a non-positive size, or an output side above 2^20.
    func resolve(width: Int, height: Int) throws -> ResolvedResize {
        guard width > 0, height > 0 else {
            throw ImageError.invalidArgument("Cannot resize an empty \(width)x\(height) image; the input needs at least one pixel.")
        }
        switch self {
        case let .scale(s):
            guard s.isFinite, s > 0 else {
                throw ImageError.invalidArgument("Resize scale must be a positive finite number, got \(s).")
            }
            let outW = try Self.scaledSide(width, s)
            let outH = try Self.scaledSide(height, s)
            return ResolvedResize(width: outW, height: outH, xScale: s, yScale: s)
        case let .size(w, h):
            guard w > 0, h > 0 else {
                throw ImageError.invalidArgument("Resize output size must be positive, got \(w)x\(h).")
            }
            guard w <= Self.maximumSide, h <= Self.maximumSide else {
                throw ImageError.invalidArgument("Resize output size \(w)x\(h) exceeds the limit of \(Self.maximumSide) pixels per side.")
            }
            return ResolvedResize(width: w, height: h,
                                  xScale: Double(w) / Double(width), yScale: Double(h) / Double(height))
        }
    }

    /// `ceil(side * scale)`, except that a product within 1e-9 (relative) of an integer counts as
    /// that integer: `(1.0 / 3) * 255` is 85.00000000000001 in binary floating point, and the
    /// intended answer is 85, not 86.
    static func scaledSide(_ side: Int, _ scale: Double) throws -> Int {
        let exact = Double(side) * scale
        let nearest = exact.rounded()
        let value = abs(exact - nearest) <= 1e-9 * max(1, nearest) ? nearest : exact.rounded(.up)
        guard value <= Double(maximumSide) else {
            throw ImageError.invalidArgument("Resizing a side of \(side) pixels by \(scale) gives \(exact) pixels, above the limit of \(maximumSide).")
        }
        return max(1, Int(value))
    }
}

/// A ``ResizeTarget`` applied to a concrete input: output size plus the scale of each axis.
struct ResolvedResize: Equatable {
    /// Output width in pixels.
    let width: Int
    /// Output height in pixels.
    let height: Int
    /// Horizontal scale (output / input) the kernel uses.
    let xScale: Double
    /// Vertical scale (output / input) the kernel uses.
    let yScale: Double
}
