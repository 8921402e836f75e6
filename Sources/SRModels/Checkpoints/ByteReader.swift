/// A bounds-checked cursor over a checkpoint's bytes: every read either succeeds or throws
/// ``ModelError/truncated(path:what:offset:needed:available:)`` naming what was being read.
struct ByteReader {
    /// The whole buffer.
    let bytes: [UInt8]
    /// File name used in errors.
    let path: String
    /// Next byte to read.
    var offset: Int
    /// One past the last readable byte (a sub-range of `bytes` when reading a nested element).
    let end: Int
    /// True when multi-byte numbers are big-endian (MAT files written with "MI").
    var bigEndian = false

    init(_ bytes: [UInt8], path: String, offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.path = path
        self.offset = offset
        self.end = min(end ?? bytes.count, bytes.count)
    }

    /// Bytes left before `end`.
    var remaining: Int { max(0, end - offset) }

    /// Throws unless `count` bytes are available.
    func require(_ count: Int, _ what: @autoclosure () -> String) throws {
        guard count >= 0, count <= remaining else {
            throw ModelError.truncated(path: path, what: what(), offset: offset, needed: count, available: remaining)
        }
    }

    mutating func skip(_ count: Int, _ what: @autoclosure () -> String) throws {
        try require(count, what())
        offset += count
    }

    mutating func u8(_ what: @autoclosure () -> String) throws -> UInt8 {
        try require(1, what())
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads an unsigned integer of `size` bytes (1...8) in the reader's byte order.
    mutating func unsigned(_ size: Int, _ what: @autoclosure () -> String) throws -> UInt64 {
        try require(size, what())
        var v: UInt64 = 0
        for i in 0..<size {
            let b = UInt64(bytes[offset + (bigEndian ? i : size - 1 - i)])
            v = (v << 8) | b
        }
        offset += size
        return v
    }

    mutating func u16(_ what: @autoclosure () -> String) throws -> UInt16 { UInt16(try unsigned(2, what())) }
    mutating func u32(_ what: @autoclosure () -> String) throws -> UInt32 { UInt32(try unsigned(4, what())) }
    mutating func i32(_ what: @autoclosure () -> String) throws -> Int32 { Int32(bitPattern: try u32(what())) }
    mutating func u64(_ what: @autoclosure () -> String) throws -> UInt64 { try unsigned(8, what()) }

    mutating func slice(_ count: Int, _ what: @autoclosure () -> String) throws -> ArraySlice<UInt8> {
        try require(count, what())
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }
}
