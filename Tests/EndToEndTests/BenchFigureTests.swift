import Foundation
import SRImage
import SRTestSupport
import XCTest

/// `bench figure`: the zoomed-crop SVG of one image, its pixels and its errors.
final class BenchFigureTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func figure(_ run: ComparisonRun, _ extra: [String], image: String = "butterfly", scale: String = "3") throws -> CommandRunner.Result {
        try ComparisonRun.bench(["figure", "--report", run.report, "--images", run.images, "--dataset", "set5", "--scale", scale,
                                 "--image", image, "--output", dir.appendingPathComponent("fig.svg").path] + extra)
    }

    /// Each `<image data-tile="…">` of the SVG, decoded from its PNG data URI.
    func tiles(_ svg: String) throws -> [String: ByteImage] {
        var out = [String: ByteImage]()
        for part in svg.components(separatedBy: "<image ").dropFirst() {
            let tile = part.components(separatedBy: "data-tile=\"")[1].prefix { $0 != "\"" }
            let uri = part.components(separatedBy: "xlink:href=\"data:image/png;base64,")[1].prefix { $0 != "\"" }
            out[String(tile)] = try ImageDecoder.decode(bytes: [UInt8](Data(base64Encoded: String(uri))!))
        }
        return out
    }

    /// `crop` is `image`'s `region` enlarged `zoom` times, pixel for pixel.
    func assertZoomedCrop(_ crop: ByteImage?, of image: ByteImage, x: Int, y: Int, w: Int, h: Int, zoom: Int, _ label: String) {
        guard let crop else { return XCTFail("no tile \(label)") }
        XCTAssertEqual([crop.width, crop.height, crop.channels], [w * zoom, h * zoom, image.channels], label)
        var bad = 0
        for yy in 0..<crop.height {
            for xx in 0..<crop.width {
                for c in 0..<crop.channels where crop[xx, yy, c] != image[x + xx / zoom, y + yy / zoom, c] { bad += 1 }
            }
        }
        XCTAssertEqual(bad, 0, "\(label): samples differing from the saved image")
    }

    func testCropsDecodeToExactlyTheSavedSRPixels() throws {
        let run = try ComparisonRun.shared()
        let r = try figure(run, ["--region", "100,60,40,32"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "\(dir.path)/fig.svg: butterfly (set5 x3), window 100,60,40,32, crops x4\n")
        let svg = try String(contentsOfFile: dir.appendingPathComponent("fig.svg").path, encoding: .utf8)
        let decoded = try tiles(svg)
        XCTAssertEqual(Set(decoded.keys), Set(["HR full", "HR"] + ComparisonRun.models))
        for (name, folder) in zip(ComparisonRun.models, ["bicubic", "srcnn-9-5-5_x3.mat", "srcnn-9-1-5_x3.mat"]) {
            let saved = try ImageDecoder.decode(contentsOf: "\(run.images)/\(folder)/set5/x3/butterfly.png")
            assertZoomedCrop(decoded[name], of: saved, x: 100, y: 60, w: 40, h: 32, zoom: 4, name)
        }
        // The HR crop is the scored Y: the saved bicubic output is close to it, never equal everywhere.
        XCTAssertEqual(decoded["HR"]?.channels, 1)
        XCTAssertEqual(decoded["HR full"]?.channels, 3, "the overview is the colour HR")
        // Labels are text, with each model's PSNR / SSIM on this image.
        XCTAssertTrue(svg.contains(">srcnn-9-5-5:x3.mat</text>"), svg.prefix(3000).description)
        XCTAssertTrue(svg.contains(">27.95 dB / 0.9098</text>"))
        XCTAssertTrue(svg.contains("stroke=\"#e00000\""), "the region is boxed on the HR")
    }

    func testWithoutARegionTheWindowIsWhereTheModelsDifferMost() throws {
        let run = try ComparisonRun.shared()
        let r = try figure(run, [])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(", window "), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix(",48,48, crops x3\n"), r.stdout)
    }

    func testBadRegionsAndUnknownImagesAreClearErrors() throws {
        let run = try ComparisonRun.shared()
        let outside = try figure(run, ["--region", "250,0,48,48"])
        XCTAssertEqual(outside.status, 1)
        XCTAssertEqual(outside.stderr, "Error: --region 250,0,48,48 lies outside set5 x3 butterfly, which is 255x255 as scored; choose x+w <= 255 and y+h <= 255.\n")
        let empty = try figure(run, ["--region", "10,10,0,48"])
        XCTAssertEqual(empty.stderr, "Error: --region '10,10,0,48': width and height must be positive; give x,y,w,h in pixels of the HR as scored, e.g. --region 120,80,48,48.\n")
        let unknown = try figure(run, [], image: "barbara")
        XCTAssertEqual(unknown.stderr, "Error: \(run.report) has no image 'barbara' in set5 x3; its images are baby, bird, butterfly, head, woman.\n")
        let scale = try figure(run, [], scale: "4")
        XCTAssertEqual(scale.stderr, "Error: \(run.report) has no set5 x4; it holds set5 x3; pass one of these with --dataset and --scale.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("fig.svg").path))
    }

    /// `rsvg-convert` (Debian librsvg2-bin, installed by .ci/run) turns the figure into a PDF whose
    /// text stays text: the fonts are embedded and the labels can be found in the page content.
    func testTheSVGConvertsToAPDFWithRealText() throws {
        let run = try ComparisonRun.shared()
        let tool = try Tools.require("rsvg-convert")
        XCTAssertEqual(try figure(run, ["--region", "100,60,40,32"]).status, 0)
        let pdf = dir.appendingPathComponent("fig.pdf").path
        let r = try Tools.run(tool, ["-f", "pdf", "-o", pdf, dir.appendingPathComponent("fig.svg").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        XCTAssertEqual(String(decoding: bytes.prefix(5), as: UTF8.self), "%PDF-")
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("/FontFile"), "an embedded font, so the labels are vector text")
        XCTAssertTrue(text.contains("/Subtype /Image"), "the crops are images")
    }
}
