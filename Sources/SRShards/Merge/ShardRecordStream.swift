import Crypto
import Foundation

/// Reads a dataset folder's records front to back and checks, on the way, everything
/// `prep verify` checks: each shard's size and SHA-256 against index.json, its header, schema and
/// record count, and every record's CRC32C and zero padding.
///
/// Made for merging many datasets at once with flat memory: shards are read with `pread` through
/// one buffer of `bufferBytes` (not memory-mapped, so the resident set does not grow with what has
/// been read), and only the shard being read is open. A shard's SHA-256 is known only once its
/// last byte is read, so a damaged shard is reported when the stream passes its end; a caller
/// that writes what it reads must stage its output and drop it on error (``ShardDatasetWriter``
/// does). Records must lie back to back after the header, as ``ShardDatasetWriter`` writes them.
package final class ShardRecordStream {
    /// The dataset folder.
    package let directory: URL
    /// Its index.
    package let index: ShardDatasetIndex
    /// Records handed out so far.
    package private(set) var position = 0
    private var nextShard = 0
    private var current: OpenShard?
    private let bufferBytes: Int

    /// Opens the dataset at `directory` (index.json is read and checked; shards are opened lazily).
    /// `bufferBytes` is the read buffer (at least one record is always held); merges of many
    /// datasets divide a budget between them.
    package init(directory: URL, bufferBytes: Int = 4 << 20) throws {
        self.directory = directory
        self.bufferBytes = bufferBytes
        index = try ShardDatasetIndex.load(from: directory)
    }

    /// Calls `body` with the next record's fields (valid only during the call) and its provenance
    /// (nil in a version-1 dataset) and returns true; returns false once every record was read and
    /// every shard passed its checks.
    package func next(_ body: ([UnsafeRawBufferPointer], RecordProvenance?) throws -> Void) throws -> Bool {
        while true {
            if let shard = current {
                if try shard.next(body) {
                    position += 1
                    return true
                }
                try shard.finish()
                current = nil
            }
            guard nextShard < index.shards.count else { return false }
            let entry = index.shards[nextShard]
            nextShard += 1
            current = try OpenShard(url: directory.appendingPathComponent(entry.file), entry: entry, index: index, bufferBytes: bufferBytes)
        }
    }

    /// One shard being read.
    final class OpenShard {
        let path: String
        let entry: ShardIndexEntry
        let reader: ShardReader
        let fd: Int32
        let headerLength: Int
        let recordLength: Int
        let recordStride: Int
        let fieldOffsets: [Int]
        let fieldSizes: [Int]
        var hasher = SHA256()
        let buffer: UnsafeMutableRawBufferPointer
        var bufferedRecords = 0
        var bufferIndex = 0
        var record = 0
        var fileOffset = 0

        init(url: URL, entry: ShardIndexEntry, index: ShardDatasetIndex, bufferBytes: Int) throws {
            let schema = index.schema
            path = url.path
            self.entry = entry
            func corrupt(_ reason: String) -> ShardError { .corruptShard(path: url.path, reason: reason) }
            reader = try ShardReader(contentsOf: url)  // header, schema, trailer and footer structure
            guard reader.schema == schema else { throw corrupt("its schema differs from index.json's") }
            guard reader.count == entry.records else { throw corrupt("it holds \(reader.count) records, index.json says \(entry.records)") }
            guard reader.fileSize == entry.bytes else { throw corrupt("size is \(reader.fileSize) bytes, index.json says \(entry.bytes)") }
            recordLength = ShardFormat.recordLength(schema)
            recordStride = ShardFormat.recordStride(schema)
            fieldOffsets = ShardFormat.fieldOffsets(schema)
            fieldSizes = schema.fields.map(\.byteCount)
            headerLength = ShardFormat.aligned(ShardFormat.fixedHeaderLength + (try ShardFormat.schemaJSON(schema)).count)
            guard reader.version == index.version else { throw corrupt("it is format version \(reader.version), index.json says \(index.version)") }
            guard ShardFormat.fileSize(headerLength: headerLength, recordStride: recordStride, records: reader.count, version: reader.version) == reader.fileSize else {
                throw corrupt("its records are not back to back after the header")
            }
            let fd = open(url.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ShardError.readFailed(path: url.path, reason: Syscalls.errnoText()) }
            self.fd = fd
            // No larger than the shard's records, so small shards do not hold a large buffer.
            let records = min(max(1, bufferBytes / recordStride), max(1, reader.count))
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(records * recordStride, headerLength, 1 << 12), alignment: 64)
            try hashThrough(headerLength)
        }

        deinit {
            close(fd)
            buffer.deallocate()
        }

        /// Reads and hashes bytes up to file offset `end` (past the header or the records' end).
        private func hashThrough(_ end: Int) throws {
            while fileOffset < end {
                let n = try read(min(buffer.count, end - fileOffset))
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
        }

        /// Reads exactly `count` bytes at `fileOffset` into the buffer's start.
        private func read(_ count: Int) throws -> Int {
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(fileOffset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ShardError.readFailed(path: path, reason: Syscalls.errnoText())
                }
                if n == 0 { throw ShardError.corruptShard(path: path, reason: "file ended at \(fileOffset + done) bytes while reading") }
                done += n
            }
            fileOffset += count
            return count
        }

        func next(_ body: ([UnsafeRawBufferPointer], RecordProvenance?) throws -> Void) throws -> Bool {
            guard record < reader.count else { return false }
            if bufferIndex == bufferedRecords {
                let records = min(buffer.count / recordStride, reader.count - record)
                let n = try read(records * recordStride)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                bufferedRecords = records
                bufferIndex = 0
            }
            let base = UnsafeRawBufferPointer(rebasing: buffer[(bufferIndex * recordStride)..<((bufferIndex + 1) * recordStride)])
            let stored = try reader.storedCRC(ofRecord: record)
            let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: base[0..<recordLength]))
            guard actual == stored else {
                throw ShardError.corruptShard(path: path, reason: "record \(record): CRC32C is \(ShardReader.hex(actual)), footer says \(ShardReader.hex(stored))")
            }
            if base[recordLength...].contains(where: { $0 != 0 }) {
                throw ShardError.corruptShard(path: path, reason: "record \(record): padding after the record is not zero")
            }
            try body(zip(fieldOffsets, fieldSizes).map { UnsafeRawBufferPointer(rebasing: base[$0..<($0 + $1)]) },
                     try reader.provenance(ofRecord: record))
            bufferIndex += 1
            record += 1
            return true
        }

        /// Hashes the footer and trailer and compares the whole file's SHA-256 with index.json.
        func finish() throws {
            try hashThrough(reader.fileSize)
            let sha = HexDigest.hex(hasher.finalize())
            guard sha == entry.sha256 else {
                throw ShardError.corruptShard(path: path, reason: "SHA-256 is \(sha), index.json says \(entry.sha256)")
            }
        }
    }
}
