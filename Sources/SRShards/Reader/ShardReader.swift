import Foundation

/// Reads one `.srshard` file through a read-only memory map.
///
/// Opening checks the magic, version, header, schema JSON and its CRC, the trailer, and that the
/// footer lies inside the file and lists records inside the record area; a damaged or truncated
/// file throws ``ShardError`` instead of trapping. Record bytes are only checked by ``verify()``.
public final class ShardReader: @unchecked Sendable {
    /// The file path.
    public let path: String
    /// The record fields, from the header.
    public let schema: ShardSchema
    /// Number of records.
    public let count: Int
    /// Format version in the header.
    public let version: UInt32
    /// File size in bytes.
    public var fileSize: Int { file.bytes.count }

    private let file: MappedFile
    private let fieldOffsets: [Int]
    private let recordLength: Int
    private let recordStride: Int
    private let footerOffset: Int
    private let footerCRC: UInt32

    /// Maps and checks the shard at `url`.
    public init(contentsOf url: URL) throws {
        path = url.path
        file = try MappedFile(path: path)
        let cursor = ByteCursor(bytes: file.bytes)
        let path = self.path
        func corrupt(_ reason: String) -> ShardError { .corruptShard(path: path, reason: reason) }

        guard let magic = cursor.slice(0, 8) else {
            throw file.bytes.count == 0 || !file.bytes.elementsEqual(ShardFormat.magic.prefix(file.bytes.count))
                ? ShardError.notAShard(path: path) : corrupt("file is only \(file.bytes.count) bytes")
        }
        guard magic.elementsEqual(ShardFormat.magic) else { throw ShardError.notAShard(path: path) }
        guard let version = cursor.u32(at: 8), let alignment = cursor.u32(at: 12),
              let headerLength = cursor.int(at: 16), let recordLength = cursor.int(at: 24),
              let recordStride = cursor.int(at: 32), let schemaLength = cursor.u32(at: 40),
              let headerCRC = cursor.u32(at: 44), file.bytes.count >= ShardFormat.fixedHeaderLength
        else { throw corrupt("header truncated at \(file.bytes.count) bytes") }
        if version > ShardFormat.version || version == 0 {
            throw ShardError.unsupportedVersion(path: path, version: version, supported: ShardFormat.version)
        }
        self.version = version
        guard Int(alignment) == ShardFormat.alignment else { throw corrupt("alignment \(alignment), expected \(ShardFormat.alignment)") }
        guard let json = cursor.slice(ShardFormat.fixedHeaderLength, Int(schemaLength)),
              headerLength == ShardFormat.aligned(ShardFormat.fixedHeaderLength + Int(schemaLength)),
              headerLength <= file.bytes.count
        else { throw corrupt("header length \(headerLength) or schema length \(schemaLength) does not fit the file") }
        guard let header = cursor.slice(0, headerLength), ShardFormat.headerCRC(header) == headerCRC else {
            throw corrupt("header CRC32C mismatch")
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

        let size = file.bytes.count
        guard size >= headerLength + ShardFormat.trailerLength,
              let trailerMagic = cursor.slice(size - 8, 8), trailerMagic.elementsEqual(ShardFormat.trailerMagic),
              let footerOffset = cursor.int(at: size - 32), let count = cursor.int(at: size - 24),
              let footerCRC = cursor.u32(at: size - 16), cursor.u32(at: size - 12) == 0
        else { throw corrupt("trailer missing (file truncated?)") }
        let (footerBytes, overflow) = count.multipliedReportingOverflow(by: ShardFormat.footerEntryLength)
        guard !overflow, footerOffset >= headerLength, footerOffset <= size - ShardFormat.trailerLength,
              footerBytes == size - ShardFormat.trailerLength - footerOffset
        else { throw corrupt("footer offset \(footerOffset) and record count \(count) do not fit a \(size)-byte file") }
        self.count = count
        self.footerOffset = footerOffset
        self.footerCRC = footerCRC
        for i in 0..<count {
            guard let (offset, length, _) = entry(i), length == recordLength, offset >= headerLength,
                  offset % ShardFormat.alignment == 0, offset <= footerOffset - length
            else { throw corrupt("footer entry \(i) points outside the record area") }
        }
    }

    /// Offset, length and CRC of record `i` from the footer (nil if out of the file).
    private func entry(_ i: Int) -> (offset: Int, length: Int, crc: UInt32)? {
        let cursor = ByteCursor(bytes: file.bytes)
        let at = footerOffset + i * ShardFormat.footerEntryLength
        guard let offset = cursor.int(at: at), let length = cursor.int(at: at + 8), let crc = cursor.u32(at: at + 16) else { return nil }
        return (offset, length, crc)
    }

    private func checkIndex(_ i: Int) throws {
        guard i >= 0 && i < count else { throw ShardError.recordOutOfRange(path: path, record: i, count: count) }
    }

    /// Calls `body` with each field's bytes of record `i` (schema order), borrowed from the map
    /// without copying; the buffers are valid only inside `body`.
    public func withRecord<R>(_ i: Int, _ body: ([UnsafeRawBufferPointer]) throws -> R) throws -> R {
        try checkIndex(i)
        guard let (offset, _, _) = entry(i) else { throw ShardError.corruptShard(path: path, reason: "footer entry \(i) unreadable") }
        let cursor = ByteCursor(bytes: file.bytes)
        var fields: [UnsafeRawBufferPointer] = []
        for (field, fieldOffset) in zip(schema.fields, fieldOffsets) {
            guard let slice = cursor.slice(offset + fieldOffset, field.byteCount) else {
                throw ShardError.corruptShard(path: path, reason: "record \(i) field \(field.name) lies outside the file")
            }
            fields.append(slice)
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

    /// Recomputes the footer CRC and every record's CRC32C; returns one problem per mismatch
    /// (empty when the shard is intact). Complexity: O(file size).
    public func verify() -> [ShardProblem] {
        var problems: [ShardProblem] = []
        let cursor = ByteCursor(bytes: file.bytes)
        if let footer = cursor.slice(footerOffset, count * ShardFormat.footerEntryLength), CRC32C.checksum(footer) != footerCRC {
            problems.append(ShardProblem(file: path, record: nil, message: "footer CRC32C mismatch (record offsets/CRCs damaged)"))
        }
        for i in 0..<count {
            guard let (offset, length, stored) = entry(i), let bytes = cursor.slice(offset, length) else {
                problems.append(ShardProblem(file: path, record: i, message: "record lies outside the file"))
                continue
            }
            let actual = CRC32C.checksum(bytes)
            if actual != stored {
                problems.append(ShardProblem(file: path, record: i, message: "CRC32C is \(Self.hex(actual)), footer says \(Self.hex(stored))"))
            } else if let padding = cursor.slice(offset + length, min(recordStride - length, footerOffset - offset - length)),
                      padding.contains(where: { $0 != 0 }) {
                problems.append(ShardProblem(file: path, record: i, message: "padding after the record is not zero"))
            }
        }
        return problems
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - s.count) + s
    }
}
