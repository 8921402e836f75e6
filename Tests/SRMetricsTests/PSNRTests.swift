import Foundation
import SRImage
import XCTest
@testable import SRMetrics

/// PSNR on inputs whose value can be worked out by hand.
final class PSNRTests: XCTestCase {
    let rgb = MetricOptions(channel: .rgb)

    /// MSE = 1 everywhere: 10·log10(255²) = 20·log10(255) = 48.130803608679…
    func testConstantDifferenceOfOneGivesTwentyLogTen255() throws {
        let a = TestImages.texture(width: 16, height: 12, channels: 3)
        let b = ByteImage(width: 16, height: 12, channels: 3, samples: a.samples.map { $0 == 255 ? 254 : $0 + 1 })
        XCTAssertEqual(try PSNR().evaluate(b, reference: a, options: rgb), 48.130803608679102, accuracy: 1e-12)
    }

    /// Difference 2 on half of the samples, 0 elsewhere: MSE = 2, PSNR = 10·log10(255²/2).
    func testHalfTheSamplesOffByTwo() throws {
        let ref = TestImages.constant(100, width: 8, height: 4)
        let img = TestImages.make(width: 8, height: 4, channels: 1) { x, _, _ in x < 4 ? 102 : 100 }
        XCTAssertEqual(try PSNR().evaluate(img, reference: ref, options: rgb),
                       10 * log10(255.0 * 255.0 / 2), accuracy: 1e-12)
    }

    /// The error sits in a 2-pixel frame: shave 2 removes it entirely (+inf), shave 1 keeps half
    /// of the frame's pixels, whose share of the 6x6 core is known.
    func testShaveRemovesTheBorderBeforeTheMetric() throws {
        let ref = TestImages.constant(50, width: 10, height: 10)
        let img = TestImages.make(width: 10, height: 10, channels: 1) { x, y, _ in
            (2..<8).contains(x) && (2..<8).contains(y) ? 50 : 60
        }
        // Whole image: 100 - 36 = 64 pixels off by 10: MSE = 64·100/100 = 64.
        XCTAssertEqual(try PSNR().evaluate(img, reference: ref, options: rgb), 10 * log10(255.0 * 255 / 64), accuracy: 1e-12)
        // Shave 1: the 8x8 core keeps 64 - 36 = 28 wrong pixels: MSE = 28·100/64.
        XCTAssertEqual(try PSNR().evaluate(img, reference: ref, options: MetricOptions(shave: 1, channel: .rgb)),
                       10 * log10(255.0 * 255 / (2800.0 / 64)), accuracy: 1e-12)
        XCTAssertEqual(try PSNR().evaluate(img, reference: ref, options: MetricOptions(shave: 2, channel: .rgb)), .infinity)
    }

    func testIdenticalImagesGivePositiveInfinityNotNaN() throws {
        let a = TestImages.texture(width: 5, height: 3, channels: 3)
        for options in [rgb, MetricOptions(channel: .y), MetricOptions(channel: .y, roundY: true)] {
            let value = try PSNR().evaluate(a, reference: a, options: options)
            XCTAssertEqual(value, .infinity)
            XCTAssertFalse(value.isNaN)
        }
    }

    /// RGB PSNR is one MSE over all samples (BasicSR, skimage), not the mean of per-channel PSNRs.
    func testRGBUsesOneMSEOverAllChannels() throws {
        let ref = TestImages.constant(0, width: 4, height: 4, channels: 3)
        let img = TestImages.make(width: 4, height: 4, channels: 3) { _, _, c in c == 0 ? 3 : 0 }
        XCTAssertEqual(try PSNR().evaluate(img, reference: ref, options: rgb), 10 * log10(255.0 * 255 / 3), accuracy: 1e-12)
    }

    /// The float path shares the implementation: fractional differences of 0.5 give MSE 0.25.
    func testFloatImagesOfOneChannel() throws {
        let ref = TestImages.float(width: 7, height: 5) { x, y in Float(x * 10 + y) }
        let img = TestImages.float(width: 7, height: 5) { x, y in Float(x * 10 + y) + 0.5 }
        XCTAssertEqual(try PSNR().evaluate(img, reference: ref), 10 * log10(255.0 * 255 / 0.25), accuracy: 1e-12)
        XCTAssertEqual(try PSNR().evaluate(ref, reference: ref, shave: 2), .infinity)
    }

    /// With Y, a grey image through RGB has Y = 16 + 219 v / 255, so a difference of 255 in grey
    /// becomes 219 in Y; used as Y it stays 255.
    func testGrayHandlingScalesTheDifference() throws {
        let black = TestImages.constant(0, width: 4, height: 4), white = TestImages.constant(255, width: 4, height: 4)
        let through = MetricOptions(channel: .y, grayHandling: .throughRGB)
        let asY = MetricOptions(channel: .y, grayHandling: .useAsY)
        XCTAssertEqual(try PSNR().evaluate(white, reference: black, options: through), 20 * log10(255.0 / 219), accuracy: 1e-9)
        XCTAssertEqual(try PSNR().evaluate(white, reference: black, options: asY), 0, accuracy: 1e-12)
    }
}
