@testable import SRImage
import SRTestSupport
import XCTest

/// The pixel limit, format detection, info() and the 16 -> 8 rounding rule.
final class CodecLimitTests: XCTestCase {
    func testPixelLimitRefusesBeforeDecoding() throws {
        let path = CodecFixtures.path("png_rgb8.png") // 21x13 = 273 pixels
        XCTAssertNoThrow(try ImageDecoder.decode(contentsOf: path, limits: DecodeLimits(maxPixels: 273)))
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: path, limits: DecodeLimits(maxPixels: 272))) { error in
            XCTAssertEqual(error as? ImageError, .tooLarge(path: path, width: 21, height: 13, limit: 272))
            XCTAssertEqual("\(error)", "\(path): declared size 21x13 (273 pixels) exceeds the limit of 272 pixels; raise the pixel limit if the image is genuine.")
        }
        XCTAssertThrowsError(try ImageDecoder.decode16(contentsOf: path, limits: DecodeLimits(maxPixels: 100)))
    }

    func testLimitCheckSurvivesOverflow() {
        XCTAssertThrowsError(try DecodeLimits.default.check(width: Int.max / 2, height: 3, path: "p")) { error in
            XCTAssertEqual(error as? ImageError, .tooLarge(path: "p", width: Int.max / 2, height: 3, limit: 1 << 28))
        }
        XCTAssertEqual(DecodeLimits.default.maxPixels, 268_435_456)
    }

    func testEveryFormatsAbsurdHeaderIsRefusedAsTooLarge() throws {
        for (name, w, h) in [("bad/png_100000x100000.png", 100000, 100000), ("bad/bmp_100000x100000.bmp", 100000, 100000),
                             ("bad/tiff_100000x100000.tif", 100000, 100000), ("bad/jpeg_65500x65500.jpg", 65500, 65500)] {
            let path = CodecFixtures.path(name)
            XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: path), name) { error in
                XCTAssertEqual(error as? ImageError, .tooLarge(path: path, width: w, height: h, limit: 1 << 28), name)
            }
        }
    }

    func testDetectFormatUsesSignaturesOnly() {
        XCTAssertEqual(ImageDecoder.detectFormat([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), .png)
        XCTAssertEqual(ImageDecoder.detectFormat([0xFF, 0xD8, 0xFF, 0xE0]), .jpeg)
        XCTAssertEqual(ImageDecoder.detectFormat(Array("II*\0".utf8)), .tiff)
        XCTAssertEqual(ImageDecoder.detectFormat(Array("MM\0*".utf8)), .tiff)
        XCTAssertEqual(ImageDecoder.detectFormat(Array("BM".utf8)), .bmp)
        XCTAssertNil(ImageDecoder.detectFormat(Array("GIF89a".utf8)))
        XCTAssertNil(ImageDecoder.detectFormat([0x89, 0x50, 0x4E]), "a truncated signature is no signature")
        XCTAssertNil(ImageDecoder.detectFormat([UInt8]()))
    }

    func testFormatIsDetectedFromBytesNotExtension() throws {
        let folder = try CodecFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let misnamed = folder.appendingPathComponent("really-a-bmp.png")
        try Data(CodecFixtures.bytes("bmp_rgb24.bmp")).write(to: misnamed)
        let info = try ImageDecoder.info(contentsOf: misnamed.path)
        XCTAssertEqual(info.format, .bmp)
        XCTAssertEqual(try ImageDecoder.decode(contentsOf: misnamed.path), try ImageDecoder.decode(contentsOf: CodecFixtures.path("bmp_rgb24.bmp")))
    }

    func testInfoReportsFormatSizeAndDepth() throws {
        let png = try ImageDecoder.info(contentsOf: CodecFixtures.path("png_gray16_ramp.png"))
        XCTAssertEqual(png, ImageInfo(format: .png, width: 256, height: 256, sourceChannels: 1, bitDepth: 16, colorModel: "gray", channels: 1))
        let jpeg = try ImageDecoder.info(contentsOf: CodecFixtures.path("jpeg_cmyk.jpg"))
        XCTAssertEqual(jpeg, ImageInfo(format: .jpeg, width: 21, height: 13, sourceChannels: 4, bitDepth: 8, colorModel: "cmyk", channels: 3,
                                       unsupportedReason: "CMYK colour space"))
        let tiff = try ImageDecoder.info(contentsOf: CodecFixtures.path("tiff_rgba16_tiled.tif"))
        XCTAssertEqual(tiff, ImageInfo(format: .tiff, width: 21, height: 13, sourceChannels: 4, bitDepth: 16, colorModel: "rgba", channels: 3))
        let bmp = try ImageDecoder.info(contentsOf: CodecFixtures.path("bmp_gray8.bmp"))
        XCTAssertEqual(bmp, ImageInfo(format: .bmp, width: 21, height: 13, sourceChannels: 3, bitDepth: 8, colorModel: "palette", channels: 1))
    }

    func testNarrowingIsRoundOfDivisionBy257ForEveryValue() {
        for v in 0...65535 {
            let expected = UInt8((Double(v) / 257).rounded(.toNearestOrAwayFromZero))
            if SampleDepth.narrow(UInt16(v)) != expected {
                return XCTFail("narrow(\(v)) = \(SampleDepth.narrow(UInt16(v))), expected \(expected)")
            }
        }
        for b in 0...255 { XCTAssertEqual(SampleDepth.narrow(SampleDepth.widen(UInt8(b))), UInt8(b)) }
    }
}
