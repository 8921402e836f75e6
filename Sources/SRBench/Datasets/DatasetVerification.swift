import Crypto
import Foundation
import SRImage

/// What `bench datasets verify` found for one dataset under a data root.
///
/// Each HR file found is compared with every variant the catalogue knows for its image: first by
/// the SHA-256 of its bytes (the published file itself), then by the SHA-256 of its decoded
/// pixels (the same content in another encoding, e.g. a PNG re-saved by another tool), then by
/// size against variants whose content is not at hand (BSDS's 481×321 originals). Anything else
/// is flagged. Layouts that keep one HR per scale (SelfExSR's `image_SRF_<s>`) are checked at
/// every scale present.
public struct DatasetVerification: Sendable {
    /// Per-file outcome of the comparison with the catalogue.
    public enum FileStatus: Sendable, Equatable {
        /// The file's bytes are the catalogued file of this variant.
        case verified(DatasetVariant)
        /// The file's pixels are this variant's, in another encoding.
        case samePixels(DatasetVariant)
        /// The file has the size of a variant whose content the catalogue does not hold.
        case sizeOnly(DatasetVariant)
        /// No content is catalogued for this image (Urban100 beyond the subset at hand, DIV2K).
        case unknown
        /// The catalogue knows this image's content and the file matches none of its variants.
        case mismatch
    }

    /// One HR file checked.
    public struct CheckedFile: Sendable, Equatable {
        /// Catalogue name of the image.
        public let name: String
        /// Scale whose folder held the file (the layout's per-scale HR), or nil when the layout
        /// has one HR for all scales.
        public let scale: Int?
        /// Path of the file.
        public let path: String
        /// How it compares with the catalogue.
        public let status: FileStatus
    }

    /// The dataset checked.
    public let dataset: DatasetDescription
    /// Where it was found (the scale that found the most images), or nil when no layout found any.
    public let located: LocatedDataset?
    /// The scales whose folders were checked, for layouts with one HR per scale; empty otherwise.
    public let scales: [Int]
    /// Status per file, in catalogue order (per scale, in scale order, for per-scale layouts).
    public let files: [CheckedFile]

    /// Scales tried when looking for per-scale folders.
    public static let commonScales = [2, 3, 4]

    /// Checks every catalogued image of `dataset` under `root`.
    public static func verify(_ dataset: DatasetDescription, root: String) -> DatasetVerification {
        let found = commonScales.compactMap { s in (try? LocatedDataset.locate(dataset, root: root, scale: s)).map { (s, $0) } }
        guard let best = found.max(by: { $0.1.images.count < $1.1.images.count })?.1 else {
            return DatasetVerification(dataset: dataset, located: nil, scales: [], files: [])
        }
        let byName = Dictionary(uniqueKeysWithValues: dataset.images.map { ($0.name, $0) })
        let perScale = best.layout.hasPerScaleHR
        let checked = perScale ? found.filter { $0.1.layout == best.layout } : [(0, best)]
        var files = [CheckedFile](), seen = Set<String>()
        for (scale, located) in checked {
            for image in located.images where seen.insert(image.hrPath).inserted {
                let preferred = perScale ? [best.layout.scaleVariant?.replacingOccurrences(of: "{s}", with: String(scale)),
                                            "modcrop\(scale)"].compactMap { $0.map(DatasetVariant.init(rawValue:)) } : []
                files.append(CheckedFile(name: image.name, scale: perScale ? scale : nil, path: image.hrPath,
                                         status: status(of: image.hrPath, against: byName[image.name]!, preferring: preferred)))
            }
        }
        return DatasetVerification(dataset: dataset, located: best, scales: perScale ? checked.map(\.0) : [], files: files)
    }

