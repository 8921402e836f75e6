import Foundation
import Yams

/// What is known about one evaluation dataset: its image names and, where the content is at
/// hand, each published variant's SHA-256 and size. Loaded from `Manifests/datasets/<name>.yaml`.
public struct DatasetDescription: Sendable, Decodable, Equatable {
    /// Catalog key, lower case (`set5`, `set14`, `bsd100`, `urban100`, `div2k`).
    public let name: String
    /// Display name used in reports (`Set5`, `BSD100`, …).
    public let title: String
    /// Provenance in one line.
    public let note: String
    /// Number of images in the full dataset.
    public let count: Int
    /// The images, in the order reports list them.
    public let images: [CatalogImage]
}

/// One image of a dataset, with the variants whose content is known.
public struct CatalogImage: Sendable, Decodable, Equatable {
    /// The name reports use (`baby`, `img_001`, `0801`).
    public let name: String
    /// Other names the same image goes by in common layouts (BSDS ids for BSD100).
    public let aliases: [String]
    /// Full-size HR as published.
    public let original: FileFacts?
    /// BasicSR's GTmod12: the top-left crop to a multiple of 12.
    public let gtmod12: FileFacts?
    /// The HR cropped to a multiple of 3 (SelfExSR's BSD100 files).
    public let modcrop3: FileFacts?

    enum CodingKeys: String, CodingKey { case name, aliases, original, gtmod12, modcrop3 }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        original = try c.decodeIfPresent(FileFacts.self, forKey: .original)
        gtmod12 = try c.decodeIfPresent(FileFacts.self, forKey: .gtmod12)
        modcrop3 = try c.decodeIfPresent(FileFacts.self, forKey: .modcrop3)
    }

    /// The known variants with their facts, in the order original, gtmod12, modcrop3.
    public var knownVariants: [(DatasetVariant, FileFacts)] {
        [(DatasetVariant.original, original), (.gtmod12, gtmod12), (.modcrop3, modcrop3)]
            .compactMap { v, f in f.map { (v, $0) } }
    }
}

/// The checksum and size of one file as catalogued.
public struct FileFacts: Sendable, Decodable, Equatable {
    /// Lower-case hex SHA-256 of the file's bytes.
    public let sha256: String
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// 1 for grey, 3 for colour.
    public let channels: Int
}

/// Which published form of the HR images a folder holds.
public enum DatasetVariant: String, Sendable, Codable, CaseIterable {
    /// Full-size HR.
    case original
    /// BasicSR's GTmod12 crop.
    case gtmod12
    /// HR cropped to a multiple of 3.
    case modcrop3
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
