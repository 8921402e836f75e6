import Foundation
import Yams

/// What is known about one evaluation dataset: its image names in every naming it is known
/// under and, where the content is at hand, each published variant's SHA-256 and size. Loaded
/// from `Manifests/datasets/<name>.yaml`, which `make_catalog.py` beside it generates (keys this
/// type does not know are ignored, so the files can grow).
public struct DatasetDescription: Sendable, Decodable, Equatable {
    /// Catalog key, lower case (`set5`, `set14`, `bsd100`, `urban100`, `div2k`).
    public let name: String
    /// Display name used in reports (`Set5`, `BSD100`, …).
    public let title: String
    /// Provenance in one line.
    public let note: String
    /// Number of images in the full dataset.
    public let count: Int
    /// Every naming the dataset is known under (`standard`, `selfexsr`, `bsds`) with where it is
    /// used; an image's name in each is ``CatalogImage/names`` (or its ``CatalogImage/name``).
    public let namings: [String: String]
    /// The images, in the order reports list them.
    public let images: [CatalogImage]

    enum CodingKeys: String, CodingKey { case name, title, note, count, namings, images }

    /// Decodes one catalogue file; `namings` may be absent (older files), unknown keys are ignored.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        title = try c.decode(String.self, forKey: .title)
        note = try c.decode(String.self, forKey: .note)
        count = try c.decode(Int.self, forKey: .count)
        namings = try c.decodeIfPresent([String: String].self, forKey: .namings) ?? [:]
        images = try c.decode([CatalogImage].self, forKey: .images)
    }
}

/// One image of a dataset, with its names and the variants whose content is known.
public struct CatalogImage: Sendable, Decodable, Equatable {
    /// The name reports use (`baby`, `img_001`, `0801`).
    public let name: String
    /// The image's name in other namings, where it differs from ``name``: `selfexsr` → `img_001`
    /// for Set5 `baby`, `bsds` → `101085` for BSD100 `img_001`.
    public let names: [String: String]
    /// Every published form of the HR that the catalogue knows, by variant.
    public let variants: [DatasetVariant: FileFacts]

    enum CodingKeys: String, CodingKey { case name, names, variants }

    /// Decodes one image entry; `names` and `variants` may be absent (names only).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        names = try c.decodeIfPresent([String: String].self, forKey: .names) ?? [:]
        let raw = try c.decodeIfPresent([String: FileFacts].self, forKey: .variants) ?? [:]
        variants = Dictionary(uniqueKeysWithValues: raw.map { (DatasetVariant(rawValue: $0.key), $0.value) })
    }

    /// The other names of this image (values of ``names``), sorted by naming key, without
    /// ``name`` itself: what layouts and result folders may call the file instead.
    public var aliases: [String] {
        var out = [String]()
        for key in names.keys.sorted() where names[key] != name && !out.contains(names[key]!) { out.append(names[key]!) }
        return out
    }

    /// The name in `naming`, or ``name`` where the catalogue lists none (the naming uses it).
    public func name(in naming: String) -> String { names[naming] ?? name }

    /// The full-size HR as published, when catalogued.
    public var original: FileFacts? { variants[.original] }

    /// The known variants with their facts, in ``DatasetVariant/preferenceOrder`` (unknown keys
    /// after, sorted).
    public var knownVariants: [(DatasetVariant, FileFacts)] {
        variants.keys.sorted { DatasetVariant.sortKey($0) < DatasetVariant.sortKey($1) }.map { ($0, variants[$0]!) }
    }
}

/// The content of one variant of an HR image, as catalogued.
public struct FileFacts: Sendable, Decodable, Equatable {
    /// Lower-case hex SHA-256 of the published file's bytes, when that file is at hand.
    public let sha256: String?
    /// Lower-case hex SHA-256 of the decoded 8-bit samples (row-major, channels interleaved):
    /// the same content whatever the file's encoding; nil when the content is not at hand.
    public let pixels: String?
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// 1 for a one-channel (grey) file, 3 for colour.
    public let channels: Int

    /// True when neither the file nor its content is catalogued, only the size.
    public var isSizeOnly: Bool { sha256 == nil && pixels == nil }
}

