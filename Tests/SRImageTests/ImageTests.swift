import XCTest
@testable import SRImage

final class ImageTests: XCTestCase {
    func testByteFloatRoundTripIsExact() {
        let bytes = ByteImage(width: 16, height: 16, channels: 1, samples: (0..<256).map { UInt8($0) })
        XCTAssertEqual(bytes.toFloat().toBytes(), bytes)
    }

    func testToBytesRoundsHalfAwayFromZeroAndClips() {
        let f = FloatImage(width: 6, height: 1, channels: 1, samples: [-3, 0.5, 1.49, 2.5, 254.5, 300])
        XCTAssertEqual(f.toBytes().samples, [0, 1, 1, 3, 255, 255])
    }

    func testFastRoundingEqualsRoundHalfAwayFromZeroEverywhere() {
        func reference(_ x: Double) -> UInt8 {
            let r = x.rounded(.toNearestOrAwayFromZero)
            return r >= 255 ? 255 : (r > 0 ? UInt8(r) : 0)
        }
        // Every float near each tie, plus a dense sweep, plus the edges and NaN.
        var values: [Float] = [-1, -0.5, 0, .leastNonzeroMagnitude, 0.5, 254.5, 255, 255.5, 1e9, .infinity, -.infinity, .nan]
        for k in 0...256 {
            let tie = Float(k) + 0.5
            values += [tie.nextDown, tie, tie.nextUp, Float(k).nextDown, Float(k), Float(k).nextUp]
        }
        for i in 0..<100_000 { values.append(Float(i) * 0.00271 - 10) }
        for v in values {
            XCTAssertEqual(roundClipToByte(v), reference(Double(v)), "Float \(v)")
            XCTAssertEqual(roundClipToByte(Double(v)), reference(Double(v)), "Double \(v)")
        }
        XCTAssertEqual(roundClipToByte(0.49999999999999994 as Double), 0)
    }

    func testSubscriptAddressesInterleavedChannels() {
        var img = ByteImage(width: 3, height: 2, channels: 3)
        img[2, 1, 1] = 7
        XCTAssertEqual(img.samples[(1 * 3 + 2) * 3 + 1], 7)
        XCTAssertEqual(img[2, 1, 1], 7)
    }
}
