import XCTest
@testable import SRReports

/// `--region` parsing and fitting, with the full error text a user sees.
final class CropRegionTests: XCTestCase {
    func testParsesFourIntegers() throws {
        XCTAssertEqual(try CropRegion.parse("120, 80,48,32"), CropRegion(x: 120, y: 80, width: 48, height: 32))
    }

    func testBadTextZeroSizeAndNegativeOriginAreRefusedWithTheFix() {
        let cases = [
            ("1,2,3", "--region '1,2,3': expected four integers x,y,w,h; give x,y,w,h in pixels of the HR as scored, e.g. --region 120,80,48,48."),
            ("a,b,c,d", "--region 'a,b,c,d': expected four integers x,y,w,h; give x,y,w,h in pixels of the HR as scored, e.g. --region 120,80,48,48."),
            ("10,10,0,48", "--region '10,10,0,48': width and height must be positive; give x,y,w,h in pixels of the HR as scored, e.g. --region 120,80,48,48."),
            ("-1,10,8,8", "--region '-1,10,8,8': x and y must not be negative; give x,y,w,h in pixels of the HR as scored, e.g. --region 120,80,48,48."),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try CropRegion.parse(text), text) { XCTAssertEqual("\($0)", message) }
        }
    }

    func testARegionOutsideTheImageNamesTheImageAndItsSize() throws {
        try CropRegion(x: 0, y: 0, width: 720, height: 576).check(fits: "set14 x3 barbara", width: 720, height: 576)
        XCTAssertThrowsError(try CropRegion(x: 700, y: 0, width: 48, height: 48).check(fits: "set14 x3 barbara", width: 720, height: 576)) {
            XCTAssertEqual("\($0)", "--region 700,0,48,48 lies outside set14 x3 barbara, which is 720x576 as scored; choose x+w <= 720 and y+h <= 576.")
        }
    }
}
