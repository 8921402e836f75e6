import Foundation
import SRShards

/// `shard`: one `.srshard` file through ``ShardReader`` as `prep inspect`/`export`/`verify` use
/// it: open (every header, schema, trailer and footer check), read up to 64 records field by
/// field, their statistics and image conversion, the stored CRCs, then ``ShardReader/verify()``.
///
/// The header CRC32C would stop almost every mutation at the first check, so the target
/// recomputes it (bytes 44..<48, over `[0, headerLength)` as `Docs/shard-format.md` defines it)
/// whenever the declared header length lies inside the input; the file it opens is written to
/// `shard-input.srshard` in the scratch folder. `Fuzz/scripts/fix_header_crc.py` applies the same
/// repair to a crash file so `prep inspect` reproduces it. Each record's fields must have the
/// schema's byte counts.
enum ShardTarget {
    static func make() -> FuzzTarget {
        FuzzTarget(name: "shard", summary: "one .srshard file: ShardReader open, records, statistics, images, verify") { input in
            let path = ScratchSpace.write(withRepairedHeaderCRC(input), to: "shard-input.srshard")
            guard let reader = try? ShardReader(contentsOf: URL(fileURLWithPath: path)) else { return }
            exercise(reader)
        }
    }

    /// Reads what `prep inspect`/`export` read, checking field sizes against the schema.
    static func exercise(_ reader: ShardReader) {
        for i in 0 ..< min(reader.count, 64) {
            _ = try? reader.withRecord(i) { fields in
                FuzzCheck.that(fields.count == reader.schema.fields.count, "record \(i) has \(fields.count) fields")
                for (field, bytes) in zip(reader.schema.fields, fields) {
                    FuzzCheck.that(bytes.count == field.byteCount, "record \(i) field \(field.name): \(bytes.count) bytes, schema says \(field.byteCount)")
                    _ = FieldStatistics.of(bytes, as: field.dtype)
                    _ = try? FieldImage(field: field, bytes: bytes, path: reader.path)
                }
            }
            _ = try? reader.storedCRC(ofRecord: i)
            if let p = try? reader.provenance(ofRecord: i) {
                FuzzCheck.that(reader.version >= 2 && (0...7).contains(p.variant), "record \(i): provenance \(p) accepted in a version-\(reader.version) shard")
                _ = p.basicSRName(source: "x.png")
            }
        }
        _ = try? reader.record(reader.count)   // one past the end must be refused, not read
        _ = reader.verify()
    }

    /// `input` with its header CRC recomputed, when bytes 16..<24 give a header length that fits.
    static func withRepairedHeaderCRC(_ input: [UInt8]) -> [UInt8] {
        guard input.count >= ShardFormat.fixedHeaderLength else { return input }
        var headerLength = 0
        for i in (16 ..< 24).reversed() { headerLength = headerLength << 8 | Int(input[i]) }
        guard headerLength >= 48, headerLength <= input.count else { return input }
        var crc = CRC32C()
        input.withUnsafeBytes { all in
            crc.update(UnsafeRawBufferPointer(rebasing: all[0 ..< 44]))
            withUnsafeBytes(of: UInt32(0)) { crc.update($0) }
            crc.update(UnsafeRawBufferPointer(rebasing: all[48 ..< headerLength]))
        }
        var out = input
        let value = crc.value
        for k in 0 ..< 4 { out[44 + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
        return out
    }
}
