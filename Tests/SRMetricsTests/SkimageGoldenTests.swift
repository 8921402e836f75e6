import Foundation
import SRImage
import SRTestSupport
import XCTest
@testable import SRMetrics

/// PSNR and SSIM on the synthetic PNG pairs in `Fixtures/images/metrics`, against the values
/// scikit-image 0.19.3 gives (`Fixtures/golden/metrics/skimage.json`, made by
/// `Fixtures/scripts/make_metric_goldens.py`): `structural_similarity(gaussian_weights=True,
/// sigma=1.5, use_sample_covariance=False, data_range=255)` and `peak_signal_noise_ratio`.
final class SkimageGoldenTests: XCTestCase {
    struct Golden: Decodable {
        struct Case: Decodable {
            let image: String
            let reference: String
            let options: MetricOptions
            let psnr: Double
            let ssim: Double
        }
        let pixel_sha256: [String: String]
        let cases: [Case]
    }

    let images = SharedData.fixtures.appendingPathComponent("images/metrics")

    func loadGolden() throws -> Golden {
        let url = SharedData.fixtures.appendingPathComponent("golden/metrics/skimage.json")
        return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }

    func decode(_ name: String) throws -> ByteImage {
        try ImageDecoder.decode(contentsOf: images.appendingPathComponent(name).path)
    }

    /// The decoder gives Pillow's pixels, so any difference below is the metric's.
    func testFixturesDecodeToThePixelsTheGoldensWereMadeFrom() throws {
        let golden = try loadGolden()
        XCTAssertEqual(golden.pixel_sha256.count, 4)
        for (name, digest) in golden.pixel_sha256 {
            let image = try decode(name)
            XCTAssertEqual([image.width, image.height], [48, 40], name)
            XCTAssertEqual(Digest.sha256Hex(image.samples), digest, name)
        }
    }

    /// Every (pair, options) case: grey and RGB; Y unrounded or rounded, grey through RGB or as Y;
    /// shaves 0 to 4. Differences come only from summation order: at most 2e-15 (SSIM) when written.
    func testPSNRAndSSIMMatchScikitImage() throws {
        let golden = try loadGolden()
        XCTAssertEqual(golden.cases.count, 12)
        for c in golden.cases {
            let sr = try decode(c.image), hr = try decode(c.reference)
            let label = "\(c.image) \(c.options)"
            XCTAssertEqual(try PSNR().evaluate(sr, reference: hr, options: c.options), c.psnr, accuracy: 1e-12, label)
            XCTAssertEqual(try SSIM().evaluate(sr, reference: hr, options: c.options), c.ssim, accuracy: 1e-12, label)
        }
    }
}
