/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF),
/// the checksum stored per record and for the footer. `CRC32C.checksum("123456789")` is 0xE3069283
/// (the RFC 3720 check value).
///
/// Software slicing-by-16 (the slicing-by-N scheme of Kounavis & Berry, "Slicing-by-8", 2005,
/// widened to 16 tables of 256 entries, 16 bytes per step). It is in the writer's hot path;
/// `Benchmarks/crc32c_throughput.sh` measures it; Docs/shard-format.md records the number.
public struct CRC32C: Sendable {
    /// The running CRC before the final XOR.
    private var state: UInt32 = 0xFFFF_FFFF

    /// A CRC over no bytes yet.
    public init() {}

    /// Feeds `bytes` into the checksum. Complexity: O(`bytes.count`).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state = CRC32C.advance(state, bytes)
    }

    /// The checksum of everything fed so far.
    public var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The CRC-32C of `bytes` in one call.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        advance(0xFFFF_FFFF, bytes) ^ 0xFFFF_FFFF
    }

    /// The CRC-32C of a byte sequence (convenience for tests and small inputs).
    public static func checksum<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBytes { checksum($0) }
    }

    /// The sixteen slicing tables, 16 × 256 entries (16 KiB), built once.
    nonisolated(unsafe) private static let tables: UnsafeMutablePointer<UInt32> = {
        let t = UnsafeMutablePointer<UInt32>.allocate(capacity: 16 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[i] = c
        }
        for i in 0..<256 {
            var c = t[i]
            for k in 1..<16 {
                c = t[Int(c & 0xFF)] ^ (c >> 8)
                t[k * 256 + i] = c
            }
        }
        return t
    }()

    private static func advance(_ start: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return start }
        let t = tables
        var crc = start
        var p = base
        var n = bytes.count
        // Byte steps until 8-byte aligned, so the wide loads below are aligned.
        while n > 0 && UInt(bitPattern: p) & 7 != 0 {
            crc = t[Int((crc ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
            p += 1
            n -= 1
        }
        while n >= 16 {
            let a = UInt64(littleEndian: p.load(as: UInt64.self))
            let b = UInt64(littleEndian: (p + 8).load(as: UInt64.self))
            let w0 = UInt32(truncatingIfNeeded: a) ^ crc
            let w1 = UInt32(truncatingIfNeeded: a >> 32)
            let w2 = UInt32(truncatingIfNeeded: b)
            let w3 = UInt32(truncatingIfNeeded: b >> 32)
            crc = t[15 * 256 + Int(w0 & 0xFF)] ^ t[14 * 256 + Int((w0 >> 8) & 0xFF)]
                ^ t[13 * 256 + Int((w0 >> 16) & 0xFF)] ^ t[12 * 256 + Int(w0 >> 24)]
                ^ t[11 * 256 + Int(w1 & 0xFF)] ^ t[10 * 256 + Int((w1 >> 8) & 0xFF)]
                ^ t[9 * 256 + Int((w1 >> 16) & 0xFF)] ^ t[8 * 256 + Int(w1 >> 24)]
                ^ t[7 * 256 + Int(w2 & 0xFF)] ^ t[6 * 256 + Int((w2 >> 8) & 0xFF)]
                ^ t[5 * 256 + Int((w2 >> 16) & 0xFF)] ^ t[4 * 256 + Int(w2 >> 24)]
                ^ t[3 * 256 + Int(w3 & 0xFF)] ^ t[2 * 256 + Int((w3 >> 8) & 0xFF)]
                ^ t[1 * 256 + Int((w3 >> 16) & 0xFF)] ^ t[Int(w3 >> 24)]
            p += 16
            n -= 16
        }
        while n >= 8 {
            let word = UInt64(littleEndian: p.load(as: UInt64.self))
            let lo = UInt32(truncatingIfNeeded: word) ^ crc
            let hi = UInt32(truncatingIfNeeded: word >> 32)
            crc = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
            p += 8
            n -= 8
        }
        while n > 0 {
            crc = t[Int((crc ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
            p += 1
            n -= 1
        }
        return crc
    }
}
