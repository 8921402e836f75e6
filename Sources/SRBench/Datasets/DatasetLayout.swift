import Foundation

/// One way people arrange SR test sets on disk, as path patterns relative to the data root.
///
/// Placeholders: `{D}` a folder name of the dataset (``DatasetLayout/folderNames``), `{n}` the
/// image's name or one of its aliases, `{s}` the scale, `{e}` an image extension.
public struct DatasetLayout: Sendable, Equatable {
    /// Registry name (`shared`, `basicsr`, `selfexsr`, `div2k`, `plain`).
    public let name: String
    /// What the layout looks like, for `bench datasets verify`.
    public let summary: String
    /// Where an HR image may be, tried in order.
    public let hrPatterns: [String]
    /// Where a provided LR image for scale `{s}` may be, tried in order.
    public let lrPatterns: [String]
    /// The catalogue variant this layout's per-scale HR files are (`selfexsr-x{s}`), preferred
    /// when a file's content is several variants at once (SelfExSR's ×4 HR of Set5 `baby` is
    /// byte for byte its ×2 HR); nil for layouts with one HR for all scales.
    public var scaleVariant: String? = nil

    /// Folder names under which each catalogued dataset appears in the wild.
    public static let folderNames: [String: [String]] = [
        "set5": ["Set5", "set5"],
        "set14": ["Set14", "set14"],
        "bsd100": ["BSD100", "B100", "bsd100", "BSDS100"],
        "urban100": ["Urban100", "urban100", "Urban100_first10"],
        "div2k": ["DIV2K", "div2k", "."],
    ]

    /// Extensions tried for `{e}`, most common first.
    public static let extensions = ["png", "bmp", "jpg", "jpeg", "tif", "tiff"]

    /// The layouts SRKit recognises, in the order they are tried.
    public static let registry: [DatasetLayout] = [
        DatasetLayout(
            name: "shared", summary: "SRKit's shared copies: Set5/original, Set5/GTmod12, BSD100/image_SRF_3_HR",
            hrPatterns: ["{D}/original/{n}.{e}", "{D}/image_SRF_3_HR/{n}_SRF_3_HR.{e}"], lrPatterns: []),
        DatasetLayout(
            name: "basicsr", summary: "BasicSR: Set5/GTmod12/baby.png, Set5/LRbicx4/baby.png",
            hrPatterns: ["{D}/GTmod12/{n}.{e}", "{D}/HR/{n}.{e}"],
            lrPatterns: ["{D}/LRbicx{s}/{n}.{e}", "{D}/LR_bicubic/X{s}/{n}x{s}.{e}", "{D}/LR_bicubic/X{s}/{n}.{e}"]),
        DatasetLayout(
            name: "selfexsr", summary: "SelfExSR's data/ tree: Set5/image_SRF_4/img_001_SRF_4_HR.png and _LR.png (names from the catalogue's selfexsr naming)",
            hrPatterns: ["{D}/image_SRF_{s}/{n}_SRF_{s}_HR.{e}"], lrPatterns: ["{D}/image_SRF_{s}/{n}_SRF_{s}_LR.{e}"],
            scaleVariant: "selfexsr-x{s}"),
        DatasetLayout(
            name: "div2k", summary: "DIV2K: DIV2K_valid_HR/0801.png, DIV2K_valid_LR_bicubic/X4/0801x4.png",
            hrPatterns: ["{D}/DIV2K_valid_HR/{n}.{e}"], lrPatterns: ["{D}/DIV2K_valid_LR_bicubic/X{s}/{n}x{s}.{e}"]),
        DatasetLayout(
            name: "plain", summary: "a plain folder: Set5/baby.png",
            hrPatterns: ["{D}/{n}.{e}"], lrPatterns: []),
    ]

    /// True when the HR file depends on the scale (SelfExSR keeps one crop per scale), so a
    /// verification has to look at every scale's folder.
    public var hasPerScaleHR: Bool { hrPatterns.contains { $0.contains("{s}") } }

    /// Expands `pattern` for every folder name, image name and extension.
    func expand(_ pattern: String, folders: [String], names: [String], scale: Int) -> [String] {
        var out = [String]()
        for d in folders {
            for n in names {
                for e in Self.extensions {
                    out.append(Self.fill(pattern, folder: d, name: n, scale: String(scale), ext: e))
                }
            }
        }
        return out
    }