/// Which published form of an HR image a file is. An open set of names (the catalogue may add
/// more); the ones SRKit knows are the static members, in ``preferenceOrder``.
public struct DatasetVariant: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The key in the catalogue YAML (`original`, `selfexsr-x4`).
    public let rawValue: String
    /// Wraps a catalogue key.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Full-size HR as published (BSD100: the BSDS300 481×321 image).
    public static let original = DatasetVariant(rawValue: "original")
    /// BasicSR's GTmod12: the top-left crop to a multiple of 12.
    public static let gtmod12 = DatasetVariant(rawValue: "gtmod12")
    /// The top-left crop to a multiple of 2 (`modcrop(im, 2)`).
    public static let modcrop2 = DatasetVariant(rawValue: "modcrop2")
    /// The top-left crop to a multiple of 3.
    public static let modcrop3 = DatasetVariant(rawValue: "modcrop3")
    /// The top-left crop to a multiple of 4.
    public static let modcrop4 = DatasetVariant(rawValue: "modcrop4")
    /// SelfExSR's ×2 HR file (`image_SRF_2/img_NNN_SRF_2_HR.png`).
    public static let selfexsrX2 = DatasetVariant(rawValue: "selfexsr-x2")
    /// SelfExSR's ×3 HR file.
    public static let selfexsrX3 = DatasetVariant(rawValue: "selfexsr-x3")
    /// SelfExSR's ×4 HR file.
    public static let selfexsrX4 = DatasetVariant(rawValue: "selfexsr-x4")

    /// When a file's pixels equal several variants (Set5 `bird` is its own GTmod12 and every
    /// modcrop), the first of these is reported: the plainest description of the content.
    public static let preferenceOrder: [DatasetVariant] = [
        .original, .gtmod12, .modcrop2, .modcrop3, .modcrop4, .selfexsrX2, .selfexsrX3, .selfexsrX4,
    ]

    static func sortKey(_ v: DatasetVariant) -> (Int, String) {
        (preferenceOrder.firstIndex(of: v) ?? preferenceOrder.count, v.rawValue)
    }

    /// The catalogue key, as reports print it.
    public var description: String { rawValue }
}

/// All dataset descriptions, read from a folder of YAML files.
public struct DatasetCatalog: Sendable {
    /// Descriptions keyed by ``DatasetDescription/name``.
    public let datasets: [String: DatasetDescription]
    /// The folder the catalog was read from.
    public let folder: URL

    /// Reads every `*.yaml` in `folder`.
    public init(folder: URL) throws {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        var datasets = [String: DatasetDescription]()
        for file in files where file.pathExtension == "yaml" {
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                let d = try YAMLDecoder().decode(DatasetDescription.self, from: text)
                datasets[d.name] = d
            } catch {
                throw BenchError.badCatalog(path: file.path, reason: "\(error)")
            }
        }
        guard !datasets.isEmpty else { throw BenchError.catalogNotFound(searched: [folder.path]) }
        self.datasets = datasets
        self.folder = folder
    }

    /// Finds `Manifests/datasets`: `explicit` if given, else `$SRKIT_CATALOG`, else relative to the
    /// working directory, else relative to the running executable (`.build/<config>/bench`).
    public static func locate(explicit: String? = nil, executable: String = CommandLine.arguments.first ?? "") throws -> DatasetCatalog {
        if let explicit { return try DatasetCatalog(folder: URL(fileURLWithPath: explicit)) }
        var candidates = [String]()
        if let env = ProcessInfo.processInfo.environment["SRKIT_CATALOG"], !env.isEmpty { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/Manifests/datasets")
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../../../Manifests/datasets").standardized.path)
        candidates.append(exe.appendingPathComponent("../../Manifests/datasets").standardized.path)
        for c in candidates where FileManager.default.fileExists(atPath: c) {
            return try DatasetCatalog(folder: URL(fileURLWithPath: c))
        }
        throw BenchError.catalogNotFound(searched: candidates)
    }

    /// Sorted dataset names.
    public var names: [String] { datasets.keys.sorted() }

    /// The description for `name` (case-insensitive), or an error listing the known names.
    public func dataset(_ name: String) throws -> DatasetDescription {
        guard let d = datasets[name.lowercased()] else { throw BenchError.unknownDataset(name: name, known: names) }
        return d
    }
}
