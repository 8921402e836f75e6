import SRImage
import XCTest
@testable import SRMetrics

final class MetricRegistryTests: XCTestCase {
    func testStandardRegistryHasPSNRThenSSIM() throws {
        XCTAssertEqual(MetricRegistry.standard.names, ["psnr", "ssim"])
        XCTAssertTrue(try MetricRegistry.standard.metric(named: "psnr") is PSNR)
        XCTAssertTrue(try MetricRegistry.standard.metric(named: "ssim") is SSIM)
    }

    func testUnknownNameListsTheKnownOnes() {
        XCTAssertThrowsError(try MetricRegistry.standard.metric(named: "PSNR")) { error in
            XCTAssertEqual("\(error)", "Unknown metric 'PSNR'; known metrics: psnr, ssim.")
        }
        XCTAssertThrowsError(try MetricRegistry.standard.metrics(named: ["ssim", "lpips"])) { error in
            XCTAssertEqual(error as? MetricsError, .unknownMetric(name: "lpips", known: ["psnr", "ssim"]))
        }
    }

    func testDuplicateNamesAreRejected() throws {
        var registry = MetricRegistry()
        try registry.register(PSNR())
        XCTAssertThrowsError(try registry.register(PSNR())) { error in
            XCTAssertEqual("\(error)", "Metric 'psnr' was already registered; give the new metric another name.")
        }
        XCTAssertEqual(registry.names, ["psnr"])
    }

    /// A metric defined outside SRMetrics only implements the planes core and still gets the
    /// byte-image, float-image and report paths, and a registry slot.
    func testANewMetricIsOneTypeAndOneRegistration() throws {
        struct MeanAbsoluteError: Metric {
            var name: String { "mae" }
            var displayName: String { "MAE" }
            var fractionDigits: Int { 2 }
            func evaluate(_ image: Planes, reference: Planes) throws -> Double {
                zip(image.samples, reference.samples).map { abs($0 - $1) }.reduce(0, +) / Double(image.samples.count)
            }
        }
        var registry = MetricRegistry.standard
        try registry.register(MeanAbsoluteError())
        let a = TestImages.constant(10, width: 12, height: 12, channels: 3)
        let b = TestImages.constant(13, width: 12, height: 12, channels: 3)
        let report = try MetricsReport(image: a, reference: b, options: MetricOptions(channel: .rgb),
                                       metrics: registry.metrics(named: ["mae", "psnr"]))
        XCTAssertEqual(report.text, "MAE 3.00  PSNR 38.5884 dB")
    }
}
