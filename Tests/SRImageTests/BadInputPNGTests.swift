import Foundation
import SRImage
import XCTest

/// Damaged PNG input fails with one sentence naming the file and the reason, never a crash.
final class BadInputPNGTests: XCTestCase {
    private let good = "png_rgb8.png"

    func testTruncatedPNG() throws {
        let bytes = try CodecFixtures.bytes(good)
        BadInput.assertDecodeFails(try BadInput.file("truncated.png", Array(bytes.prefix(bytes.count / 2))), "$PATH: corrupt or truncated PNG data: read beyond end of data; re-export the image.")
    }

    func testCorruptPNG() throws {
        BadInput.assertDecodeFails(try BadInput.file("corrupt.png", corrupted(try CodecFixtures.bytes(good))), "$PATH: corrupt or truncated PNG data: IDAT: invalid code lengths set; re-export the image.")
    }

    func testEmptyPNG() throws {
        BadInput.assertDecodeFails(try BadInput.file("empty.png", []), "$PATH: the file is empty (0 bytes); re-copy or re-export it.")
    }

    func testWrongMagicPNG() throws {
        var bytes = try CodecFixtures.bytes(good)
        bytes.replaceSubrange(0..<6, with: Array("GIF89a".utf8))
        BadInput.assertDecodeFails(try BadInput.file("wrong-magic.png", bytes),
            "$PATH: not a PNG, JPEG, TIFF or BMP image (first bytes: 47 49 46 38 39 61 \(hex(bytes[6])) \(hex(bytes[7]))); the format is detected from the bytes, not the extension.")
    }

    func testAbsurdDimensionsPNG() throws {
        let name = try FileManager.default.contentsOfDirectory(atPath: CodecFixtures.path("bad")).first { $0.hasPrefix("png_") }!
        let side = name.contains("65500") ? 65500 : 100000
        let path = try BadInput.file("huge.png", CodecFixtures.bytes("bad/" + name))
        BadInput.assertDecodeFails(path, "$PATH: declared size \(side)x\(side) (\(side * side) pixels) exceeds the limit of 268435456 pixels; raise the pixel limit if the image is genuine.")
    }

    func testDimensionsWithinLimitButTooFewBytesPNG() throws {
        // 16000x16000 passes the default pixel limit, but 57 bytes cannot hold it: refused
        // before the 768 MB buffer is reserved.
        var bytes = try CodecFixtures.bytes("bad/png_100000x100000.png")
        bytes.replaceSubrange(16..<24, with: [0, 0, 0x3E, 0x80, 0, 0, 0x3E, 0x80])
        let crc = crc32(bytes[12..<29])
        bytes.replaceSubrange(29..<33, with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        BadInput.assertDecodeFails(try BadInput.file("implausible.png", bytes),
                                   "$PATH: corrupt or truncated PNG data: 16000x16000 pixels cannot fit in \(bytes.count) bytes; re-export the image.")
    }

    /// CRC-32 as PNG chunks use it (polynomial 0xEDB88320).
    private func crc32<C: Collection>(_ data: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    func testUnwritableOutputPNG() {
        BadInput.assertUnwritable("out.png")
    }

    private func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }

    /// One byte of IDAT data flipped, so the chunk's CRC no longer matches.
    private func corrupted(_ bytes: [UInt8]) -> [UInt8] {
        let idat = BadInput.find(Array("IDAT".utf8), in: bytes)!
        return BadInput.patched(bytes, [idat + 14: ~bytes[idat + 14]])
    }
}
