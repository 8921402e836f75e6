import Foundation
import SRImage
import SRTestSupport
import XCTest

/// Encoders round-trip through the decoders: PNG and BMP exactly (8-bit grey/RGB, PNG 16-bit),
/// TIFF exactly, JPEG close; options change sizes; writes are atomic and named by extension.
final class CodecEncoderTests: XCTestCase {
    /// A deterministic 37x23 test pattern (odd width exercises BMP row padding).
    private func pattern(channels: Int, width: Int = 37, height: Int = 23) -> ByteImage {
        var samples = [UInt8]()
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels { samples.append(UInt8(truncatingIfNeeded: x * 7 + y * 3 + c * 50 + (x * y) % 13)) }
            }
        }
        return ByteImage(width: width, height: height, channels: channels, samples: samples)
    }

    func testPNGRoundTripsGrayAndRGBExactly() throws {
        for channels in [1, 3] {
            let image = pattern(channels: channels)
            let bytes = try ImageEncoder.encode(image, as: .png)
            XCTAssertEqual(ImageDecoder.detectFormat(bytes), .png)
            XCTAssertEqual(try ImageDecoder.decode(bytes: bytes), image, "channels \(channels)")
        }
    }

    func testSixteenBitPNGRoundTripsExactly() throws {
        let folder = try CodecFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = (0..<(29 * 17 * 3)).map { UInt16(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        let image = WideImage(width: 29, height: 17, channels: 3, samples: samples)
        let path = folder.appendingPathComponent("wide.png").path
        try ImageEncoder.write(image, to: path)
        XCTAssertEqual(try ImageDecoder.decode16(contentsOf: path), image)
        let info = try ImageDecoder.info(contentsOf: path)
        XCTAssertEqual([info.bitDepth, info.sourceChannels, info.channels], [16, 3, 3])
        // No gAMA chunk: libpng's simplified writer declares 16-bit data linear (gamma 1.0).
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertNil(bytes.firstRange(of: Array("gAMA".utf8)))
        // And 8-bit decoding of the same file rounds: round(v / 257).
        let narrow = try ImageDecoder.decode(contentsOf: path)
        XCTAssertEqual(narrow.samples, samples.map { UInt8((Double($0) / 257).rounded()) })
    }

    func testPNGCompressionLevelChangesSizeNotPixels() throws {
        let image = pattern(channels: 3, width: 64, height: 64)
        let stored = try ImageEncoder.encode(image, as: .png, options: EncodeOptions(pngCompressionLevel: 0))
        let best = try ImageEncoder.encode(image, as: .png, options: EncodeOptions(pngCompressionLevel: 9))
        XCTAssertGreaterThan(stored.count, 64 * 64 * 3, "level 0 stores the filtered rows uncompressed")
        XCTAssertLessThan(best.count, stored.count / 2)
        XCTAssertEqual(try ImageDecoder.decode(bytes: stored), image)
        XCTAssertEqual(try ImageDecoder.decode(bytes: best), image)
    }

    func testJPEGQualityChangesSizeAndDecodesCloseToSource() throws {
        // Smooth content: JPEG's error there is small, so "close" can be tight.
        let samples = (0..<(48 * 64 * 3)).map { i -> UInt8 in
            let (p, c) = i.quotientAndRemainder(dividingBy: 3)
            let (y, x) = p.quotientAndRemainder(dividingBy: 64)
            return UInt8(c == 0 ? x * 3 : c == 1 ? y * 4 : (x + y) * 2)
        }
        let image = ByteImage(width: 64, height: 48, channels: 3, samples: samples)
        let low = try ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(jpegQuality: 20))
        let high = try ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(jpegQuality: 98))
        XCTAssertLessThan(low.count, high.count)
        let decoded = try ImageDecoder.decode(bytes: high)
        XCTAssertEqual([decoded.width, decoded.height, decoded.channels], [64, 48, 3])
        let meanAbsError = zip(decoded.samples, image.samples).map { abs(Int($0) - Int($1)) }.reduce(0, +) / image.samples.count
        XCTAssertLessThanOrEqual(meanAbsError, 1)
        let gray = try ImageDecoder.decode(bytes: ImageEncoder.encode(pattern(channels: 1), as: .jpeg))
        XCTAssertEqual(gray.channels, 1)
    }

    func testBMPRoundTripsExactlyAndGrayStaysOneChannel() throws {
        for channels in [1, 3] {
            let image = pattern(channels: channels)
            let bytes = try ImageEncoder.encode(image, as: .bmp)
            XCTAssertEqual(bytes.count, 14 + 40 + (channels == 1 ? 1024 + 40 * 23 : 112 * 23), "padded rows")
            XCTAssertEqual(try ImageDecoder.decode(bytes: bytes), image, "channels \(channels)")
        }
    }

    func testTIFFRoundTripsExactly() throws {
        for channels in [1, 3] {
            let image = pattern(channels: channels)
            let bytes = try ImageEncoder.encode(image, as: .tiff)
            XCTAssertEqual(ImageDecoder.detectFormat(bytes), .tiff)
            XCTAssertEqual(try ImageDecoder.decode(bytes: bytes), image, "channels \(channels)")
        }
    }

    func testWriteUsesExtensionAndLeavesNoTemporaryFiles() throws {
        let folder = try CodecFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = pattern(channels: 3)
        for (name, format) in [("a.png", ImageFormat.png), ("b.JPG", .jpeg), ("c.jpeg", .jpeg), ("d.bmp", .bmp), ("e.tif", .tiff), ("f.TIFF", .tiff)] {
            let path = folder.appendingPathComponent(name).path
            try ImageEncoder.write(image, to: path)
            XCTAssertEqual(try ImageDecoder.info(contentsOf: path).format, format, name)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(),
                       ["a.png", "b.JPG", "c.jpeg", "d.bmp", "e.tif", "f.TIFF"])
    }

    func testFormatForPathRefusesUnknownExtensions() throws {
        XCTAssertEqual(try ImageEncoder.format(forPath: "/x/y.Png"), .png)
        for path in ["/x/y.gif", "/x/y", "/x.png/y", "/x/.png"] {
            XCTAssertThrowsError(try ImageEncoder.format(forPath: path)) { error in
                XCTAssertEqual("\(error)", "\(path): cannot tell the output format from the extension; use .png, .jpg/.jpeg, .bmp or .tif/.tiff.")
            }
        }
    }

    func testOptionsOutOfRangeAreRefused() throws {
        let image = pattern(channels: 1)
        XCTAssertThrowsError(try ImageEncoder.encode(image, as: .png, options: EncodeOptions(pngCompressionLevel: 10))) { error in
            XCTAssertEqual("\(error)", "<memory>: PNG compression level 10 is outside 0...9; use 0 (none) to 9 (smallest).")
        }
        XCTAssertThrowsError(try ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(jpegQuality: 0))) { error in
            XCTAssertEqual("\(error)", "<memory>: JPEG quality 0 is outside 1...100; use 1 (smallest) to 100 (best).")
        }
    }

    func testWideImageIsWrittenOnlyAsPNG() throws {
        let image = WideImage(width: 2, height: 1, channels: 1, samples: [0, 65535])
        XCTAssertThrowsError(try ImageEncoder.write(image, to: "/tmp/never.tif")) { error in
            guard case ImageError.unsupported(let path, .tiff, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/tmp/never.tif")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/never.tif"))
    }
}
