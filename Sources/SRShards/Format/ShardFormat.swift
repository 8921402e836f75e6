import Foundation

/// Every byte of the `.srshard` layout in one place (Docs/shard-format.md is the prose version).
///
/// ```
/// offset 0            header: 64 fixed bytes + schema JSON, zero-padded to a multiple of 64;
///                     its CRC32C (field at 44 taken as zero) is stored at 44
/// headerLength        record 0, record 1, ... each `recordStride` bytes (a multiple of 64)
/// footerOffset        footer: recordCount entries {offset u64, length u64, crc32c u32, 0 u32} (24 bytes,
///                     version 1), followed in version 2 by the record's provenance (32 bytes, 56 in all)
/// fileSize - 32       trailer: footerOffset u64, recordCount u64, footerCRC u32, 0 u32, "SRSHEND\0"
/// ```
/// All integers little-endian. Within a record, field i starts at ``fieldOffsets(_:)``[i]
/// (64-byte aligned); gaps are zero. A record's CRC covers its `length` bytes from its offset.
/// The file is append-only: nothing is patched after it is written, so SHA-256 is computed while writing.
public enum ShardFormat {
    /// First 8 bytes of every shard: "SRSHARD" and a zero byte.
    public static let magic: [UInt8] = Array("SRSHARD\0".utf8)
    /// Last 8 bytes of every shard: "SRSHEND" and a zero byte.
    public static let trailerMagic: [UInt8] = Array("SRSHEND\0".utf8)
    /// The newest format version this code reads and writes. Version 2 adds per-record
    /// provenance (``RecordProvenance``) to every footer entry; a dataset written without
    /// provenance is still version 1, byte for byte as before.
    public static let version: UInt32 = 2
    /// The version of shards without per-record provenance.
    public static let versionWithoutProvenance: UInt32 = 1
    /// Alignment of the header length, each record and each field within a record, in bytes.
    public static let alignment = 64
    /// Fixed part of the header, before the schema JSON.
    public static let fixedHeaderLength = 64
    /// Bytes per footer entry in version 1 (offset, length, CRC, reserved).
    public static let footerEntryLength = 24

    /// Bytes per footer entry in `version`: 24, plus ``RecordProvenance/encodedLength`` from version 2.
    public static func footerEntryLength(version: UInt32) -> Int {
        version >= 2 ? footerEntryLength + RecordProvenance.encodedLength : footerEntryLength
    }
    /// Bytes of the trailer at the end of the file.
    public static let trailerLength = 32
    /// `format` value of index.json.
    public static let indexFormat = "srkit-shards"
    /// File name of the dataset index.
    public static let indexFileName = "index.json"
    /// File extension of shards.
    public static let shardExtension = "srshard"

    /// `shard-00000.srshard` for shard 0: five digits at least, more when needed.
    public static func shardFileName(_ number: Int) -> String {
        let digits = String(number)
        return "shard-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + "." + shardExtension
    }

    /// True for names the writer produces (`shard-` digits `.srshard`).
    public static func isShardFileName(_ name: String) -> Bool {
        guard name.hasPrefix("shard-"), name.hasSuffix("." + shardExtension) else { return false }
        let middle = name.dropFirst(6).dropLast(shardExtension.count + 1)
        return !middle.isEmpty && middle.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `n` rounded up to a multiple of ``alignment``.
    public static func aligned(_ n: Int) -> Int {
        (n + alignment - 1) / alignment * alignment
    }

    /// Offsets of each field inside a record: 0, then each previous end rounded up to 64.
    public static func fieldOffsets(_ schema: ShardSchema) -> [Int] {
        var offsets: [Int] = []
        var at = 0
        for field in schema.fields {
            offsets.append(at)
            at = aligned(at + field.byteCount)
        }
        return offsets
    }

    /// Bytes from a record's start to the end of its last field (what its CRC covers).
    public static func recordLength(_ schema: ShardSchema) -> Int {
        guard let last = schema.fields.last, let offset = fieldOffsets(schema).last else { return 0 }
        return offset + last.byteCount
    }

    /// Distance between consecutive records: ``recordLength(_:)`` rounded up to 64.
    public static func recordStride(_ schema: ShardSchema) -> Int {
        aligned(recordLength(schema))
    }

    /// The schema as stored in the header and index.json: JSON, keys sorted, no whitespace.
    public static func schemaJSON(_ schema: ShardSchema) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(schema))
    }

    /// Size of a shard holding `records` records of `schema` with a header of `headerLength` bytes.
    public static func fileSize(headerLength: Int, recordStride: Int, records: Int, version: UInt32 = versionWithoutProvenance) -> Int {
        headerLength + records * recordStride + records * footerEntryLength(version: version) + trailerLength
    }

    /// The complete header for `schema`: fixed part and padded schema JSON.
    static func header(for schema: ShardSchema, version: UInt32 = versionWithoutProvenance) throws -> [UInt8] {
        let json = try schemaJSON(schema)
        let headerLength = aligned(fixedHeaderLength + json.count)
        var bytes = ByteWriter()
        bytes.append(magic)
        bytes.append(UInt32(version))
        bytes.append(UInt32(alignment))
        bytes.append(UInt64(headerLength))
        bytes.append(UInt64(recordLength(schema)))
        bytes.append(UInt64(recordStride(schema)))
        bytes.append(UInt32(json.count))
        bytes.append(UInt32(0))  // header CRC, filled in below
        bytes.pad(to: fixedHeaderLength)
        bytes.append(json)
        bytes.pad(to: headerLength)
        var header = bytes.bytes
        let crc = header.withUnsafeBytes { headerCRC($0) }
        withUnsafeBytes(of: crc.littleEndian) { header.replaceSubrange(headerCRCOffset ..< headerCRCOffset + 4, with: $0) }
        return header
    }

    /// Offset of the header CRC field.
    static let headerCRCOffset = 44

    /// CRC32C of a whole header with its CRC field (bytes 44..<48) taken as zero.
    static func headerCRC(_ header: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32C()
        crc.update(UnsafeRawBufferPointer(rebasing: header[0 ..< headerCRCOffset]))
        let zero: UInt32 = 0
        withUnsafeBytes(of: zero) { crc.update($0) }
        crc.update(UnsafeRawBufferPointer(rebasing: header[(headerCRCOffset + 4)...]))
        return crc.value
    }
}

/// Little-endian serialisation into a growing byte array (headers, footers, trailers).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append(_ raw: [UInt8]) { bytes += raw }
    mutating func append(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func append(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func pad(to length: Int) {
        if bytes.count < length { bytes += [UInt8](repeating: 0, count: length - bytes.count) }
    }
}

/// Bounds-checked little-endian reads from a byte range; nil instead of trapping past the end.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer

    func u32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    func u64(at offset: Int) -> UInt64? {
        guard offset >= 0, offset <= bytes.count - 8 else { return nil }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A u64 that must fit a non-negative Int (file offsets and lengths).
    func int(at offset: Int) -> Int? {
        guard let v = u64(at: offset), v <= UInt64(Int.max) else { return nil }
        return Int(v)
    }

    func slice(_ offset: Int, _ count: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + count])
    }
}