    /// Substitutes the placeholders in one pass (Foundation's `replacingOccurrences` four times
    /// per candidate showed up in `bench score` profiles).
    static func fill(_ pattern: String, folder: String, name: String, scale: String, ext: String) -> String {
        var out = ""
        var parts = pattern.split(separator: "{", omittingEmptySubsequences: false)[...]
        out += parts.removeFirst()
        for part in parts {
            switch part.first {
            case "D": out += folder
            case "n": out += name
            case "s": out += scale
            case "e": out += ext
            default: out += "{" + part.prefix(2)
            }
            out += part.dropFirst(2)
        }
        return out
    }
}

/// Which files exist, answered from one directory listing per folder instead of a `stat` per
/// candidate name.
final class DirectoryListings {
    private var listings = [String: Set<String>]()

    func exists(_ path: String) -> Bool {
        let slash = path.lastIndex(of: "/")!
        let dir = String(path[..<slash]), file = String(path[path.index(after: slash)...])
        if let listing = listings[dir] { return listing.contains(file) }
        let listing = Set((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
        listings[dir] = listing
        return listing.contains(file)
    }
}

/// An image of a dataset found on disk.
public struct LocatedImage: Sendable, Equatable {
    /// The image as catalogued (names in every naming, variants).
    public let entry: CatalogImage
    /// Catalogue name.
    public var name: String { entry.name }
    /// Path of the HR file.
    public let hrPath: String
    /// Path of a provided LR file for the requested scale, when the layout has one.
    public let lrPath: String?
}

/// A dataset found under a data root: which layout, which files, which are missing.
public struct LocatedDataset: Sendable {
    /// The catalogue description.
    public let dataset: DatasetDescription
    /// The layout the files were found in.
    public let layout: DatasetLayout
    /// Found images, in catalogue order.
    public let images: [LocatedImage]
    /// Catalogue names not found.
    public let missing: [String]
    /// Where the first missing image was sought (for messages).
    public let searchedForMissing: [String]

    /// Finds `dataset` under `root` for `scale`, choosing the layout that finds the most images.
    /// - Throws: ``BenchError/datasetNotFound(dataset:root:searched:)`` when no layout finds any.
    public static func locate(_ dataset: DatasetDescription, root: String, scale: Int) throws -> LocatedDataset {
        let folders = DatasetLayout.folderNames[dataset.name] ?? [dataset.title]
        let files = DirectoryListings()
        var best: LocatedDataset?
        for layout in DatasetLayout.registry {
            var found = [LocatedImage](), missing = [String](), searched = [String]()
            for image in dataset.images {
                let names = [image.name] + image.aliases
                let hrCandidates = layout.hrPatterns.flatMap { layout.expand($0, folders: folders, names: names, scale: scale) }
                guard let hr = hrCandidates.first(where: { files.exists(root + "/" + $0) }) else {
                    missing.append(image.name)
                    if searched.isEmpty {
                        searched = layout.hrPatterns.flatMap { layout.expand($0, folders: folders, names: [image.name], scale: scale) }
                            .filter { $0.hasSuffix(".png") }.map { root + "/" + $0 }
                    }
                    continue
                }
                let lrCandidates = layout.lrPatterns.flatMap { layout.expand($0, folders: folders, names: names, scale: scale) }
                let lr = lrCandidates.first { files.exists(root + "/" + $0) }
                found.append(LocatedImage(entry: image, hrPath: root + "/" + hr, lrPath: lr.map { root + "/" + $0 }))
            }
            if !found.isEmpty, found.count > (best?.images.count ?? 0) {
                best = LocatedDataset(dataset: dataset, layout: layout, images: found, missing: missing, searchedForMissing: searched)
            }
        }
        guard let best else {
            // Name the folders, not every expanded file name: that is what a user can act on.
            var searched = [String]()
            for pattern in DatasetLayout.registry.flatMap(\.hrPatterns) {
                let folder = (pattern as NSString).deletingLastPathComponent
                    .replacingOccurrences(of: "{D}", with: folders[0]).replacingOccurrences(of: "{s}", with: String(scale))
                let path = root + "/" + folder
                if !searched.contains(path) { searched.append(path) }
            }
            throw BenchError.datasetNotFound(dataset: dataset.title, root: root, searched: searched)
        }
        return best
    }

    /// Throws ``BenchError/missingImages(dataset:missing:lookedIn:)`` unless every image was found.
    public func requireComplete() throws {
        guard missing.isEmpty else {
            throw BenchError.missingImages(dataset: dataset.title, missing: missing, lookedIn: searchedForMissing)
        }
    }
}
