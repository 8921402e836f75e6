import XCTest
@testable import SRImage

final class GeometryTests: XCTestCase {
    /// 3 wide, 2 high, values 0...5 row by row.
    let small = ByteImage(width: 3, height: 2, channels: 1, samples: [0, 1, 2, 3, 4, 5])

    func testCropCopiesTheRegion() throws {
        let rgb = ByteImage(width: 3, height: 2, channels: 3, samples: (0..<18).map { UInt8($0) })
        let c = try rgb.cropped(x: 1, y: 1, width: 2, height: 1)
        XCTAssertEqual(c.samples, [12, 13, 14, 15, 16, 17])
    }

    func testCropOutsideTheImageThrowsWithTheSizes() {
        XCTAssertThrowsError(try small.cropped(x: 2, y: 0, width: 2, height: 1)) { error in
            XCTAssertEqual("\(error)", "crop 2x1 at (2, 0) does not fit inside the 3x2 image")
        }
    }

    func testCenterCropFloorsTheMargin() throws {
        let img = ByteImage(width: 5, height: 1, channels: 1, samples: [0, 1, 2, 3, 4])
        XCTAssertEqual(try img.centerCropped(width: 2, height: 1).samples, [1, 2])
    }

    func testModcropDropsBottomAndRight() throws {
        let img = ByteImage(width: 7, height: 5, channels: 1)
        let m = try img.modcropped(3)
        XCTAssertEqual([m.width, m.height], [6, 3])
        XCTAssertThrowsError(try ByteImage(width: 2, height: 2, channels: 1).modcropped(3))
    }

    func testRot90MatchesNumpyCounterClockwise() {
        // numpy.rot90([[0,1,2],[3,4,5]]) == [[2,5],[1,4],[0,3]]
        let r = small.rotated90(1)
        XCTAssertEqual([r.width, r.height], [2, 3])
        XCTAssertEqual(r.samples, [2, 5, 1, 4, 0, 3])
        XCTAssertEqual(small.rotated90(2).samples, [5, 4, 3, 2, 1, 0])
        XCTAssertEqual(small.rotated90(3).samples, [3, 0, 4, 1, 5, 2])
        XCTAssertEqual(small.rotated90(-1), small.rotated90(3))
        XCTAssertEqual(small.rotated90(4), small)
    }

    func testFlipsAndTranspose() {
        XCTAssertEqual(small.flippedHorizontally().samples, [2, 1, 0, 5, 4, 3])
        XCTAssertEqual(small.flippedVertically().samples, [3, 4, 5, 0, 1, 2])
        let t = small.transposed()
        XCTAssertEqual([t.width, t.height], [2, 3])
        XCTAssertEqual(t.samples, [0, 3, 1, 4, 2, 5])
    }

    func testDihedralIdentitiesHoldOnRGB() {
        let rgb = ByteImage(width: 4, height: 3, channels: 3, samples: (0..<36).map { UInt8($0 * 7 % 256) })
        XCTAssertEqual(rgb.transposed().flippedHorizontally(), rgb.rotated90(3))
        XCTAssertEqual(rgb.flippedHorizontally().flippedVertically(), rgb.rotated90(2))
    }
}
