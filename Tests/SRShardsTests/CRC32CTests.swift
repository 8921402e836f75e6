import SRShards
import XCTest

/// CRC-32C against published check values and a bit-by-bit reference.
final class CRC32CTests: XCTestCase {
    /// Bitwise CRC-32C, the definition the tables are derived from.
    func reference(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }

    func testCheckValueAndRFC3720Vectors() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }), 0x46DD_794E)
        XCTAssertEqual(CRC32C.checksum([UInt8]()), 0)
    }

    func testEveryLengthAndAlignmentMatchesTheBitwiseReference() {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 73 &+ 11) }
        for start in 0..<9 {
            for length in stride(from: 0, to: 280, by: 7) {
                let slice = Array(data[start ..< start + length])
                let fast = data.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[start ..< start + length])) }
                XCTAssertEqual(fast, reference(slice), "start \(start) length \(length)")
            }
        }
    }

    func testIncrementalUpdatesEqualOneShot() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 31) }
        var crc = CRC32C()
        data.withUnsafeBytes { raw in
            crc.update(UnsafeRawBufferPointer(rebasing: raw[0..<3]))
            crc.update(UnsafeRawBufferPointer(rebasing: raw[3..<517]))
            crc.update(UnsafeRawBufferPointer(rebasing: raw[517...]))
        }
        XCTAssertEqual(crc.value, CRC32C.checksum(data))
    }
}
