import Crypto

/// Writes one `.srshard` file front to back through a buffer, hashing (SHA-256) every byte as it
/// goes and collecting the footer entries; ``close()`` appends footer and trailer.
final class ShardFileWriter {
    let path: String
    let fileName: String
    private var fd: Int32
    private var hasher = SHA256()
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0
    private var flushed = 0
    private var footer = ByteWriter()
    private(set) var records = 0
    private let recordLength: Int
    private let recordStride: Int
    private let fieldOffsets: [Int]
    /// Whether each footer entry carries a ``RecordProvenance`` (format version 2).
    let withProvenance: Bool

    /// Total bytes of the file so far (flushed and buffered).
    var size: Int { flushed + used }

    init(path: String, fileName: String, header: [UInt8], schema: ShardSchema, withProvenance: Bool) throws {
        self.path = path
        self.withProvenance = withProvenance
        self.fileName = fileName
        recordLength = ShardFormat.recordLength(schema)
        recordStride = ShardFormat.recordStride(schema)
        fieldOffsets = ShardFormat.fieldOffsets(schema)
        capacity = max(4 << 20, recordStride, header.count)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        do {
            fd = try Syscalls.createExclusive(path)
        } catch {
            buffer.deallocate()
            throw error
        }
        try header.withUnsafeBytes { try put($0) }
    }

    deinit {
        if fd >= 0 { Syscalls.closeQuietly(fd) }
        buffer.deallocate()
    }

    /// Appends one record (fields already checked against the schema) and its footer entry, with
    /// `provenance` when the shard carries it (the dataset writer checks it is given then).
    func append(_ fields: [UnsafeRawBufferPointer], provenance: RecordProvenance?) throws {
        if used + recordStride > capacity { try flush() }
        let record = buffer + used
        record.initializeMemory(as: UInt8.self, repeating: 0, count: recordStride)
        for (i, field) in fields.enumerated() where field.count > 0 {
            if let base = field.baseAddress { (record + fieldOffsets[i]).copyMemory(from: base, byteCount: field.count) }
        }
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(start: record, count: recordLength))
        footer.append(UInt64(size))
        footer.append(UInt64(recordLength))
        footer.append(crc)
        footer.append(UInt32(0))
        if withProvenance { (provenance ?? RecordProvenance(input: 0, window: 0, x: 0, y: 0, width: 0, height: 0, variant: 0)).encode(into: &footer) }
        used += recordStride
        records += 1
    }

    /// Writes footer and trailer, syncs and closes the file; returns its SHA-256 (hex) and size.
    func close() throws -> (sha256: String, bytes: Int) {
        let footerOffset = size
        let footerCRC = footer.bytes.withUnsafeBytes { CRC32C.checksum($0) }
        try footer.bytes.withUnsafeBytes { try put($0) }
        var trailer = ByteWriter()
        trailer.append(UInt64(footerOffset))
        trailer.append(UInt64(records))
        trailer.append(footerCRC)
        trailer.append(UInt32(0))
        trailer.append(ShardFormat.trailerMagic)
        try trailer.bytes.withUnsafeBytes { try put($0) }
        try flush()
        try Syscalls.sync(fd, path: path)
        let closing = fd
        fd = -1
        try Syscalls.closeChecked(closing, path: path)
        let hex = HexDigest.hex(hasher.finalize())
        return (hex, flushed)
    }

    /// Closes the descriptor without finishing the file (after a failure).
    func discard() {
        if fd >= 0 { Syscalls.closeQuietly(fd); fd = -1 }
    }

    private func put(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            if used == capacity { try flush() }
            let n = min(capacity - used, bytes.count - offset)
            if let base = bytes.baseAddress { (buffer + used).copyMemory(from: base + offset, byteCount: n) }
            used += n
            offset += n
        }
    }

    private func flush() throws {
        guard used > 0 else { return }
        let chunk = UnsafeRawBufferPointer(start: buffer, count: used)
        hasher.update(bufferPointer: chunk)
        try Syscalls.writeAll(fd, buffer, used, path: path)
        flushed += used
        used = 0
    }
}
