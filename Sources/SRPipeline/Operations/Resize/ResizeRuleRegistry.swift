/// The `resize` size rules by the parameter keys that select them.
///
/// A rule is chosen by the first entry one of whose selecting keys is present; any selecting key
/// of another rule that the chosen rule does not read is an error ("gives both …"). A new rule
/// is one file (its type and `read`) plus one line here; `resize`'s accepted keys come from it.
struct ResizeRuleRegistry {
    /// One rule: the keys whose presence selects it, every key it reads, and its reader.
    struct Entry: Sendable {
        let selectors: [String]
        let keys: [String]
        let example: String
        let read: @Sendable (StageParameters) throws -> any ResizeRule
    }

    /// Order matters only for rules sharing keys: `shorter_side` (which reads `longer_side` as
    /// torchvision's `max_size`) comes before `longer_side` alone.
    static let standard: [Entry] = [
        Entry(selectors: ["scale"], keys: ["scale", "rounding"], example: "scale: 0.5", read: ScaleRule.read),
        Entry(selectors: ["width", "height"], keys: ["width", "height"], example: "width: 224, height: 224", read: ExactSizeRule.read),
        Entry(selectors: ["multiple_of"], keys: ["multiple_of", "rounding"], example: "multiple_of: 3, rounding: floor", read: MultipleOfRule.read),
        Entry(selectors: ["shorter_side"], keys: ["shorter_side", "longer_side", "convention"], example: "shorter_side: 256", read: ShorterSideRule.read),
        Entry(selectors: ["longer_side"], keys: ["longer_side"], example: "longer_side: 1024", read: LongerSideRule.read),
        Entry(selectors: ["fit_width", "fit_height"], keys: ["fit_width", "fit_height"], example: "fit_width: 800, fit_height: 600", read: FitWithinRule.read),
    ]

    /// Every key some rule reads, in first-use order (for `params:` validation).
    static var keys: [String] {
        var out: [String] = []
        for key in standard.flatMap(\.keys) where !out.contains(key) { out.append(key) }
        return out
    }

    /// The rule the given parameters select.
    static func read(_ p: StageParameters) throws -> any ResizeRule {
        let examples = standard.map(\.example).joined(separator: "; ")
        guard let entry = standard.first(where: { $0.selectors.contains(where: p.has) }) else {
            throw p.diagnostic(at: "", .missingKey, "\(p.context) resize needs a size rule", hint: "one of: \(examples)")
        }
        let allSelectors = standard.flatMap(\.selectors)
        if let clash = allSelectors.first(where: { p.has($0) && !entry.keys.contains($0) }) {
            let mine = entry.selectors.first(where: p.has) ?? entry.selectors[0]
            throw p.diagnostic(at: clash, .invalidValue, "\(p.context) gives both \(mine) and \(clash)", hint: "use one size rule: \(examples)")
        }
        if let stray = ["rounding"].first(where: { p.has($0) && !entry.keys.contains($0) }) {
            throw p.diagnostic(at: stray, .invalidValue, "\(p.context) \(stray) has no effect with \(entry.selectors[0])", hint: "rounding goes with scale or multiple_of")
        }
        return try entry.read(p)
    }
}
