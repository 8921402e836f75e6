import Foundation
import SRImage
import SRTestSupport
import XCTest
@testable import SRMetrics

/// The metrics alone against the published Set5 per-image bicubic values
/// (`../shared/reference/README.md`), with the SRCNN recipe written out step by step here so a
/// mismatch points at SRMetrics rather than at the SRBench runner (which has its own test).
final class Set5BicubicFidelityTests: XCTestCase {
    /// README table "Set5 per image (PSNR / SSIM)".
    static let published: [Int: [String: (psnr: Double, ssim: Double)]] = [
        2: ["baby": (37.0660, 0.9520), "bird": (36.8058, 0.9721), "butterfly": (27.4332, 0.9154),
            "head": (34.8580, 0.8623), "woman": (32.1440, 0.9476)],
        3: ["baby": (33.9101, 0.9039), "bird": (32.5723, 0.9256), "butterfly": (24.0364, 0.8216),
            "head": (32.8793, 0.8003), "woman": (28.5628, 0.8896)],
        4: ["baby": (31.7764, 0.8567), "bird": (30.1773, 0.8729), "butterfly": (22.0975, 0.7369),
            "head": (31.5899, 0.7536), "woman": (26.4623, 0.8318)],
    ]

    /// The issue asks for 0.01 dB and 0.0005; every value here is within one unit of the fourth
    /// printed decimal (largest difference seen: 6.2e-5, butterfly x3 PSNR 24.036462 against
    /// 24.0364), so that much tighter bound is what is asserted.
    static let printedDigits = 0.0001

    func testSet5PerImageBicubicUnderTheSRCNNProtocol() throws {
        let folder = try SharedData.require(SharedData.datasets.appendingPathComponent("Set5/original"))
        let bicubic = MatlabBicubic(rounding: .final)
        // Step 4: the metric step of the SRCNN protocol, on Y planes that are already integers.
        for name in ["baby", "bird", "butterfly", "head", "woman"] {
            let image = try ImageDecoder.decode(contentsOf: folder.appendingPathComponent("\(name).png").path)
            for scale in [2, 3, 4] {
                // 1. modcrop; 2. Y = round(rgb2ycbcr), a grey image used as Y.
                let hrY = YCbCr.lumaRounded(try image.modcropped(scale), gray: .useAsY)
                // 3. MATLAB bicubic down and up in floating point, one rounding at the end.
                let lr = try bicubic.resize(hrY.toFloat(), to: .scale(1.0 / Double(scale)))
                let srY = try bicubic.resize(lr, to: .scale(Double(scale))).toBytes()
                // 4. shave = scale, PSNR and SSIM on Y (already Y: channel .rgb takes the plane as is).
                let options = MetricOptions(shave: scale, channel: .rgb)
                let expected = try XCTUnwrap(Self.published[scale]?[name])
                XCTAssertEqual(try PSNR().evaluate(srY, reference: hrY, options: options), expected.psnr,
                               accuracy: Self.printedDigits, "\(name) x\(scale) PSNR")
                XCTAssertEqual(try SSIM().evaluate(srY, reference: hrY, options: options), expected.ssim,
                               accuracy: Self.printedDigits, "\(name) x\(scale) SSIM")
                // The same through the Y options: a one-channel image used as Y is unchanged.
                XCTAssertEqual(try PSNR().evaluate(srY, reference: hrY, options: MetricOptions(
                    shave: scale, channel: .y, roundY: true, grayHandling: .useAsY)),
                               try PSNR().evaluate(srY, reference: hrY, options: options))
            }
        }
    }
}
