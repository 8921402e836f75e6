import Foundation
import SRImage
import SRTestSupport
import XCTest
import SRMetrics

/// Runs the built `bench metrics` on the fixture PNGs and compares stdout, stderr and status.
final class BenchMetricsCommandTests: XCTestCase {
    let images = SharedData.fixtures.appendingPathComponent("images/metrics")

    func path(_ name: String) -> String { images.appendingPathComponent(name).path }

    func bench(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("bench", arguments)
    }

    /// The text line carries the library's values, rounded to 4 and 6 decimals.
    func testTextOutputMatchesTheLibrary() throws {
        let sr = try ImageDecoder.decode(contentsOf: path("rgb_sr.png"))
        let hr = try ImageDecoder.decode(contentsOf: path("rgb_hr.png"))
        let options = MetricOptions(shave: 3, channel: .y, roundY: true)
        let psnr = try PSNR().evaluate(sr, reference: hr, options: options)
        let ssim = try SSIM().evaluate(sr, reference: hr, options: options)
        let r = try bench(["metrics", path("rgb_sr.png"), path("rgb_hr.png"), "--shave", "3", "--round-y"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, String(format: "PSNR %.4f dB  SSIM %.6f\n", psnr, ssim))
        XCTAssertEqual(r.stdout, "PSNR 36.9564 dB  SSIM 0.931750\n") // skimage: 36.956419, 0.93174984
    }

    func testJSONCarriesValuesAndOptions() throws {
        struct Output: Decodable {
            let psnr: Double, ssim: Double, image: String, reference: String, options: MetricOptions
        }
        let r = try bench(["metrics", path("gray_sr.png"), path("gray_hr.png"),
                           "--channel", "y", "--gray", "use-as-y", "--shave", "2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = try JSONDecoder().decode(Output.self, from: Data(r.stdout.utf8))
        XCTAssertEqual(out.psnr, 31.91426829479844, accuracy: 1e-9)
        XCTAssertEqual(out.ssim, 0.876653973185781, accuracy: 1e-9)
        XCTAssertEqual(out.options, MetricOptions(shave: 2, channel: .y, roundY: false, grayHandling: .useAsY))
        XCTAssertEqual([out.image, out.reference], [path("gray_sr.png"), path("gray_hr.png")])
    }

    func testIdenticalImagesWriteInfAsAString() throws {
        let r = try bench(["metrics", path("rgb_hr.png"), path("rgb_hr.png"), "--json", "--metrics", "psnr"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(#""psnr":"inf""#), r.stdout)
        XCTAssertFalse(r.stdout.contains("ssim"), r.stdout)
        let text = try bench(["metrics", path("rgb_hr.png"), path("rgb_hr.png")])
        XCTAssertEqual(text.stdout, "PSNR inf dB  SSIM 1.000000\n")
    }

    func testMetricErrorsPrintOneSentenceAndExitOne() throws {
        let mismatch = try bench(["metrics", path("rgb_sr.png"), path("gray_hr.png")])
        XCTAssertEqual(mismatch.status, 1)
        XCTAssertEqual(mismatch.stdout, "")
        XCTAssertEqual(mismatch.stderr,
                       "Error: SR image has 3 channels but the reference has 1 channel; give both images the same channels (grey or RGB).\n")
        let window = try bench(["metrics", path("rgb_sr.png"), path("rgb_hr.png"), "--shave", "15"])
        XCTAssertEqual(window.status, 1)
        XCTAssertEqual(window.stderr,
                       "Error: Images are 18x10 after shaving 15 pixels per side, smaller than the 11x11 SSIM window; use larger images or a smaller shave.\n")
        let unknown = try bench(["metrics", path("rgb_sr.png"), path("rgb_hr.png"), "--metrics", "psnr,lpips"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "Error: Unknown metric 'lpips'; known metrics: psnr, ssim.\n")
    }

    func testHelpDocumentsInfAndTheOptions() throws {
        let r = try bench(["metrics", "--help"])
        XCTAssertEqual(r.status, 0)
        for text in [#"written as the string "inf""#, "--channel <y|rgb>", "--gray <use-as-y|through-rgb>", "--round-y", "--shave <pixels>", "--json"] {
            XCTAssertTrue(r.stdout.contains(text), "missing \(text) in\n\(r.stdout)")
        }
    }
    /// Memory is the two decoded images plus a few rows, not Float copies of whole images: on a
    /// 4096x4096 grey pair (16 MiB each decoded) the peak was 344 MiB when Y and the Float64
    /// planes were materialised, and is about 75 MiB now (2^28 pixels: Benchmarks/metrics_memory.sh).
    func testPeakMemoryStaysNearTheDecodedImages() throws {
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = 4096
        var a = [UInt8](repeating: 0, count: n * n), b = a
        for y in 0..<n { for x in 0..<n { a[y * n + x] = UInt8(truncatingIfNeeded: x * 5 + y * 3); b[y * n + x] = 255 &- a[y * n + x] } }
        let sr = dir.appendingPathComponent("sr.png").path, hr = dir.appendingPathComponent("hr.png").path
        try ImageEncoder.write(ByteImage(width: n, height: n, channels: 1, samples: a), to: sr)
        try ImageEncoder.write(ByteImage(width: n, height: n, channels: 1, samples: b), to: hr)
        let r = try PeakMemory.run("bench", ["metrics", sr, hr])
        XCTAssertEqual(r.status, 0)
        XCTAssertLessThan(r.peakBytes, 160 << 20, "peak \(r.peakBytes >> 20) MiB")
    }
}
