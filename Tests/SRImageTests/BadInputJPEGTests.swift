import Foundation
import SRImage
import XCTest

/// Damaged JPEG input fails with one sentence naming the file and the reason, never a crash.
final class BadInputJPEGTests: XCTestCase {
    private let good = "jpeg_baseline.jpg"

    func testTruncatedJPEG() throws {
        let bytes = try CodecFixtures.bytes(good)
        BadInput.assertDecodeFails(try BadInput.file("truncated.jpg", Array(bytes.prefix(bytes.count / 2))), "$PATH: corrupt or truncated JPEG data: Premature end of JPEG file; re-export the image.")
    }

    func testCorruptJPEG() throws {
        BadInput.assertDecodeFails(try BadInput.file("corrupt.jpg", corrupted(try CodecFixtures.bytes(good))), "$PATH: corrupt or truncated JPEG data: Bogus DHT index 69; re-export the image.")
    }

    func testEmptyJPEG() throws {
        BadInput.assertDecodeFails(try BadInput.file("empty.jpg", []), "$PATH: the file is empty (0 bytes); re-copy or re-export it.")
    }

    func testWrongMagicJPEG() throws {
        var bytes = try CodecFixtures.bytes(good)
        bytes.replaceSubrange(0..<6, with: Array("GIF89a".utf8))
        BadInput.assertDecodeFails(try BadInput.file("wrong-magic.jpg", bytes),
            "$PATH: not a PNG, JPEG, TIFF or BMP image (first bytes: 47 49 46 38 39 61 \(hex(bytes[6])) \(hex(bytes[7]))); the format is detected from the bytes, not the extension.")
    }

    func testAbsurdDimensionsJPEG() throws {
        let name = try FileManager.default.contentsOfDirectory(atPath: CodecFixtures.path("bad")).first { $0.hasPrefix("jpeg_") }!
        let side = name.contains("65500") ? 65500 : 100000
        let path = try BadInput.file("huge.jpg", CodecFixtures.bytes("bad/" + name))
        BadInput.assertDecodeFails(path, "$PATH: declared size \(side)x\(side) (\(side * side) pixels) exceeds the limit of 268435456 pixels; raise the pixel limit if the image is genuine.")
    }

    func testCMYKJPEGIsRefused() {
        BadInput.assertDecodeFailsKeepingFile(CodecFixtures.path("jpeg_cmyk.jpg"),
            "$PATH: unsupported JPEG variant: CMYK colour space; convert it to 8-bit RGB or grey first.")
    }

    func testUnwritableOutputJPEG() {
        BadInput.assertUnwritable("out.jpg")
    }

    private func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }

    /// The first DHT segment's table class/index byte set to 0x55, an index libjpeg rejects.
    private func corrupted(_ bytes: [UInt8]) -> [UInt8] {
        let dht = BadInput.find([0xFF, 0xC4], in: bytes)!
        return BadInput.patched(bytes, [dht + 4: 0x55])
    }
}
