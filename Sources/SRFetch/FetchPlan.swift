import Crypto
import Foundation

/// What a fetch has to do: the pinned files of the requested datasets that are not already
/// present and verified under the data root.
public struct FetchPlan: Sendable {
    /// The data root.
    public let root: String
    /// Files to download, in the sources' order.
    public let missing: [PinnedFile]
    /// Files already present with the pinned size and SHA-256 (an archive: unpacked, every member
    /// with the size and SHA-256 recorded when it was unpacked).
    public let present: [PinnedFile]
    /// Files present with other bytes: fetched again, replacing them only once verified.
    public let differing: [PinnedFile]

    /// Checks every file of `datasets` under `root` (size first, then the SHA-256 of the bytes).
    public static func make(datasets: [DatasetSources], root: String) throws -> FetchPlan {
        var missing = [PinnedFile](), present = [PinnedFile](), differing = [PinnedFile]()
        for file in datasets.flatMap(\.files) {
            if file.isArchive {
                switch ArchiveUnpacker.state(of: file, root: root) {
                case .absent: missing.append(file)
                case .complete: present.append(file)
                case .damaged: differing.append(file); missing.append(file)
                }
                continue
            }
            let path = root + "/" + file.path
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int64 else {
                missing.append(file); continue
            }
            if size == file.bytes, try FileHash.sha256(path: path) == file.sha256 { present.append(file) }
            else { differing.append(file); missing.append(file) }
        }
        return FetchPlan(root: root, missing: missing, present: present, differing: differing)
    }

    /// Bytes to download.
    public var totalBytes: Int64 { missing.reduce(0) { $0 + $1.bytes } }

    /// `--dry-run`: one `URL<TAB>BYTES<TAB>SHA256<TAB>PATH` line per file to fetch (URL as it
    /// would be requested, through the mirror if any), then the total.
    public func dryRunLines(mirror: Mirror?) -> [String] {
        missing.map { "\(mirror?.rewrite($0.url) ?? $0.url)\t\($0.bytes)\t\($0.sha256)\t\($0.path)" }
            + ["total: \(missing.count) file\(missing.count == 1 ? "" : "s"), \(totalBytes) bytes (\(present.count) already present and verified)"]
    }
}

/// Streaming SHA-256 of a file, in 1 MiB reads.
enum FileHash {
    static func sha256(path: String) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else { throw FetchError.io(path: path, reason: "cannot open for reading") }
        defer { try? h.close() }
        var hasher = SHA256()
        while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
