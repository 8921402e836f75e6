/// DIV2K's LR naming applied to outputs: the scale right after the name, `0801x4.png`
/// (also what some scripts write for SR results). Another scale (`0801x2`) is not this image's.
struct DIV2KNaming: SROutputNaming {
    var name: String { "div2k" }

    func pattern(name: String, scale: Int) -> String { "\(name)x\(scale)" }

    func read(stem: String, original: String, names: [String], scale: Int) -> SROutputNameMatch {
        for n in names where stem.hasPrefix(n) {
            let rest = stem.dropFirst(n.count)
            guard rest.first == "x", rest.count > 1, rest.dropFirst().allSatisfy(\.isASCIIDigit) else { continue }
            return Int(rest.dropFirst()) == scale ? .output(method: "") : .other
        }
        return .notMine
    }
}

extension Character {
    /// `0`...`9` only (not other Unicode digits).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
