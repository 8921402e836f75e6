import Foundation

/// One file `bench datasets fetch` can get: where it goes, what it must be, where it comes from.
public struct PinnedFile: Sendable, Equatable {
    /// Path relative to the data root (`T91/t1.bmp`).
    public let path: String
    /// Exact size in bytes.
    public let bytes: Int64
    /// SHA-256 of the bytes, lowercase hex.
    public let sha256: String
    /// The source, pinned to an immutable revision (a commit of a public repository), or for an
    /// archive its authors' URL with the SHA-256 pinning the content.
    public let url: String
    /// For an archive: the folder under the data root it is unpacked into (its members keep their
    /// paths inside it); nil for a plain file. The archive itself is not kept.
    public var unpack: String? = nil

    /// Whether this row is an archive to unpack.
    public var isArchive: Bool { unpack != nil }
}

/// The pinned sources of one dataset, read from `Manifests/datasets/sources/<name>.tsv`.
public struct DatasetSources: Sendable, Equatable {
    /// Dataset name (`t91`), the TSV's file stem.
    public let name: String
    /// Every file of the dataset.
    public let files: [PinnedFile]
    /// The folders under the data root that the files land in (`T91`), for messages.
    public var folders: [String] { Array(Set(files.map { String(($0.unpack ?? $0.path).split(separator: "/").first ?? "") })).sorted() }
}

/// All datasets with pinned sources. TSV rather than YAML: one flat row per file, greppable,
/// and `prep` can read it without a YAML dependency.
public struct SourceCatalog: Sendable {
    /// Datasets by lowercase name.
    public let datasets: [String: DatasetSources]

    /// Reads every `*.tsv` in `folder`.
    public init(folder: URL) throws {
        var out: [String: DatasetSources] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in names.sorted() where file.hasSuffix(".tsv") {
            let url = folder.appendingPathComponent(file)
            let name = String(file.dropLast(4)).lowercased()
            out[name] = DatasetSources(name: name, files: try Self.parse(url: url))
        }
        datasets = out
    }

    /// Finds `Manifests/datasets/sources` of the checkout (or `explicit`).
    public static func locate(explicit: String? = nil) throws -> SourceCatalog {
        if let explicit { return try SourceCatalog(folder: URL(fileURLWithPath: explicit)) }
        var searched = [String]()
        if let checkout = DataRoot.locateCheckout() {
            let folder = checkout.appendingPathComponent("Manifests/datasets/sources")
            if FileManager.default.fileExists(atPath: folder.path) { return try SourceCatalog(folder: folder) }
            searched.append(folder.path)
        }
        searched.append(FileManager.default.currentDirectoryPath + "/Manifests/datasets/sources")
        throw FetchError.sourcesNotFound(searched: searched)
    }

    /// Sorted dataset names.
    public var names: [String] { datasets.keys.sorted() }

    /// The sources of `name` (case-insensitive).
    public func dataset(_ name: String) throws -> DatasetSources {
        guard let d = datasets[name.lowercased()] else { throw FetchError.unknownDataset(name: name, known: names) }
        return d
    }

    /// The dataset whose files live under `folder` of the data root (`T91` → t91), if any.
    public func dataset(forFolder folder: String) -> DatasetSources? {
        datasets.values.sorted { $0.name < $1.name }.first { $0.folders.contains(folder) }
    }

    static func parse(url: URL) throws -> [PinnedFile] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw FetchError.io(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        var files = [PinnedFile]()
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let where_ = (url.path, i + 1)
            guard f.count == 4 || f.count == 5 else { throw FetchError.badSourceLine(file: where_.0, line: where_.1, reason: "\(f.count) fields, expected 4 (or 5 for an archive)") }
            guard let bytes = Int64(f[1]), bytes >= 0 else { throw FetchError.badSourceLine(file: where_.0, line: where_.1, reason: "size '\(f[1])' is not a byte count") }
            guard f[2].count == 64, f[2].allSatisfy(\.isHexDigit) else { throw FetchError.badSourceLine(file: where_.0, line: where_.1, reason: "'\(f[2])' is not a SHA-256") }
            guard !f[0].hasPrefix("/"), !f[0].split(separator: "/").contains("..") else {
                throw FetchError.badSourceLine(file: where_.0, line: where_.1, reason: "path '\(f[0])' leaves the data root")
            }
            var file = PinnedFile(path: f[0], bytes: bytes, sha256: f[2].lowercased(), url: f[3])
            if f.count == 5 {
                guard f[4].hasPrefix("unpack:"), !f[4].dropFirst(7).isEmpty, !f[4].hasPrefix("unpack:/"),
                      !f[4].dropFirst(7).split(separator: "/").contains("..") else {
                    throw FetchError.badSourceLine(file: where_.0, line: where_.1, reason: "fifth field '\(f[4])' must be unpack:FOLDER (a folder under the data root)")
                }
                file.unpack = String(f[4].dropFirst(7))
            }
            files.append(file)
        }
        return files
    }
}
