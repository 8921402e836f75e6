/// `order.bin` of a partial dataset: one 8-byte entry per record, in the part's record order —
/// the record's ``RecordOrigin`` as `u32 input, u32 record`, little-endian.
///
/// `prep merge` reads it front to back beside the shards to know each record's place in the
/// merged dataset (``ShuffleOrder/key(_:)``) without sorting anything.
enum PartOrderTable {
    /// Bytes per entry.
    static let entryLength = 8

    /// The entry of `origin`; throws when a number exceeds 32 bits (over 4 billion inputs or
    /// records from one image).
    static func encode(_ origin: RecordOrigin) throws -> [UInt8] {
        guard let input = UInt32(exactly: origin.input), let record = UInt32(exactly: origin.record) else {
            throw PipelineError.output("record origin \(origin.input)/\(origin.record) does not fit order.bin's 32-bit fields")
        }
        var bytes = [UInt8](repeating: 0, count: entryLength)
        withUnsafeBytes(of: input.littleEndian) { bytes.replaceSubrange(0..<4, with: $0) }
        withUnsafeBytes(of: record.littleEndian) { bytes.replaceSubrange(4..<8, with: $0) }
        return bytes
    }

    /// The origin stored at `bytes[offset..<offset+8]`.
    static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> RecordOrigin {
        let input = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let record = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        return RecordOrigin(input: Int(input), record: Int(record))
    }
}
