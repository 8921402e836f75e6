import Crypto
import Foundation

/// Checks a dataset folder end to end: index.json, each shard's size and SHA-256 against the
/// index, its header, schema and record count, and every record's CRC32C.
public enum ShardDatasetVerifier {
    /// What a verification found.
    public struct Report: Sendable {
        /// Shards checked.
        public var shards = 0
        /// Records whose CRC was checked.
        public var records = 0
        /// Every defect found, in file and record order; empty when the dataset is intact.
        public var problems: [ShardProblem] = []
    }

    /// Verifies the dataset folder at `url` (or a single shard file: CRCs only). Never throws for
    /// damage inside shards — damage becomes ``ShardProblem``s — but throws ``ShardError`` when
    /// index.json itself is missing or unreadable.
    public static func verify(_ url: URL) throws -> Report {
        var report = Report()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ShardError.readFailed(path: url.path, reason: "no such file or folder")
        }
        if !isDirectory.boolValue {
            let reader = try ShardReader(contentsOf: url)
            report.shards = 1
            report.records = reader.count
            report.problems = reader.verify()
            return report
        }
        let folder = try DatasetFolder(url)
        let index = try ShardDatasetIndex.load(from: folder)
        // One buffer for every shard's hash and CRC pass: memory does not grow with the shard count.
        let largest = ShardFormat.recordStride(index.schema)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(4 << 20, largest), alignment: ShardFormat.alignment)
        defer { scratch.deallocate() }
        for entry in index.shards {
            let path = url.appendingPathComponent(entry.file).path
            report.shards += 1
            let file: ShardFile
            do {
                file = try folder.shard(entry.file)
            } catch {
                report.problems.append(ShardProblem(file: path, record: nil, message: "\(error)"))
                continue
            }
            if file.size != entry.bytes {
                report.problems.append(ShardProblem(file: path, record: nil, message: "size is \(file.size) bytes, index.json says \(entry.bytes)"))
            }
            do {
                let sha = try sha256(file, buffer: scratch)
                if sha != entry.sha256 {
                    report.problems.append(ShardProblem(file: path, record: nil, message: "SHA-256 is \(sha), index.json says \(entry.sha256)"))
                }
            } catch {
                report.problems.append(ShardProblem(file: path, error: error))
                continue
            }
            let reader: ShardReader
            do {
                reader = try ShardReader(file: file)
            } catch {
                report.problems.append(ShardProblem(file: path, record: nil, message: "cannot be opened: \(error)"))
                continue
            }
            if reader.schema != index.schema {
                report.problems.append(ShardProblem(file: path, record: nil, message: "schema differs from index.json's"))
            }
            if reader.count != entry.records {
                report.problems.append(ShardProblem(file: path, record: nil, message: "holds \(reader.count) records, index.json says \(entry.records)"))
            }
            report.records += reader.count
            report.problems += reader.verify(using: scratch)
        }
        return report
    }

    /// SHA-256 (lowercase hex) of the file's bytes as opened, read in chunks of `buffer`'s size.
    private static func sha256(_ file: ShardFile, buffer: UnsafeMutableRawBufferPointer) throws -> String {
        var hasher = SHA256()
        let chunk = buffer.count
        var offset = 0
        while offset < file.size {
            let n = min(chunk, file.size - offset)
            try file.read(at: offset, count: n, into: buffer.baseAddress!)  // allocated above
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0 ..< n]))
            offset += n
        }
        return HexDigest.hex(hasher.finalize())
    }
}
