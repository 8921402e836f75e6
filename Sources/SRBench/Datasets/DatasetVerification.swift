import Crypto
import Foundation

/// What `bench datasets verify` found for one dataset under a data root.
public struct DatasetVerification: Sendable {
    /// Per-file outcome of the checksum comparison.
    public enum FileStatus: Sendable, Equatable {
        /// The file's SHA-256 equals the catalogued one of this variant.
        case verified(DatasetVariant)
        /// No checksum is catalogued for this image (Urban100 beyond the subset at hand, DIV2K).
        case unknown
        /// The catalogue has checksums for this image and none matches.
        case mismatch
    }

    /// The dataset checked.
    public let dataset: DatasetDescription
    /// Where it was found, or nil when no layout found any image.
    public let located: LocatedDataset?
    /// Status per found image, in catalogue order.
    public let files: [(name: String, path: String, status: FileStatus)]

    /// Checks every catalogued image of `dataset` under `root`.
    public static func verify(_ dataset: DatasetDescription, root: String) -> DatasetVerification {
        // SelfExSR folders are per scale; try each common scale and keep the best find.
        let located = [4, 3, 2].compactMap { try? LocatedDataset.locate(dataset, root: root, scale: $0) }
            .max { $0.images.count < $1.images.count }
        guard let located else { return DatasetVerification(dataset: dataset, located: nil, files: []) }
        let byName = Dictionary(uniqueKeysWithValues: dataset.images.map { ($0.name, $0) })
        var files = [(String, String, FileStatus)]()
        for image in located.images {
            let entry = byName[image.name]!
            files.append((image.name, image.hrPath, status(of: image.hrPath, against: entry)))
        }
        return DatasetVerification(dataset: dataset, located: located, files: files)
    }

    static func status(of path: String, against entry: CatalogImage) -> FileStatus {
        let known = entry.knownVariants
        guard let data = FileManager.default.contents(atPath: path) else { return .mismatch }
        if !known.isEmpty {
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            if let hit = known.first(where: { $0.1.sha256 == digest }) { return .verified(hit.0) }
            return .mismatch
        }
        return .unknown
    }

    /// Variants seen, with counts, e.g. `["gtmod12": 5]`.
    public var variantCounts: [String: Int] {
        var counts = [String: Int]()
        for f in files {
            switch f.status {
            case let .verified(v): counts[v.rawValue, default: 0] += 1
            case .unknown: counts["unknown", default: 0] += 1
            case .mismatch: counts["checksum mismatch", default: 0] += 1
            }
        }
        return counts
    }

    /// A short multi-line report: layout, folder, counts, variant, checksum state, missing files.
    public var summary: String {
        let title = "\(dataset.title) (\(dataset.count) images)"
        guard let located else { return "\(title): not found" }
        var lines = ["\(title): \(located.images.count)/\(dataset.count) found, layout \(located.layout.name)"]
        let variants = variantCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("  variants: \(variants)")
        let verified = files.filter { if case .verified = $0.status { return true } else { return false } }.count
        let mismatched = files.filter { $0.status == .mismatch }
        let checkable = dataset.images.filter { !$0.knownVariants.isEmpty }.count
        lines.append("  checksums: \(verified) ok, \(mismatched.count) mismatched, \(files.count - verified - mismatched.count) not catalogued (catalogue has \(checkable))")
        for m in mismatched.prefix(10) { lines.append("  mismatch: \(m.path)") }
        if !located.missing.isEmpty {
            let shown = located.missing.prefix(10).joined(separator: ", ")
            lines.append("  missing: \(located.missing.count) (\(shown)\(located.missing.count > 10 ? ", …" : ""))")
        }
        return lines.joined(separator: "\n")
    }

    /// True when every catalogued image was found and no checksum mismatched.
    public var isComplete: Bool {
        guard let located else { return false }
        return located.missing.isEmpty && !files.contains { $0.status == .mismatch }
    }
}
