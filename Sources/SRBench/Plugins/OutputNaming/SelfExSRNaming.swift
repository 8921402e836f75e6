/// SelfExSR's data and released results (jbhuang0604/SelfExSR): `img_001_SRF_4_SRCNN.png` in
/// `<set>/image_SRF_4/`, beside `img_001_SRF_4_HR.png` and `_LR.png`. `img_001` is the image's
/// name in the catalogue's `selfexsr` naming (Set5 `baby`, BSD100 `img_001` = BSDS 101085).
///
/// The method is everything after `_SRF_<s>_`, compared without regard to case because its
/// spelling differs between SelfExSR's files and its scripts (`bicubic` and `Bicubic`,
/// `glasner` and `Glasner`). `HR` and `LR` are the reference and input, not methods.
struct SelfExSRNaming: SROutputWritableNaming {
    var name: String { "selfexsr" }

    func pattern(name: String, scale: Int) -> String { "\(name)_SRF_\(scale)_<Method>" }

    func read(stem: String, original: String, names: [String], scale: Int) -> SROutputNameMatch {
        for n in names where stem.hasPrefix(n + "_srf_") {
            let rest = stem.dropFirst(n.count + 5)
            let digits = rest.prefix { $0.isASCIIDigit }
            guard !digits.isEmpty, rest.dropFirst(digits.count).first == "_" else { continue }
            let method = String(original.dropFirst(n.count + 5 + digits.count + 1))
            guard Int(digits) == scale, !method.isEmpty, !["hr", "lr"].contains(method.lowercased()) else { return .other }
            return .output(method: method)
        }
        return .notMine
    }

    /// `Set5/image_SRF_4/img_001_SRF_4_bicubic-uint8.png`, as SelfExSR's result folders are laid out.
    func relativePath(dataset: String, folder: String, image: CatalogImage, scale: Int, method: String) -> String {
        let stem = image.name(in: "selfexsr")
        return "\(folder)/image_SRF_\(scale)/\(stem)_SRF_\(scale)_\(method).png"
    }
}
