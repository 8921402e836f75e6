import SRImage
import XCTest
@testable import SRMetrics

/// Every error a user can meet, triggered through the public API and asserted word for word.
final class MetricsErrorTests: XCTestCase {
    func assertError(_ expected: String, file: StaticString = #filePath, line: UInt = #line,
                     _ body: () throws -> Any) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertTrue(error is MetricsError, "\(type(of: error))", file: file, line: line)
            XCTAssertEqual("\(error)", expected, file: file, line: line)
        }
    }

    func testSizeMismatchNamesBothSizesAndTheExpectedOne() {
        let sr = TestImages.constant(1, width: 100, height: 80), hr = TestImages.constant(1, width: 102, height: 80)
        assertError("SR image is 100x80 but the reference is 102x80; expected the SR image to be 102x80.") {
            try PSNR().evaluate(sr, reference: hr, options: MetricOptions())
        }
    }

    func testChannelMismatch() {
        let sr = TestImages.constant(1, width: 12, height: 12, channels: 1)
        let hr = TestImages.constant(1, width: 12, height: 12, channels: 3)
        assertError("SR image has 1 channel but the reference has 3 channels; give both images the same channels (grey or RGB).") {
            try SSIM().evaluate(sr, reference: hr, options: MetricOptions(channel: .y))
        }
    }

    func testSmallerThanTheSSIMWindowAfterShaving() {
        let img = TestImages.constant(1, width: 18, height: 30)
        assertError("Images are 10x22 after shaving 4 pixels per side, smaller than the 11x11 SSIM window; use larger images or a smaller shave.") {
            try SSIM().evaluate(img, reference: img, options: MetricOptions(shave: 4))
        }
        // PSNR has no window: the same pair is fine.
        XCTAssertEqual(try PSNR().evaluate(img, reference: img, options: MetricOptions(shave: 4)), .infinity)
    }

    func testSmallerThanTheSSIMWindowWithoutShave() {
        let img = TestImages.constant(1, width: 10, height: 10).toFloat()
        assertError("Images are 10x10, smaller than the 11x11 SSIM window; use larger images.") {
            try SSIM().evaluate(img, reference: img)
        }
    }

    func testShaveTooLarge() {
        let img = TestImages.constant(1, width: 20, height: 9)
        assertError("Shaving 5 pixels per side leaves no pixels of the 20x9 images; use a shave of at most 4.") {
            try PSNR().evaluate(img, reference: img, options: MetricOptions(shave: 5))
        }
    }

    func testNegativeShave() {
        let img = TestImages.constant(1, width: 20, height: 20)
        assertError("Shave must be 0 or more pixels per side, got -1.") {
            try PSNR().evaluate(img, reference: img, options: MetricOptions(shave: -1))
        }
    }

    func testEmptyImages() {
        let img = ByteImage(width: 0, height: 5, channels: 1)
        assertError("The images are 0x5 and have no pixels; metrics need at least one pixel.") {
            try PSNR().evaluate(img, reference: img, options: MetricOptions())
        }
    }

    func testPlanesOfDifferentShapesAreRejectedByTheCoreToo() {
        let a = Planes(width: 3, height: 2, count: 1, samples: [0, 0, 0, 0, 0, 0])
        let b = Planes(width: 2, height: 3, count: 1, samples: [0, 0, 0, 0, 0, 0])
        assertError("SR image is 3x2 but the reference is 2x3; expected the SR image to be 2x3.") {
            try PSNR().evaluate(a, reference: b)
        }
    }
}
