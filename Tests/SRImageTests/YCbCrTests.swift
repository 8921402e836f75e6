import XCTest
@testable import SRImage

final class YCbCrTests: XCTestCase {
    let rgb = ByteImage(width: 4, height: 1, channels: 3,
                        samples: [0, 0, 0, 255, 255, 255, 255, 0, 0, 12, 200, 77])

    func testLumaMatchesTheBT601Formula() {
        let y = YCbCr.luma(rgb)
        XCTAssertEqual(y.channels, 1)
        XCTAssertEqual(y.samples[0], 16, accuracy: 1e-5)
        XCTAssertEqual(y.samples[1], 235, accuracy: 1e-4)
        XCTAssertEqual(y.samples[2], Float(16 + 65.481), accuracy: 1e-4)
        let expected = 16 + (65.481 * 12 + 128.553 * 200 + 24.966 * 77) / 255
        XCTAssertEqual(Double(y.samples[3]), expected, accuracy: 1e-4)
    }

    /// The per-pixel functions fold the weights to constants; they must give the very Float that
    /// the run-time quotients of `forward` give (the code before they existed), for every value.
    func testPerPixelLumaEqualsTheMatrixFormulaBitForBit() {
        let (cr, cg, cb) = (YCbCr.forward[0][0] / 255, YCbCr.forward[0][1] / 255, YCbCr.forward[0][2] / 255)
        for v in 0...255 {
            let d = Double(v)
            XCTAssertEqual(YCbCr.lumaOfGrey(UInt8(v), gray: .throughRGB).bitPattern, Float(16 + (cr + cg + cb) * d).bitPattern, "\(v)")
            XCTAssertEqual(YCbCr.lumaOfGrey(UInt8(v), gray: .useAsY), Float(v))
            for (g, b) in [(0, 0), (255, 255), (v, 255 - v), (77, v), (v, v)] {
                XCTAssertEqual(YCbCr.lumaOfRGB(UInt8(v), UInt8(g), UInt8(b)).bitPattern,
                               Float(16 + cr * d + cg * Double(g) + cb * Double(b)).bitPattern, "\(v) \(g) \(b)")
            }
        }
    }

    func testRoundedLumaIsMatlabUint8() {
        // 16 + 65.481 = 81.481 -> 81; (12,200,77): 16 + 28418.754/255 = 127.446 -> 127
        XCTAssertEqual(YCbCr.lumaRounded(rgb).samples, [16, 235, 81, 127])
    }

    func testGrayHandlingIsExplicit() {
        let gray = ByteImage(width: 2, height: 1, channels: 1, samples: [0, 255])
        XCTAssertEqual(YCbCr.lumaRounded(gray, gray: .useAsY).samples, [0, 255])
        XCTAssertEqual(YCbCr.lumaRounded(gray, gray: .throughRGB).samples, [16, 235])
    }

    func testChromaOfPrimaries() throws {
        let ycc = try YCbCr.fromRGBRounded(rgb)
        XCTAssertEqual(Array(ycc.samples[0..<3]), [16, 128, 128])
        XCTAssertEqual(Array(ycc.samples[3..<6]), [235, 128, 128])
        // Red: Cb = 128 - 37.797 = 90.203 -> 90, Cr = 128 + 112 = 240
        XCTAssertEqual(Array(ycc.samples[6..<9]), [81, 90, 240])
    }

    func testRoundTripIsWithinOneLevel() throws {
        var samples = [UInt8]()
        for r in stride(from: 0, through: 255, by: 15) {
            for g in stride(from: 0, through: 255, by: 17) {
                for b in stride(from: 0, through: 255, by: 51) { samples += [UInt8(r), UInt8(g), UInt8(b)] }
            }
        }
        let img = ByteImage(width: samples.count / 3, height: 1, channels: 3, samples: samples)
        let exact = try YCbCr.toRGB(YCbCr.fromRGB(img)).toBytes()
        XCTAssertEqual(exact, img, "unrounded forward + inverse must be the identity")
        let rounded = try YCbCr.toRGBRounded(YCbCr.fromRGBRounded(img))
        let worst = zip(rounded.samples, img.samples).map { abs(Int($0) - Int($1)) }.max()!
        XCTAssertLessThanOrEqual(worst, 2, "uint8 round trip loses at most a couple of levels")
        XCTAssertGreaterThan(worst, 0, "the uint8 path rounds, so some value must move")
    }
}
