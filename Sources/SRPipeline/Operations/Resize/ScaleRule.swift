import SRImage

/// `scale: s` (`rounding: ceil` by default): both sides times `s`.
///
/// - `ceil` is MATLAB `imresize(I, s)`: `ceil(in × s)` (a product within 1e-9 of an integer
///   counts as that integer), and MATLAB's kernel keeps `s` itself as the scale.
/// - `floor` is Python `int(in * s)` in double, as Pillow scripts write it
///   (`img.resize((int(w * s), int(h * s)))`, BasicSR `generate_multiscale_DF2K.py`).
/// - `round` is Python `round(in * s)` (half to even).
/// With `floor`/`round` the kernel sees an exact output size, so MATLAB's kernel uses out/in.
struct ScaleRule: ResizeRule {
    let scale: Double
    let rounding: SideRounding

    static func read(_ p: StageParameters) throws -> any ResizeRule {
        ScaleRule(scale: try p.positiveNumber("scale")!, rounding: try p.choice("rounding", as: SideRounding.self) ?? .ceil)
    }

    func target(width: Int, height: Int) throws -> ResizeTarget {
        func side(_ n: Int) -> Int {
            let exact = Double(n) * scale
            // Past 2^20 the resampler refuses the size anyway; avoid trapping on Int conversion.
            guard exact < 1e15 else { return Int.max / 2 }
            return Int(rounding == .floor ? exact.rounded(.towardZero) : exact.rounded(.toNearestOrEven))
        }
        if rounding == .ceil { return .scale(scale) }
        return try checked(side(width), side(height), input: (width, height))
    }

    var summary: String { "scale \(scale)\(rounding == .ceil ? "" : " (\(rounding.rawValue))")" }
}