    /// The file at `path` compared with the variants of `entry`; when it is several variants at
    /// once, the first of `preferring` among them is reported, else the first in preference order.
    static func status(of path: String, against entry: CatalogImage, preferring: [DatasetVariant] = []) -> FileStatus {
        let known = entry.knownVariants.sorted { rank($0.0, preferring) < rank($1.0, preferring) }
        guard let data = FileManager.default.contents(atPath: path) else { return .mismatch }
        let checkable = known.filter { !$0.1.isSizeOnly }
        if checkable.isEmpty && known.isEmpty { return .unknown }
        let digest = hex(SHA256.hash(data: data))
        if let hit = known.first(where: { $0.1.sha256 == digest }) { return .verified(hit.0) }
        // Decoding costs more than hashing; only files that are not a catalogued file pay it.
        guard let image = try? ImageDecoder.decode(bytes: [UInt8](data), name: path) else { return .mismatch }
        let pixels = pixelDigest(image)
        if let hit = known.first(where: { $0.1.pixels == pixels }) { return .samePixels(hit.0) }
        if let hit = known.first(where: { $0.1.isSizeOnly && $0.1.width == image.width && $0.1.height == image.height
            && $0.1.channels == image.channels }) {
            return .sizeOnly(hit.0)
        }
        return checkable.isEmpty ? .unknown : .mismatch
    }

    private static func rank(_ v: DatasetVariant, _ preferring: [DatasetVariant]) -> Int {
        preferring.firstIndex(of: v) ?? preferring.count
    }

    /// SHA-256 of the decoded samples, as `make_catalog.py` computes it from Pillow's `tobytes()`.
    static func pixelDigest(_ image: ByteImage) -> String {
        image.samples.withUnsafeBufferPointer { hex(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }

    /// Files seen per outcome, e.g. `["selfexsr-x4": 100]`, `["modcrop4 (same pixels, other file)": 2]`.
    public var variantCounts: [String: Int] { Self.variantCounts(files) }

    static func variantCounts(_ files: [CheckedFile]) -> [String: Int] {
        var counts = [String: Int]()
        for f in files {
            switch f.status {
            case let .verified(v): counts[v.rawValue, default: 0] += 1
            case let .samePixels(v): counts["\(v.rawValue) (same pixels, other file)", default: 0] += 1
            case let .sizeOnly(v): counts["\(v.rawValue) (size only, content not catalogued)", default: 0] += 1
            case .unknown: counts["unknown", default: 0] += 1
            case .mismatch: counts["checksum mismatch", default: 0] += 1
            }
        }
        return counts
    }

    /// A short multi-line report: layout, scales, counts, variants, checksum state, missing files.
    public var summary: String {
        let title = "\(dataset.title) (\(dataset.count) images)"
        guard let located else { return "\(title): not found" }
        let at = scales.isEmpty ? "" : " (\(scales.map { "x\($0)" }.joined(separator: ", ")))"
        var lines = ["\(title): \(located.images.count)/\(dataset.count) found, layout \(located.layout.name)\(at)"]
        if scales.count > 1 {
            for s in scales {
                let counts = Self.counts(files.filter { $0.scale == s })
                lines.append("  x\(s) variants: \(counts)")
            }
        } else {
            lines.append("  variants: \(Self.counts(files))")
        }
        let ok = files.filter {
            switch $0.status { case .verified, .samePixels: return true; default: return false }
        }.count
        let mismatched = files.filter { $0.status == .mismatch }
        let checkable = dataset.images.filter { $0.knownVariants.contains { !$0.1.isSizeOnly } }.count
        lines.append("  checksums: \(ok) ok, \(mismatched.count) mismatched, \(files.count - ok - mismatched.count) not catalogued (catalogue has \(checkable))")
        for m in mismatched.prefix(10) { lines.append("  mismatch: \(m.path)") }
        if !located.missing.isEmpty {
            let shown = located.missing.prefix(10).joined(separator: ", ")
            lines.append("  missing: \(located.missing.count) (\(shown)\(located.missing.count > 10 ? ", …" : ""))")
        }
        return lines.joined(separator: "\n")
    }

    static func counts(_ files: [CheckedFile]) -> String {
        variantCounts(files).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// True when every catalogued image was found and no file mismatched.
    public var isComplete: Bool {
        guard let located else { return false }
        return located.missing.isEmpty && !files.contains { $0.status == .mismatch }
    }
}
