import SRImage

/// `shorter_side: S` (optionally `longer_side: L`, `convention: …`): the shorter side becomes S.
///
/// How the longer side follows is a convention, named after the code that uses it:
/// - `torchvision` (default): `Resize(S, max_size=L)`: `int(S * long / short)` (Python: the
///   product, then one division in double, truncated). With `longer_side`, if the longer side
///   would exceed L it becomes L and the shorter `int(L * short' / long')`, as `max_size`.
/// - `real-esrgan`: Real-ESRGAN's (and BasicSR's) `generate_multiscale_DF2K.py`: `int(S * (long /
///   short))`, the ratio first. The two differ by one pixel for some sizes (400 × 402: 402 against
///   401), so a recipe reproduces only with its own. No `longer_side` cap (that script has none).
/// A square image counts its width as the shorter side in both. L must exceed S.
struct ShorterSideRule: ResizeRule {
    let shorter: Int
    let maxLonger: Int?
    var convention: ShorterSideConvention = .torchvision

    static func read(_ p: StageParameters) throws -> any ResizeRule {
        let s = try p.integer("shorter_side")!
        let l = try p.integer("longer_side")
        let convention = try p.choice("convention", as: ShorterSideConvention.self) ?? .torchvision
        if let l, l <= s {
            throw p.diagnostic(at: "longer_side", .invalidValue, "\(p.context) longer_side \(l) must be larger than shorter_side \(s)",
                               hint: "longer_side caps the longer side (torchvision max_size); drop it or raise it")
        }
        if l != nil, convention == .realESRGAN {
            throw p.diagnostic(at: "longer_side", .invalidValue, "\(p.context) longer_side has no effect with convention real-esrgan",
                               hint: "generate_multiscale_DF2K.py caps nothing; drop longer_side or use convention torchvision")
        }
        return ShorterSideRule(shorter: s, maxLonger: l, convention: convention)
    }

    func target(width: Int, height: Int) throws -> ResizeTarget {
        let (short, long) = width <= height ? (width, height) : (height, width)
        var newShort = shorter
        var newLong: Int
        switch convention {
        case .torchvision: newLong = Int((Double(shorter * long) / Double(short)).rounded(.towardZero))
        case .realESRGAN: newLong = Int((Double(shorter) * (Double(long) / Double(short))).rounded(.towardZero))
        }
        if let cap = maxLonger, newLong > cap {
            newShort = Int((Double(cap * newShort) / Double(newLong)).rounded(.towardZero))
            newLong = cap
        }
        let (w, h) = width <= height ? (newShort, newLong) : (newLong, newShort)
        return try checked(w, h, input: (width, height))
    }

    var summary: String {
        "shorter side \(shorter)" + (maxLonger.map { ", longer at most \($0)" } ?? "") + (convention == .torchvision ? "" : " (\(convention.rawValue))")
    }
}

/// How `shorter_side` derives the longer side (see ``ShorterSideRule``).
enum ShorterSideConvention: String, Sendable, CaseIterable {
    /// torchvision `Resize`: `int(S * long / short)`.
    case torchvision
    /// Real-ESRGAN `generate_multiscale_DF2K.py`: `int(S * (long / short))`.
    case realESRGAN = "real-esrgan"
}
