/// One way SR result files are named in the wild: SRKit's plain `<image>.png`, BasicSR-style
/// suffixes (`baby_SwinIR.png`), DIV2K's `0801x4.png`, SelfExSR's `img_001_SRF_4_SRCNN.png`.
///
/// A convention reads a file's stem (its name without the extension, lower-cased) and says
/// whether it is the output of one of an image's names at a scale, and of which method. The
/// registry tries conventions in order; the first that recognises a stem's shape decides it, so
/// `img_001_SRF_2_bicubic` is SelfExSR's ×2 output and never a suffix-style file of `img_001`
/// at ×4. A new convention is one file with a type conforming to this protocol plus its line
/// in ``SROutputNamings/registry``.
protocol SROutputNaming: Sendable {
    /// Registry key, also used in messages (`plain`, `suffix`, `div2k`, `selfexsr`).
    var name: String { get }

    /// The accepted names for one image name at `scale`, for messages: `baby_<suffix>`.
    func pattern(name: String, scale: Int) -> String

    /// Examples that make ``pattern(name:scale:)`` concrete (`_x4, _SR, _SwinIR`), or nil.
    func examples(scale: Int) -> String?

    /// What this convention makes of `stem` (lower-cased) for an image called `names` (lower-cased:
    /// its catalogue name and aliases) at `scale`. `original` is the stem as written, for methods.
    func read(stem: String, original: String, names: [String], scale: Int) -> SROutputNameMatch
}

extension SROutputNaming {
    /// No examples by default.
    func examples(scale: Int) -> String? { nil }
}

/// A convention's verdict on one file name.
enum SROutputNameMatch: Equatable {
    /// Not this convention's shape for these names: ask the next convention.
    case notMine
    /// This convention's shape, but not an output of this image at this scale (another scale,
    /// the HR or LR file): no other convention may claim it.
    case other
    /// The output of the image at the scale, by `method` as written in the name (empty when the
    /// name carries none, e.g. `baby.png` or `baby_x4.png`).
    case output(method: String)
}

/// A convention under which `bench score --save-images` can also write files.
protocol SROutputWritableNaming: SROutputNaming {
    /// The path, relative to the save folder, of an SR image. `dataset` is the catalogue key,
    /// `folder` the dataset's usual folder name (`Set5`), `image` the image as catalogued.
    func relativePath(dataset: String, folder: String, image: CatalogImage, scale: Int, method: String) -> String
}

/// The conventions SRKit reads, and the ones it writes.
enum SROutputNamings {
    /// In the order they are asked (the more specific shape first).
    static let registry: [any SROutputNaming] = [SelfExSRNaming(), DIV2KNaming(), SuffixNaming(), PlainNaming()]

    /// Conventions `--save-naming` accepts, by name.
    static let writable: [any SROutputWritableNaming] = [PlainNaming(), SelfExSRNaming()]

    /// The writable convention called `name`, or an error listing them.
    static func writable(named name: String) throws -> any SROutputWritableNaming {
        guard let n = writable.first(where: { $0.name == name }) else {
            throw BenchError.unknownNaming(name: name, known: writable.map(\.name))
        }
        return n
    }

    /// The verdict of the first convention that recognises `stem`.
    static func read(stem: String, names: [String], scale: Int) -> SROutputNameMatch {
        let lower = stem.lowercased()
        for convention in registry {
            let verdict = convention.read(stem: lower, original: stem, names: names, scale: scale)
            if verdict != .notMine { return verdict }
        }
        return .notMine
    }
}
