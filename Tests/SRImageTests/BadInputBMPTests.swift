import Foundation
import SRImage
import XCTest

/// Damaged BMP input fails with one sentence naming the file and the reason, never a crash.
final class BadInputBMPTests: XCTestCase {
    private let good = "bmp_rgb24.bmp"

    func testTruncatedBMP() throws {
        let bytes = try CodecFixtures.bytes(good)
        BadInput.assertDecodeFails(try BadInput.file("truncated.bmp", Array(bytes.prefix(bytes.count / 2))), "$PATH: corrupt or truncated BMP data: pixel data ends early (832 bytes needed from offset 54, file has 443); re-export the image.")
    }

    func testCorruptBMP() throws {
        BadInput.assertDecodeFails(try BadInput.file("corrupt.bmp", corrupted(try CodecFixtures.bytes(good))), "$PATH: corrupt or truncated BMP data: pixel data ends early (832 bytes needed from offset 65536, file has 886); re-export the image.")
    }

    func testEmptyBMP() throws {
        BadInput.assertDecodeFails(try BadInput.file("empty.bmp", []), "$PATH: the file is empty (0 bytes); re-copy or re-export it.")
    }

    func testWrongMagicBMP() throws {
        var bytes = try CodecFixtures.bytes(good)
        bytes.replaceSubrange(0..<6, with: Array("GIF89a".utf8))
        BadInput.assertDecodeFails(try BadInput.file("wrong-magic.bmp", bytes),
            "$PATH: not a PNG, JPEG, TIFF or BMP image (first bytes: 47 49 46 38 39 61 \(hex(bytes[6])) \(hex(bytes[7]))); the format is detected from the bytes, not the extension.")
    }

    func testAbsurdDimensionsBMP() throws {
        let name = try FileManager.default.contentsOfDirectory(atPath: CodecFixtures.path("bad")).first { $0.hasPrefix("bmp_") }!
        let side = name.contains("65500") ? 65500 : 100000
        let path = try BadInput.file("huge.bmp", CodecFixtures.bytes("bad/" + name))
        BadInput.assertDecodeFails(path, "$PATH: declared size \(side)x\(side) (\(side * side) pixels) exceeds the limit of 268435456 pixels; raise the pixel limit if the image is genuine.")
    }

    func testUnwritableOutputBMP() {
        BadInput.assertUnwritable("out.bmp")
    }

    private func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }

    /// The pixel-data offset pointed past the end of the file.
    private func corrupted(_ bytes: [UInt8]) -> [UInt8] {
        BadInput.patched(bytes, [10: 0x00, 11: 0x00, 12: 0x01, 13: 0x00])
    }
}
