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

    func testSubscriptAddressesInterleavedChannels() {
        var img = ByteImage(width: 3, height: 2, channels: 3)
        img[2, 1, 1] = 7
        XCTAssertEqual(img.samples[(1 * 3 + 2) * 3 + 1], 7)
        XCTAssertEqual(img[2, 1, 1], 7)
    }
}
