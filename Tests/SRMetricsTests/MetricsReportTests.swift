import Foundation
import SRImage
import XCTest
@testable import SRMetrics

final class MetricsReportTests: XCTestCase {
    let hr = TestImages.texture(width: 16, height: 14, channels: 3)

    func testTextLineHasFixedDecimalsAndUnits() throws {
        let sr = ByteImage(width: 16, height: 14, channels: 3, samples: hr.samples.map { $0 ^ 1 })
        let report = try MetricsReport(image: sr, reference: hr, options: MetricOptions(channel: .rgb))
        // Every sample differs by exactly 1: PSNR = 20·log10(255).
        XCTAssertEqual(report["psnr"]!, 48.130803608679102, accuracy: 1e-12)
        XCTAssertEqual(report.text, String(format: "PSNR 48.1308 dB  SSIM %.6f", report["ssim"]!))
    }

    func testIdenticalImagesPrintInfAndJSONWritesTheStringInf() throws {
        let options = MetricOptions(shave: 1, channel: .y, roundY: true, grayHandling: .useAsY)
        let report = try MetricsReport(image: hr, reference: hr, options: options,
                                       imageLabel: "out/sr.png", referenceLabel: "hr.png")
        XCTAssertEqual(report.text, "PSNR inf dB  SSIM 1.000000")
        XCTAssertEqual(try report.json(), """
            {"image":"out/sr.png","options":{"channel":"y","gray":"use-as-y","round_y":true,"shave":1},"psnr":"inf","reference":"hr.png","ssim":1}
            """)
    }

    /// Values are written with enough digits to read back the same Double (JSONDecoder; Linux
    /// `JSONSerialization` parses numbers less exactly and is not used here).
    func testJSONNumbersRoundTripExactly() throws {
        struct Decoded: Decodable {
            let psnr: Double, ssim: Double, image: String?, options: MetricOptions
        }
        let sr = TestImages.texture(width: 16, height: 14, channels: 3, seed: 9)
        let report = try MetricsReport(image: sr, reference: hr, options: MetricOptions())
        let decoded = try JSONDecoder().decode(Decoded.self, from: Data(report.json().utf8))
        XCTAssertEqual(decoded.psnr, report["psnr"])
        XCTAssertEqual(decoded.ssim, report["ssim"])
        XCTAssertNil(decoded.image)
        XCTAssertEqual(decoded.options, MetricOptions())
        XCTAssertTrue(try report.json().contains(#""options":{"channel":"y","gray":"through-rgb","round_y":false,"shave":0}"#))
    }
}
