import SRImage

/// `shorter_side: S` (optionally `longer_side: L`): torchvision `Resize(S, max_size=L)`.
///
/// The shorter side becomes S and the longer `int(S * long / short)` (Python: the product, one
/// division in double, truncated); a square image counts its width as the shorter side. With
/// `longer_side`, if the longer side would exceed L it becomes L and the shorter
/// `int(L * short' / long')`, as torchvision's `max_size`. L must exceed S.
struct ShorterSideRule: ResizeRule {
    let shorter: Int
    let maxLonger: Int?

    static func read(_ p: StageParameters) throws -> any ResizeRule {
        let s = try p.integer("shorter_side")!
        let l = try p.integer("longer_side")
        if let l, l <= s {
            throw p.diagnostic(at: "longer_side", .invalidValue, "\(p.context) longer_side \(l) must be larger than shorter_side \(s)",
                               hint: "longer_side caps the longer side (torchvision max_size); drop it or raise it")
        }
        return ShorterSideRule(shorter: s, maxLonger: l)
    }

    func target(width: Int, height: Int) throws -> ResizeTarget {
        let (short, long) = width <= height ? (width, height) : (height, width)
        var newShort = shorter
        var newLong = Int((Double(shorter * long) / Double(short)).rounded(.towardZero))
        if let cap = maxLonger, newLong > cap {
            newShort = Int((Double(cap * newShort) / Double(newLong)).rounded(.towardZero))
            newLong = cap
        }
        let (w, h) = width <= height ? (newShort, newLong) : (newLong, newShort)
        return try checked(w, h, input: (width, height))
    }

    var summary: String { "shorter side \(shorter)" + (maxLonger.map { ", longer at most \($0)" } ?? "") }
}
