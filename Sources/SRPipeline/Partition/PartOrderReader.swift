import Crypto
import SRShards
import Foundation

/// Reads a part's `order.bin` front to back (64 KiB at a time) and gives each record's merge key,
/// checking on the way that the keys ascend, that each input has as many records as `part.json`
/// says, and at the end the file's size and SHA-256.
final class PartOrderReader {
    let path: String
    private let expected: PartFile
    private let order: ShuffleOrder
    private let handle: FileHandle
    private var hasher = SHA256()
    private var buffer = Data()
    private var offset = 0
    private var read = 0
    private var entries = 0
    private var previous: ShuffleOrder.Key?
    private var remaining: [Int: Int]
    private var finished = false

    /// Opens `folder/order.bin` for a part whose inputs produced `records[input]` records.
    init(folder: URL, expected: PartFile, order: ShuffleOrder, records: [Int: Int]) throws {
        path = folder.appendingPathComponent(expected.path).path
        self.expected = expected
        self.order = order
        remaining = records.filter { $0.value > 0 }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PipelineError.damagedPart(path: path, reason: "the order table cannot be opened")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The key of the next record, or nil after the last (when every check has passed).
    func nextKey() throws -> ShuffleOrder.Key? {
        if offset + PartOrderTable.entryLength > buffer.count {
            guard try refill() else {
                try finish()
                return nil
            }
        }
        let origin = buffer.withUnsafeBytes { PartOrderTable.decode($0, at: offset) }
        offset += PartOrderTable.entryLength
        let key = order.key(origin)
        if let previous, !(previous < key) {
            throw PipelineError.damagedPart(path: path, reason: "entry \(entries) is out of order")
        }
        previous = key
        entries += 1
        guard let left = remaining[origin.input], left > 0 else {
            throw PipelineError.damagedPart(path: path, reason: "input \(origin.input) has more records here than part.json says")
        }
        remaining[origin.input] = left == 1 ? nil : left - 1
        return key
    }

    /// Reads the next chunk; false at the end of the file.
    private func refill() throws -> Bool {
        let rest = buffer.count - offset
        let chunk: Data
        do { chunk = try handle.read(upToCount: 64 << 10) ?? Data() } catch {
            throw PipelineError.damagedPart(path: path, reason: "cannot read the order table: \(error.localizedDescription)")
        }
        if chunk.isEmpty {
            if rest != 0 { throw PipelineError.damagedPart(path: path, reason: "size is not a multiple of \(PartOrderTable.entryLength) bytes") }
            return false
        }
        hasher.update(data: chunk)
        read += chunk.count
        var next = Data(buffer.suffix(rest))
        next.append(chunk)
        buffer = next
        offset = 0
        return buffer.count >= PartOrderTable.entryLength
    }

    private func finish() throws {
        guard !finished else { return }
        finished = true
        let sha = HexDigest.hex(hasher.finalize())
        guard read == expected.bytes, sha == expected.sha256 else {
            throw PipelineError.damagedPart(path: path, reason: "size \(read) bytes and SHA-256 \(sha), part.json says \(expected.bytes) and \(expected.sha256)")
        }
        if let (input, left) = remaining.min(by: { $0.key < $1.key }) {
            throw PipelineError.damagedPart(path: path, reason: "input \(input) has \(left) record(s) fewer here than part.json says")
        }
    }
}
