import Foundation
import SRImage
import XCTest
@testable import SRReports

/// How the gallery picks its window and embeds its pictures.
final class CropFinderTests: XCTestCase {
    func flat(_ w: Int, _ h: Int, _ v: UInt8 = 100, channels: Int = 1) -> ByteImage {
        ByteImage(width: w, height: h, channels: channels, samples: [UInt8](repeating: v, count: w * h * channels))
    }

    /// `image` with a `size`×`size` block at (x, y) set to `v`.
    func with(_ image: ByteImage, block x: Int, _ y: Int, size: Int, value v: UInt8) -> ByteImage {
        var s = image.samples
        for yy in y..<(y + size) { for xx in x..<(x + size) { for c in 0..<image.channels { s[(yy * image.width + xx) * image.channels + c] = v } } }
        return ByteImage(width: image.width, height: image.height, channels: image.channels, samples: s)
    }

    func testTheWindowCoversWhereOneMethodIsWorseThanAnother() {
        let hr = flat(120, 90)
        // Both methods are off everywhere by the same amount, but one is badly wrong in an 8x8 block.
        let good = flat(120, 90, 104), bad = with(flat(120, 90, 104), block: 70, 50, size: 8, value: 200)
        let r = CropFinder.mostDifferent(reference: hr, candidates: [good, bad], shave: 3, size: 16)
        XCTAssertEqual(r.width, 16)
        XCTAssertTrue(r.x <= 70 && r.x + 16 >= 78 && r.y <= 50 && r.y + 16 >= 58, "\(r)")
        // Ties in spread go to the first window in reading order: the block's top-left corner.
        XCTAssertEqual(r, CropRegion(x: 62, y: 42, width: 16, height: 16))
    }

    func testErrorsTheMethodsShareDoNotAttractTheWindow() {
        let hr = flat(100, 100)
        // A region where every method fails alike, and a weaker one where they disagree.
        let a = with(with(flat(100, 100), block: 10, 10, size: 10, value: 255), block: 60, 60, size: 10, value: 130)
        let b = with(flat(100, 100), block: 10, 10, size: 10, value: 255)
        let r = CropFinder.mostDifferent(reference: hr, candidates: [a, b], shave: 0, size: 10)
        XCTAssertEqual(r, CropRegion(x: 60, y: 60, width: 10, height: 10))
    }

    func testTheWindowStaysOffTheShavedBorderAndShrinksToFit() {
        let hr = flat(30, 20, channels: 3)
        // The only difference is in the border the metrics ignore.
        let a = with(flat(30, 20, channels: 3), block: 0, 0, size: 2, value: 0)
        let r = CropFinder.mostDifferent(reference: hr, candidates: [a, hr], shave: 4)
        XCTAssertEqual(r, CropRegion(x: 4, y: 4, width: 12, height: 12), "48 does not fit in 22x12")
        XCTAssertEqual(CropFinder.mostDifferent(reference: flat(6, 6), candidates: [flat(6, 6)], shave: 4),
                       CropRegion(x: 0, y: 0, width: 6, height: 6), "no room inside the shave: the whole image")
    }

    func testNearestNeighbourEnlargementRepeatsEveryPixel() {
        let image = ByteImage(width: 2, height: 1, channels: 3, samples: [1, 2, 3, 4, 5, 6])
        let big = EmbeddedImage.enlarged(image, by: 3)
        XCTAssertEqual(big.width, 6)
        XCTAssertEqual(big.height, 3)
        XCTAssertEqual(Array(big.samples[0..<18]), [1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 4, 5, 6])
        XCTAssertEqual(big.samples[18..<36], big.samples[0..<18])
        XCTAssertEqual(EmbeddedImage.zoom(for: CropRegion(x: 0, y: 0, width: 48, height: 30), target: 192), 4)
        XCTAssertEqual(EmbeddedImage.zoom(for: CropRegion(x: 0, y: 0, width: 400, height: 30), target: 192), 1)
    }

    func testEmbeddedPNGDecodesToTheSamePixels() throws {
        let image = ByteImage(width: 3, height: 2, channels: 1, samples: [0, 50, 100, 150, 200, 255])
        let uri = try EmbeddedImage.png(image)
        XCTAssertTrue(uri.hasPrefix("data:image/png;base64,"))
        let bytes = [UInt8](Data(base64Encoded: String(uri.dropFirst("data:image/png;base64,".count)))!)
        XCTAssertEqual(try ImageDecoder.decode(bytes: bytes), image)
    }
}

/// The chart and the page's text handling.
final class HTMLPiecesTests: XCTestCase {
    func testTextIsEscapedForElementsAndAttributes() {
        XCTAssertEqual(HTMLText.escape("exec:python3 m.py \"a<b>\" & 'c'"), "exec:python3 m.py &quot;a&lt;b&gt;&quot; &amp; &#39;c&#39;")
        XCTAssertEqual(HTMLText.identifier("set5/baby x2"), "set5-baby-x2")
    }

    func testChartPlacesOnePointPerTimedModelAndListsTheOthers() {
        let chart = AccuracySpeedChart(title: "Set5 ×3", points: [
            .init(model: "bicubic", colour: "#4e79a7", seconds: 0.0012, psnr: 30.39),
            .init(model: "srcnn", colour: "#f28e2b", seconds: 0.43, psnr: 32.75),
        ], omitted: ["dir:<x>"]).svg()
        XCTAssertEqual(chart.components(separatedBy: "<circle").count - 1, 2)
        XCTAssertTrue(chart.contains("data-model=\"srcnn\""))
        XCTAssertTrue(chart.contains("not shown (no time or infinite PSNR): dir:&lt;x&gt;"), chart)
        for tick in ["1 ms", "10 ms", "0.1 s", "1 s"] { XCTAssertTrue(chart.contains(">\(tick)</text>"), tick) }
        XCTAssertFalse(chart.contains("nan") || chart.contains("\"inf"), chart)
        // Higher PSNR is drawn higher (smaller y).
        let ys = chart.components(separatedBy: "cy=\"").dropFirst().map { Double($0.prefix { $0 != "\"" })! }
        XCTAssertLessThan(ys[1], ys[0])
    }

    func testChartAxisStepsAreRound() {
        XCTAssertEqual(AccuracySpeedChart.niceStep(0.37), 0.5)
        XCTAssertEqual(AccuracySpeedChart.niceStep(1.2), 2)
        XCTAssertEqual(AccuracySpeedChart.niceStep(0.0), 1)
        XCTAssertEqual(AccuracySpeedChart.secondsLabel(-4), "0.1 ms")
    }
}
