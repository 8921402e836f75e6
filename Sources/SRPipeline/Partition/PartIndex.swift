import Crypto
import Foundation
import SRShards

/// `part.json`: what makes a folder a *partial dataset*, part K of N of one `prep run`.
///
/// ```
/// PART_DIR/
///   part.json      this index; written last, so its presence means the part is complete
///   order.bin      each record's origin (u32 input, u32 record, little-endian), in shard order
///   shards/        an ordinary SRKit dataset (index.json + shard-*.srshard); absent without records
/// ```
/// It records K and N, the run's identity (``PartRun``: manifest SHA-256, seed, variables, the
/// whole input list's digest, the tool), this part's inputs with their record counts and hashes,
/// and the SHA-256 of `order.bin` and `shards/index.json` (which holds each shard's SHA-256).
/// `checksum` is the SHA-256 of the file's own encoding with `checksum` empty, so a flipped byte
/// anywhere in a part is found. Keys are sorted and nothing is time- or host-dependent: a task run
/// again writes the same bytes.
public struct PartIndex: Codable, Equatable, Sendable {
    /// Always ``PartIndex/formatName``.
    public var format: String
    /// ``PartIndex/currentVersion``.
    public var version: Int
    /// This part, 0..<parts.
    public var part: Int
    /// Parts in the run.
    public var parts: Int
    /// What every part of one run shares.
    public var run: PartRun
    /// This part's inputs in input order.
    public var inputs: [PartInput]
    /// Records in this part.
    public var records: Int
    /// `order.bin`, absent when the part has no records.
    public var order: PartFile?
    /// `shards/index.json`, absent when the part has no records.
    public var dataset: PartFile?
    /// SHA-256 of this file encoded with `checksum` = "".
    public var checksum: String

    /// `format` of every part.json.
    public static let formatName = "srkit-partial-dataset"
    /// The version this code writes and reads.
    public static let currentVersion = 1
    /// File name of the index.
    public static let fileName = "part.json"
    /// File name of the order table.
    public static let orderFileName = "order.bin"
    /// Folder of the part's shards.
    public static let shardsFolder = "shards"

    /// The exact bytes of part.json: pretty JSON, sorted keys, final newline, checksum filled in.
    func encoded() throws -> [UInt8] {
        var copy = self
        copy.checksum = ""
        copy.checksum = Self.sha256(try copy.rawEncoded())
        return try copy.rawEncoded()
    }

    private func rawEncoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    /// Reads and checks `folder/part.json` (format, version, its checksum, internal consistency).
    public static func load(from folder: URL) throws -> PartIndex {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PipelineError.notAPart(path: folder.path, reason: FileManager.default.fileExists(atPath: folder.path)
                ? "no \(fileName), so its task did not finish" : "no such folder")
        }
        let index: PartIndex
        do {
            index = try JSONDecoder().decode(PartIndex.self, from: data)
        } catch {
            throw PipelineError.damagedPart(path: url.path, reason: "not a readable \(fileName) (\(error))")
        }
        guard index.format == formatName else {
            throw PipelineError.damagedPart(path: url.path, reason: "format is \"\(index.format)\", expected \"\(formatName)\"")
        }
        guard index.version == currentVersion else {
            throw PipelineError.damagedPart(path: url.path, reason: "version \(index.version); this prep reads version \(currentVersion)")
        }
        var blank = index
        blank.checksum = ""
        guard sha256(try blank.rawEncoded()) == index.checksum, try index.encoded() == Array(data) else {
            throw PipelineError.damagedPart(path: url.path, reason: "its checksum does not match its content (the file was changed or damaged)")
        }
        return index
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        HexDigest.sha256(bytes)
    }
}

/// The identity of a partitioned run: equal in all its parts, and what `prep merge` compares.
///
/// Everything that decides the merged bytes is here, so two parts with equal `PartRun` and the
/// same N are interchangeable whenever they were made: a failed task run again alone, even days
/// later, merges with the others; a part of a run with another manifest, seed, `--set`, input
/// list, N or SRKit version is refused, naming the difference.
public struct PartRun: Codable, Equatable, Sendable {
    /// Tool and version, as in index.json (`SRKit prep 0.1.0`).
    public var tool: String
    /// Manifest file name.
    public var manifest: String
    /// SHA-256 of the manifest bytes.
    public var manifestSHA256: String
    /// The manifest seed.
    public var seed: UInt64
    /// Resolved variables (after `--set`).
    public var variables: [String: String]
    /// Whether the manifest shuffles (``ShuffleOrder``).
    public var shuffle: Bool
    /// The manifest's shard size, which fixes the merged shard boundaries.
    public var targetShardBytes: Int
    /// Inputs in the whole run.
    public var inputCount: Int
    /// ``InputListDigest`` of the whole input list (names and sizes).
    public var inputListSHA256: String
    /// The assignment rule (``WorkBalancer/ruleName``).
    public var assignment: String
}

/// One input of a part.
public struct PartInput: Codable, Equatable, Sendable {
    /// Position in the whole input list.
    public var index: Int
    /// Its files as listed (name, size): the digest and the weight cover these.
    public var listed: [ListedFile]
    /// Files read, with SHA-256 (index.json's `provenance.inputs` entries).
    public var read: [ShardInputFile]
    /// Records it produced.
    public var records: Int
    /// Set when `--skip-bad` skipped it (index.json's `provenance.skipped` entry).
    public var skipped: ShardSkippedInput?
}

/// A file of a part with its SHA-256 and size.
public struct PartFile: Codable, Equatable, Sendable {
    /// Path inside the part folder.
    public var path: String
    /// SHA-256, lowercase hex.
    public var sha256: String
    /// Size in bytes.
    public var bytes: Int
}
