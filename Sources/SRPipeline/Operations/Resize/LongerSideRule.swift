import SRImage

/// `longer_side: L`: the longer side becomes L, the shorter `int(L * short / long)`:
/// torchvision v2 `Resize(size=None, max_size=L)` (a square image counts its width as shorter).
/// Smaller images are enlarged; put a `filter` first to keep them as they are.
struct LongerSideRule: ResizeRule {
    let longer: Int

    static func read(_ p: StageParameters) throws -> any ResizeRule {
        LongerSideRule(longer: try p.integer("longer_side")!)
    }

    func target(width: Int, height: Int) throws -> ResizeTarget {
        let (short, long) = width <= height ? (width, height) : (height, width)
        let newShort = Int((Double(longer * short) / Double(long)).rounded(.towardZero))
        let (w, h) = width <= height ? (newShort, longer) : (longer, newShort)
        return try checked(w, h, input: (width, height))
    }

    var summary: String { "longer side \(longer)" }
}
