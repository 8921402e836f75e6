import Foundation
import SRImage
import XCTest
@testable import SRMetrics

/// SSIM on inputs with a known value, and against a direct (non-separable) implementation.
final class SSIMTests: XCTestCase {
    let rgb = MetricOptions(channel: .rgb)
    let c1 = (0.01 * 255.0) * (0.01 * 255.0)
    let c2 = (0.03 * 255.0) * (0.03 * 255.0)

    func testIdenticalImagesGiveExactlyOne() throws {
        let a = TestImages.texture(width: 23, height: 17, channels: 3)
        XCTAssertEqual(try SSIM().evaluate(a, reference: a, options: rgb), 1, accuracy: 1e-15)
        XCTAssertEqual(try SSIM().evaluate(a, reference: a, options: MetricOptions(channel: .y)), 1, accuracy: 1e-15)
    }

    /// Two constant images have zero variance, so SSIM = (2μxμy + C1) / (μx² + μy² + C1).
    func testConstantImagesFollowTheClosedForm() throws {
        for (a, b) in [(100.0, 110.0), (0.0, 255.0), (37.0, 36.0)] {
            let x = TestImages.constant(UInt8(a), width: 13, height: 12)
            let y = TestImages.constant(UInt8(b), width: 13, height: 12)
            let expected = (2 * a * b + c1) / (a * a + b * b + c1)
            XCTAssertEqual(try SSIM().evaluate(x, reference: y, options: rgb), expected, accuracy: 1e-12, "\(a) vs \(b)")
        }
    }

    /// RGB is the mean of the per-channel values: channels at 100/110, 50/50 and 0/255.
    func testRGBAveragesChannels() throws {
        let x = TestImages.make(width: 11, height: 11, channels: 3) { _, _, c in [100, 50, 0][c] }
        let y = TestImages.make(width: 11, height: 11, channels: 3) { _, _, c in [110, 50, 255][c] }
        let per = [(100.0, 110.0), (50.0, 50.0), (0.0, 255.0)].map { a, b in (2 * a * b + c1) / (a * a + b * b + c1) }
        XCTAssertEqual(try SSIM().evaluate(x, reference: y, options: rgb), per.reduce(0, +) / 3, accuracy: 1e-12)
    }

    /// The 1-D taps are MATLAB's `fspecial('gaussian', 11, 1.5)` factors: symmetric, sum 1,
    /// centre exp(0)/Σ exp(-d²/4.5).
    func testGaussianTaps() {
        let taps = SSIM.taps
        XCTAssertEqual(taps.count, 11)
        XCTAssertEqual(taps.reduce(0, +), 1, accuracy: 1e-15)
        for k in 0..<5 { XCTAssertEqual(taps[k], taps[10 - k]) }
        let sum = (-5...5).map { exp(-Double($0 * $0) / 4.5) }.reduce(0, +)
        XCTAssertEqual(taps[5], 1 / sum, accuracy: 1e-16)
        XCTAssertEqual(taps[5], 0.266_011_724_861_794_4, accuracy: 1e-15) // cv2.getGaussianKernel(11, 1.5)[5]
    }

    /// The separable, chunked implementation equals a direct 11x11 window sum over the valid
    /// region, on a 30x50 plane whose 40 map rows span two 32-row chunks.
    func testMatchesDirectTwoDimensionalWindow() throws {
        let x = TestImages.texture(width: 30, height: 50, seed: 1)
        let y = TestImages.texture(width: 30, height: 50, seed: 2)
        let fast = try SSIM().evaluate(x, reference: y, options: rgb)
        XCTAssertEqual(fast, directSSIM(x, y), accuracy: 1e-12)
        XCTAssertLessThan(fast, 0.9)
    }

    /// Same bits however the map is split: the value does not depend on scheduling.
    func testRepeatableBitForBit() throws {
        let x = TestImages.texture(width: 40, height: 80, channels: 3, seed: 3)
        let y = TestImages.texture(width: 40, height: 80, channels: 3, seed: 4)
        let first = try SSIM().evaluate(x, reference: y, options: rgb)
        for _ in 0..<5 { XCTAssertEqual(try SSIM().evaluate(x, reference: y, options: rgb), first) }
    }

    /// Shaving 3 pixels evaluates exactly the cropped images.
    func testShaveEqualsCroppingFirst() throws {
        let x = TestImages.texture(width: 24, height: 20, seed: 5)
        let y = TestImages.texture(width: 24, height: 20, seed: 6)
        let shaved = try SSIM().evaluate(x, reference: y, options: MetricOptions(shave: 3, channel: .rgb))
        let cropped = try SSIM().evaluate(x.cropped(x: 3, y: 3, width: 18, height: 14),
                                          reference: y.cropped(x: 3, y: 3, width: 18, height: 14), options: rgb)
        XCTAssertEqual(shaved, cropped)
        XCTAssertNotEqual(shaved, try SSIM().evaluate(x, reference: y, options: rgb))
    }

    /// The float path gives the byte path's value on the same numbers.
    func testFloatPathMatchesBytePath() throws {
        let x = TestImages.texture(width: 15, height: 14, seed: 7), y = TestImages.texture(width: 15, height: 14, seed: 8)
        XCTAssertEqual(try SSIM().evaluate(x.toFloat(), reference: y.toFloat(), shave: 1),
                       try SSIM().evaluate(x, reference: y, options: MetricOptions(shave: 1, channel: .rgb)))
    }

    /// Mean over the valid region of SSIM with explicit 2-D Gaussian weights, one plane.
    private func directSSIM(_ a: ByteImage, _ b: ByteImage) -> Double {
        var weights = [[Double]](repeating: [Double](repeating: 0, count: 11), count: 11)
        var total = 0.0
        for i in 0..<11 { for j in 0..<11 {
            weights[i][j] = exp(-Double((i - 5) * (i - 5) + (j - 5) * (j - 5)) / 4.5)
            total += weights[i][j]
        } }
        var sum = 0.0
        for oy in 0...(a.height - 11) {
            for ox in 0...(a.width - 11) {
                var mx = 0.0, my = 0.0, xx = 0.0, yy = 0.0, xy = 0.0
                for i in 0..<11 { for j in 0..<11 {
                    let w = weights[i][j] / total
                    let p = Double(a[ox + j, oy + i, 0]), q = Double(b[ox + j, oy + i, 0])
                    mx += w * p; my += w * q; xx += w * p * p; yy += w * q * q; xy += w * p * q
                } }
                let vx = xx - mx * mx, vy = yy - my * my, cxy = xy - mx * my
                sum += (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2))
            }
        }
        return sum / Double((a.width - 10) * (a.height - 10))
    }
}
