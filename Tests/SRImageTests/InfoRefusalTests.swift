import Foundation
import SRTestSupport
import XCTest
@testable import SRImage

/// `ImageDecoder.info` (and so `prep info`) refuses exactly what `decode` (and so `prep convert`)
/// refuses, with the same reason, instead of promising channels the decoder never returns.
final class InfoRefusalTests: XCTestCase {
    /// A little-endian, uncompressed, one-strip grey TIFF of `width`×`height` 32-bit IEEE floats
    /// (SampleFormat 3), the kind scientific tools write; built here, byte by byte.
    static func floatTIFF(width: Int, height: Int) -> [UInt8] {
        var b: [UInt8] = [0x49, 0x49, 42, 0]
        func u16(_ v: Int) { b += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) { b += (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
        let entries: [(tag: Int, type: Int, value: Int)] = [
            (256, 3, width), (257, 3, height), (258, 3, 32), (259, 3, 1), (262, 3, 1),
            (273, 4, 0 /* patched below */), (277, 3, 1), (278, 3, height), (279, 4, width * height * 4), (339, 3, 3),
        ]
        let dataOffset = 8 + 2 + entries.count * 12 + 4
        u32(8)
        u16(entries.count)
        for e in entries {
            u16(e.tag); u16(e.type); u32(1)
            let value = e.tag == 273 ? dataOffset : e.value
            if e.type == 3 { u16(value); u16(0) } else { u32(value) }
        }
        u32(0)
        for i in 0..<(width * height) { withUnsafeBytes(of: Float(i).bitPattern.littleEndian) { b += $0 } }
        return b
    }

    /// Files the decoder refuses, with the reason both `info` and `decode` give.
    func refusedFiles() throws -> [(path: String, format: ImageFormat, reason: String, summary: String)] {
        let folder = try CodecFixtures.temporaryFolder()
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let float = folder.appendingPathComponent("float32.tif")
        try Data(Self.floatTIFF(width: 9, height: 8)).write(to: float)
        return [
            (CodecFixtures.path("jpeg_cmyk.jpg"), .jpeg, "CMYK colour space", "JPEG 21x13, cmyk 8-bit, not decodable"),
            (CodecFixtures.path("tiff_cmyk8.tif"), .tiff, "photometric interpretation 5 with 4 samples per pixel (only grey, grey+alpha, RGB, RGBA)",
             "TIFF 21x13, cmyk 8-bit, not decodable"),
            (float.path, .tiff, "32 bits per sample (only 8 and 16)", "TIFF 9x8, gray 32-bit, not decodable"),
            (CodecFixtures.path("bmp_rle8.bmp"), .bmp, "RLE8 compression (only uncompressed pixels)", "BMP 3x2, palette 8-bit, not decodable"),
        ]
    }

    func testInfoNamesTheRefusalDecodeThrows() throws {
        for file in try refusedFiles() {
            let info = try ImageDecoder.info(contentsOf: file.path)
            XCTAssertEqual(info.unsupportedReason, file.reason, file.path)
            XCTAssertEqual(info.summary, file.summary, file.path)
            XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: file.path)) { error in
                XCTAssertEqual(error as? ImageError, .unsupported(path: file.path, format: file.format, reason: file.reason))
            }
            XCTAssertThrowsError(try ImageDecoder.decode16(contentsOf: file.path)) { error in
                XCTAssertEqual(error as? ImageError, .unsupported(path: file.path, format: file.format, reason: file.reason))
            }
        }
    }

    func testDecodableFilesHaveNoRefusal() throws {
        for name in ["png_rgba16.png", "jpeg_gray.jpg", "tiff_rgba16_tiled.tif", "bmp_gray8.bmp"] {
            let info = try ImageDecoder.info(contentsOf: CodecFixtures.path(name))
            XCTAssertNil(info.unsupportedReason, name)
            XCTAssertEqual(try ImageDecoder.decode(contentsOf: CodecFixtures.path(name)).channels, info.channels, name)
        }
        XCTAssertEqual(try ImageDecoder.info(contentsOf: CodecFixtures.path("bmp_gray8.bmp")).summary, "BMP 21x13, palette 8-bit, decodes to 1 channel")
    }
}
