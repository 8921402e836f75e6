import SRImage
import SRTestSupport
import XCTest

/// Every fixture variant decodes to the pixels Pillow gives under SRKit's decode policy
/// (SHA-256 of the HWC bytes from `make_codec_fixtures.py`), reports the header the script
/// wrote, and 16-bit sources keep their stored values through `decode16`.
final class CodecGoldenTests: XCTestCase {
    func testPNGVariantsDecodeToGolden() throws { try checkVariants(format: "png", expectedCount: 22) }
    func testJPEGVariantsDecodeToGolden() throws { try checkVariants(format: "jpeg", expectedCount: 6) }
    func testTIFFVariantsDecodeToGolden() throws { try checkVariants(format: "tiff", expectedCount: 14) }
    func testBMPVariantsDecodeToGolden() throws { try checkVariants(format: "bmp", expectedCount: 11) }

    func testSixteenBitSourcesKeepStoredValuesInDecode16() throws {
        var checked = 0
        for (name, entry) in try CodecFixtures.golden().sorted(by: { $0.key < $1.key }) {
            if let expected = entry.sha256_16 {
                let wide = try ImageDecoder.decode16(contentsOf: CodecFixtures.path(name))
                XCTAssertEqual(Digest.sha256Hex(CodecFixtures.littleEndianBytes(wide.samples)), expected, name)
                checked += 1
            } else if entry.error16 != nil {
                XCTAssertThrowsError(try ImageDecoder.decode16(contentsOf: CodecFixtures.path(name)), name) { error in
                    guard case ImageError.unsupported(_, .png, let reason) = error else {
                        return XCTFail("\(name): expected unsupported, got \(error)")
                    }
                    XCTAssertTrue(reason.contains("premultiplied"), reason)
                }
            }
        }
        XCTAssertEqual(checked, 7, "16-bit fixtures with a decode16 golden")
    }

    func testDecode16WidensEightBitSourcesBy257() throws {
        let bytes = try ImageDecoder.decode(contentsOf: CodecFixtures.path("png_rgb8.png"))
        let wide = try ImageDecoder.decode16(contentsOf: CodecFixtures.path("png_rgb8.png"))
        XCTAssertEqual(wide.samples, bytes.samples.map { UInt16($0) * 257 })
        let bmp = try ImageDecoder.decode16(contentsOf: CodecFixtures.path("bmp_gray8.bmp"))
        XCTAssertEqual(bmp.channels, 1)
        let gray = try ImageDecoder.decode(contentsOf: CodecFixtures.path("bmp_gray8.bmp"))
        XCTAssertEqual(bmp.samples, gray.samples.map { UInt16($0) * 257 })
    }

    func testSixteenBitRampNarrowsByRoundingNotTruncation() throws {
        // The ramp holds every 16-bit value once, in order; v = 128 rounds down, v = 129 up
        // (truncation, Pillow's v >> 8, would give 0 for both), 65535 -> 255.
        for name in ["png_gray16_ramp.png", "tiff_gray16_ramp.tif"] {
            let image = try ImageDecoder.decode(contentsOf: CodecFixtures.path(name))
            XCTAssertEqual(image.samples[128], 0, name)
            XCTAssertEqual(image.samples[129], 1, name)
            XCTAssertEqual(image.samples[257 + 128], 1, name)
            XCTAssertEqual(image.samples[257 + 129], 2, name)
            XCTAssertEqual(image.samples[65535], 255, name)
        }
    }

    func testGammaChunksAreIgnoredLikePillow() throws {
        let plain = try ImageDecoder.decode(contentsOf: CodecFixtures.path("png_rgb8.png"))
        let tagged = try ImageDecoder.decode(contentsOf: CodecFixtures.path("png_rgb8_gamma1.png"))
        XCTAssertEqual(plain, tagged)
        let srgb16 = try ImageDecoder.decode16(contentsOf: CodecFixtures.path("png_rgb16_srgb.png"))
        let raw16 = try ImageDecoder.decode16(contentsOf: CodecFixtures.path("png_rgb16.png"))
        XCTAssertEqual(srgb16, raw16)
    }

    /// Decodes every golden entry of `format`, comparing info, shape, first pixel and digest.
    private func checkVariants(format: String, expectedCount: Int) throws {
        let entries = try CodecFixtures.golden().filter { $0.value.format == format }.sorted { $0.key < $1.key }
        XCTAssertEqual(entries.count, expectedCount, "fixtures for \(format)")
        for (name, entry) in entries {
            let path = CodecFixtures.path(name)
            let info = try ImageDecoder.info(contentsOf: path)
            XCTAssertEqual(info.format.rawValue, format, name)
            XCTAssertEqual([info.width, info.height, info.sourceChannels, info.bitDepth, info.channels],
                           [entry.info.width, entry.info.height, entry.info.sourceChannels, entry.info.bitDepth, entry.info.channels], name)
            XCTAssertEqual(info.colorModel, entry.info.colorModel, name)
            if let error = entry.error {
                XCTAssertEqual(error, "unsupported")
                XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: path), name) { thrown in
                    guard case ImageError.unsupported(let p, _, _) = thrown else { return XCTFail("\(name): \(thrown)") }
                    XCTAssertEqual(p, path)
                }
                continue
            }
            do {
                let image = try ImageDecoder.decode(contentsOf: path)
                XCTAssertEqual([image.width, image.height, image.channels], [entry.width, entry.height, entry.channels].map { $0! }, name)
                XCTAssertEqual((0..<image.channels).map { Int(image.samples[$0]) }, entry.firstPixel, name)
                XCTAssertEqual(Digest.sha256Hex(image.samples), entry.sha256, name)
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }
}
