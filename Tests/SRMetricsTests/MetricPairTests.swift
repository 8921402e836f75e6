import SRImage
import XCTest
@testable import SRMetrics

/// How options turn images into planes: channel choice, Y rounding, grey handling, shave.
final class MetricPairTests: XCTestCase {
    let rgbImage = TestImages.make(width: 4, height: 3, channels: 3) { x, y, c in UInt8(10 * x + 40 * y + 3 * c) }

    func testRGBKeepsChannelsAsPlanes() throws {
        let pair = try MetricPair(rgbImage, reference: rgbImage, options: MetricOptions(channel: .rgb))
        XCTAssertEqual([pair.image.width, pair.image.height, pair.image.count], [4, 3, 3])
        // Plane 2 (blue) starts after two 12-sample planes; its first row is 6, 16, 26, 36.
        XCTAssertEqual(Array(pair.image.samples[24..<28]), [6, 16, 26, 36])
    }

    func testYIsUnroundedLumaOrRoundedLuma() throws {
        let unrounded = try MetricPair(rgbImage, reference: rgbImage, options: MetricOptions(channel: .y))
        XCTAssertEqual(unrounded.image.samples, YCbCr.luma(rgbImage).samples.map(Double.init))
        XCTAssertTrue(unrounded.image.samples.contains { $0 != $0.rounded() })
        let rounded = try MetricPair(rgbImage, reference: rgbImage, options: MetricOptions(channel: .y, roundY: true))
        XCTAssertEqual(rounded.image.samples, YCbCr.lumaRounded(rgbImage).samples.map(Double.init))
    }

    func testGreyThroughRGBOrAsY() throws {
        let grey = TestImages.make(width: 3, height: 1, channels: 1) { x, _, _ in UInt8(x * 100) }
        let through = try MetricPair(grey, reference: grey, options: MetricOptions(channel: .y, grayHandling: .throughRGB))
        XCTAssertEqual(through.image.samples[0], 16)
        XCTAssertEqual(through.image.samples[1], Double(Float(16 + 219.0 * 100 / 255)))
        let asY = try MetricPair(grey, reference: grey, options: MetricOptions(channel: .y, grayHandling: .useAsY))
        XCTAssertEqual(asY.image.samples, [0, 100, 200])
    }

    func testShaveKeepsTheCentre() throws {
        let img = TestImages.make(width: 6, height: 5, channels: 1) { x, y, _ in UInt8(10 * y + x) }
        let pair = try MetricPair(img, reference: img, options: MetricOptions(shave: 2, channel: .rgb))
        XCTAssertEqual([pair.image.width, pair.image.height, pair.shave], [2, 1, 2])
        XCTAssertEqual(pair.image.samples, [22, 23])
    }
    /// Planes produced row by row (no whole-image copy) hold exactly the samples of the images
    /// that YCbCr.luma / lumaRounded / the shave would materialise, for every option.
    func testRowsEqualTheMaterialisedConversionForEveryOption() throws {
        for channels in [1, 3] {
            let img = TestImages.make(width: 13, height: 12, channels: channels) { x, y, c in UInt8(truncatingIfNeeded: x * 37 + y * 91 + c * 53) }
            for gray in YCbCr.GrayHandling.allCases {
                for rounded in [false, true] {
                    let pair = try MetricPair(img, reference: img, options: MetricOptions(shave: 2, channel: .y, roundY: rounded, grayHandling: gray))
                    let luma = rounded ? YCbCr.lumaRounded(img, gray: gray).toFloat() : YCbCr.luma(img, gray: gray)
                    let expected = try Planes(luma, shave: 2)
                    XCTAssertEqual(pair.image.samples.map(\.bitPattern), expected.samples.map(\.bitPattern),
                                   "channels \(channels), \(gray), rounded \(rounded)")
                }
            }
            let rgb = try MetricPair(img, reference: img, options: MetricOptions(shave: 1, channel: .rgb))
            var expected: [Double] = []
            for c in 0..<channels { for y in 1..<11 { for x in 1..<12 { expected.append(Double(img.samples[(y * 13 + x) * channels + c])) } } }
            XCTAssertEqual(rgb.image.samples, expected)
        }
    }
}
