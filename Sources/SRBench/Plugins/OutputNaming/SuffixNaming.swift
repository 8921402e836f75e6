/// BasicSR, SwinIR, EDSR and most PyTorch test scripts: the image name, `_` (or `-`), then a
/// suffix of `_`-separated words: `baby_SwinIR.png`, `baby_rlt.png` (BasicSR), `baby_x4_SR.png`
/// (EDSR), `baby_EDSR_x4.png`, `baby_SR.png`, `baby_out.png`.
///
/// A word that names a scale (`x4`, `X4`, `SRx4`, `x4plus`: letters, `x`, digits, letters) must
/// name the requested one, so one flat folder may hold ×2, ×3 and ×4 outputs. A word that names a
/// reference (`HR`, `GT`, `LR`, `LQ`, `GTmod12`, `LRbicx4`) makes the file not an output. The
/// other words are the method (`SwinIR`, `rlt`, `EDSR`, `SR`), which `dir:PATH#METHOD` selects.
struct SuffixNaming: SROutputNaming {
    var name: String { "suffix" }

    func pattern(name: String, scale: Int) -> String { "\(name)_<suffix>" }

    func examples(scale: Int) -> String? { "_x\(scale), _SR, _rlt, _x\(scale)_SR, _SR_x\(scale), _out, _SwinIR, _EDSR_x\(scale)" }

    /// Words that mark the ground truth or the input, never an SR output.
    static let referenceWords: Set<String> = ["hr", "gt", "lr", "lq", "gtmod12"]

    func read(stem: String, original: String, names: [String], scale: Int) -> SROutputNameMatch {
        for n in names where stem.count > n.count + 1 && stem.hasPrefix(n) {
            let separator = stem[stem.index(stem.startIndex, offsetBy: n.count)]
            guard separator == "_" || separator == "-" else { continue }
            let words = original.dropFirst(n.count + 1).split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
            var method = [String]()
            for word in words {
                let lower = word.lowercased()
                if Self.referenceWords.contains(lower) || lower.hasPrefix("lrbic") { return .other }
                if let s = Self.scaleMentioned(lower) {
                    if s != scale { return .other }
                } else {
                    method.append(word)
                }
            }
            return .output(method: method.joined(separator: "_"))
        }
        return .notMine
    }

    /// The scale a word names (`x4`, `srx4`, `x4plus` → 4), or nil: letters, `x`, digits, letters.
    static func scaleMentioned(_ word: String) -> Int? {
        let chars = Array(word)
        guard let x = chars.lastIndex(of: "x") else { return nil }
        let head = chars[..<x], tail = chars[(x + 1)...]
        let digits = tail.prefix { $0.isASCIIDigit }
        guard !digits.isEmpty, head.allSatisfy({ $0.isLetter }),
              tail.dropFirst(digits.count).allSatisfy({ $0.isLetter }) else { return nil }
        return Int(String(digits))
    }
}
