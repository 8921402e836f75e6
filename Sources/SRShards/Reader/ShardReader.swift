import Foundation

/// Reads one `.srshard` file with `pread` (see ``ShardFile`` for why not a memory map).
///
/// Opening reads the header, trailer and footer (24 bytes per record, 56 with version 2's
/// per-record provenance) and checks the magic,
/// version, header, schema JSON and its CRC, the trailer, that the footer starts where the
/// records of the header's stride end, and that every footer entry gives exactly the offset
/// `headerLength + i × recordStride` and length `recordLength`. A damaged footer is therefore
/// refused before any record is handed out, without reading the records; record bytes are
/// checked by ``verify()``. A damaged, truncated, or meanwhile-shrunk file throws
/// ``ShardError``; nothing traps.
public final class ShardReader: @unchecked Sendable {
    /// The file path.
    public let path: String
    /// The record fields, from the header.
    public let schema: ShardSchema
    /// Number of records.
    public let count: Int
    /// Format version in the header.
    public let version: UInt32
    /// File size in bytes when the shard was opened.
    public var fileSize: Int { file.size }

    private let file: ShardFile
    private let fieldOffsets: [Int]
    private let recordLength: Int
    private let recordStride: Int
    private let headerLength: Int
    private let footerOffset: Int
    private let footerCRC: UInt32
    private let footer: [UInt8]
    private let entryLength: Int

    /// Opens and checks the shard at `url`.
    public convenience init(contentsOf url: URL) throws {
        try self.init(file: ShardFile(path: url.path))
    }

    /// Checks an opened shard file (a dataset opens its shards relative to the folder).
    init(file: ShardFile) throws {
        self.file = file
        path = file.path
        let path = self.path
        let size = file.size
        func corrupt(_ reason: String) -> ShardError { .corruptShard(path: path, reason: reason) }

        let head = try file.bytes(at: 0, count: min(size, ShardFormat.fixedHeaderLength))
        let (version, headerLength, recordLength, recordStride, schemaLength, headerCRC): (UInt32, Int, Int, Int, UInt32, UInt32) = try head.withUnsafeBytes { raw in
            let cursor = ByteCursor(bytes: raw)
            guard let magic = cursor.slice(0, 8) else {
                throw size == 0 || !raw.elementsEqual(ShardFormat.magic.prefix(size))
                    ? ShardError.notAShard(path: path) : corrupt("file is only \(size) bytes")
            }
            guard magic.elementsEqual(ShardFormat.magic) else { throw ShardError.notAShard(path: path) }
            guard let version = cursor.u32(at: 8), let alignment = cursor.u32(at: 12),
                  let headerLength = cursor.int(at: 16), let recordLength = cursor.int(at: 24),
                  let recordStride = cursor.int(at: 32), let schemaLength = cursor.u32(at: 40),
                  let headerCRC = cursor.u32(at: 44), size >= ShardFormat.fixedHeaderLength
            else { throw corrupt("header truncated at \(size) bytes") }
            if version > ShardFormat.version || version == 0 {
                throw ShardError.unsupportedVersion(path: path, version: version, supported: ShardFormat.version)
            }
            guard Int(alignment) == ShardFormat.alignment else { throw corrupt("alignment \(alignment), expected \(ShardFormat.alignment)") }
            return (version, headerLength, recordLength, recordStride, schemaLength, headerCRC)
        }
        self.version = version
        guard ShardFormat.fixedHeaderLength + Int(schemaLength) <= size,
              headerLength == ShardFormat.aligned(ShardFormat.fixedHeaderLength + Int(schemaLength)),
              headerLength <= size
        else { throw corrupt("header length \(headerLength) or schema length \(schemaLength) does not fit the file") }
        let header = try file.bytes(at: 0, count: headerLength)
        let json: [UInt8] = try header.withUnsafeBytes { raw in
            guard ShardFormat.headerCRC(raw) == headerCRC else { throw corrupt("header CRC32C mismatch") }
            return Array(header[ShardFormat.fixedHeaderLength ..< ShardFormat.fixedHeaderLength + Int(schemaLength)])
        }
        let schema: ShardSchema
        do {
            schema = try JSONDecoder().decode(ShardSchema.self, from: Data(json))
            try schema.validate()
        } catch {
            throw corrupt("schema JSON is unreadable")
        }
        self.schema = schema
        fieldOffsets = ShardFormat.fieldOffsets(schema)
        guard recordLength == ShardFormat.recordLength(schema), recordStride == ShardFormat.recordStride(schema) else {
            throw corrupt("record length \(recordLength)/stride \(recordStride) disagree with the schema")
        }
        self.recordLength = recordLength
        self.recordStride = recordStride
        self.headerLength = headerLength

        guard size >= headerLength + ShardFormat.trailerLength else { throw corrupt("trailer missing (file truncated?)") }
        let trailer = try file.bytes(at: size - ShardFormat.trailerLength, count: ShardFormat.trailerLength)
        let (footerOffset, count, footerCRC): (Int, Int, UInt32) = try trailer.withUnsafeBytes { raw in
            let cursor = ByteCursor(bytes: raw)
            guard let magic = cursor.slice(24, 8), magic.elementsEqual(ShardFormat.trailerMagic),
                  let footerOffset = cursor.int(at: 0), let count = cursor.int(at: 8),
                  let footerCRC = cursor.u32(at: 16), cursor.u32(at: 20) == 0
            else { throw corrupt("trailer missing (file truncated?)") }
            return (footerOffset, count, footerCRC)
        }
        let entryLength = ShardFormat.footerEntryLength(version: version)
        self.entryLength = entryLength
        let (footerBytes, overflow) = count.multipliedReportingOverflow(by: entryLength)
        guard !overflow, footerOffset >= headerLength, footerOffset <= size - ShardFormat.trailerLength,
              footerBytes == size - ShardFormat.trailerLength - footerOffset
        else { throw corrupt("footer offset \(footerOffset) and record count \(count) do not fit a \(size)-byte file") }
        // Records are fixed-size and back to back, so where they end follows from the header.
        let recordsEnd = headerLength + count * recordStride   // no overflow: count ≤ size / 24
        guard footerOffset == recordsEnd else {
            throw ShardError.footerOffsetMisplaced(path: path, footerOffset: footerOffset, records: count, expected: recordsEnd)
        }
        self.count = count
        self.footerOffset = footerOffset
        self.footerCRC = footerCRC
        footer = try file.bytes(at: footerOffset, count: footerBytes)
        for i in 0..<count {
            guard let (offset, length, _) = entry(i), length == recordLength, offset >= headerLength,
                  offset % ShardFormat.alignment == 0, offset <= footerOffset - length
            else { throw corrupt("footer entry \(i) points outside the record area") }
            // An in-range, aligned offset can still name another record's bytes (one flipped
            // bit); version 1 records sit at fixed places, so anything else is damage.
            let expected = headerLength + i * recordStride
            guard offset == expected else {
                throw ShardError.footerEntryMisplaced(path: path, entry: i, offset: offset, expected: expected)
            }
            if version >= 2, footer.withUnsafeBytes({ RecordProvenance.decode(ByteCursor(bytes: $0), at: i * entryLength + ShardFormat.footerEntryLength) }) == nil {
                throw corrupt("footer entry \(i) has a malformed provenance (variant above 7 or reserved bytes set)")
            }
        }
    }

    /// The provenance stored for record `i`, or nil in a version-1 shard (which has none).
    public func provenance(ofRecord i: Int) throws -> RecordProvenance? {
        try checkIndex(i)
        guard version >= 2 else { return nil }
        guard let p = footer.withUnsafeBytes({ RecordProvenance.decode(ByteCursor(bytes: $0), at: i * entryLength + ShardFormat.footerEntryLength) }) else {
            throw ShardError.corruptShard(path: path, reason: "footer entry \(i) unreadable")
        }
        return p
    }

    /// Offset, length and CRC of record `i` from the footer (nil if out of the file).
    private func entry(_ i: Int) -> (offset: Int, length: Int, crc: UInt32)? {
        footer.withUnsafeBytes { raw in
            let cursor = ByteCursor(bytes: raw)
            let at = i * entryLength
            guard let offset = cursor.int(at: at), let length = cursor.int(at: at + 8), let crc = cursor.u32(at: at + 16) else { return nil }
            return (offset, length, crc)
        }
    }

    private func checkIndex(_ i: Int) throws {
        guard i >= 0 && i < count else { throw ShardError.recordOutOfRange(path: path, record: i, count: count) }
    }

    /// Calls `body` with each field's bytes of record `i` (schema order), read into one buffer
    /// of `recordLength` bytes that is valid only inside `body`.
    public func withRecord<R>(_ i: Int, _ body: ([UnsafeRawBufferPointer]) throws -> R) throws -> R {
        try checkIndex(i)
        guard let (offset, _, _) = entry(i) else { throw ShardError.corruptShard(path: path, reason: "footer entry \(i) unreadable") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(recordLength, 1), alignment: ShardFormat.alignment)
        defer { buffer.deallocate() }
        if let base = buffer.baseAddress { try file.read(at: offset, count: recordLength, into: base) }
        let record = UnsafeRawBufferPointer(buffer)
        let fields = zip(schema.fields, fieldOffsets).map { field, fieldOffset in
            UnsafeRawBufferPointer(rebasing: record[fieldOffset ..< fieldOffset + field.byteCount])
        }
        return try body(fields)
    }

    /// Record `i` as one `Data` per field, in schema order (a copy).
    public func record(_ i: Int) throws -> [Data] {
        try withRecord(i) { fields in fields.map { Data($0) } }
    }

    /// The field called `name` of record `i` (a copy); throws ``ShardError/unknownField(path:field:known:)``.
    public func field(_ name: String, ofRecord i: Int) throws -> Data {
        guard let position = schema.fields.firstIndex(where: { $0.name == name }) else {
            throw ShardError.unknownField(path: path, field: name, known: schema.fields.map(\.name))
        }
        return try withRecord(i) { Data($0[position]) }
    }

    /// The CRC32C stored for record `i` in the footer.
    public func storedCRC(ofRecord i: Int) throws -> UInt32 {
        try checkIndex(i)
        guard let e = entry(i) else { throw ShardError.corruptShard(path: path, reason: "footer entry \(i) unreadable") }
        return e.crc
    }

    /// Recomputes the footer CRC and every record's CRC32C and checks the padding after each
    /// record; returns one problem per mismatch (empty when the shard is intact). Records are
    /// read back to back in chunks of about 4 MiB; a file that shrinks meanwhile ends the
    /// check with one problem saying so. Complexity: O(file size).
    public func verify() -> [ShardProblem] {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(4 << 20, recordStride), alignment: ShardFormat.alignment)
        defer { scratch.deallocate() }
        return verify(using: scratch)
    }

    /// ``verify()`` reading through `scratch` (at least one record stride), so a caller checking
    /// many shards reuses one buffer: a fresh 4 MiB block per shard made glibc move its mmap
    /// threshold and keep the blocks on the heap (`prep verify`'s RSS grew with the shard count).
    func verify(using scratch: UnsafeMutableRawBufferPointer) -> [ShardProblem] {
        var problems: [ShardProblem] = []
        if footer.withUnsafeBytes({ CRC32C.checksum($0) }) != footerCRC {
            problems.append(ShardProblem(file: path, record: nil, message: "footer CRC32C mismatch (record offsets/CRCs damaged)"))
        }
        let perChunk = max(1, scratch.count / max(recordStride, 1))
        let buffer = UnsafeMutableRawBufferPointer(rebasing: scratch[0 ..< min(scratch.count, max(perChunk * recordStride, 1))])
        var first = 0
        while first < count {
            let n = min(perChunk, count - first)
            do {
                try file.read(at: headerLength + first * recordStride, count: n * recordStride, into: buffer.baseAddress!)  // allocated above
            } catch {
                problems.append(ShardProblem(file: path, error: error))
                return problems
            }
            for k in 0..<n {
                let i = first + k
                let record = UnsafeRawBufferPointer(rebasing: buffer[k * recordStride ..< (k + 1) * recordStride])
                let stored = entry(i)?.crc ?? 0
                let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: record[0 ..< recordLength]))
                if actual != stored {
                    problems.append(ShardProblem(file: path, record: i, message: "CRC32C is \(Self.hex(actual)), footer says \(Self.hex(stored))"))
                } else if record[recordLength...].contains(where: { $0 != 0 }) {
                    problems.append(ShardProblem(file: path, record: i, message: "padding after the record is not zero"))
                }
            }
            first += n
        }
        return problems
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - s.count) + s
    }
}
