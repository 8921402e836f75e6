import Foundation
import SRImage
import SRMetrics
import SRTestSupport
import XCTest
@testable import SRBench

/// A plugin that records the channel count of every LR it is given, then upscales with
/// MATLAB bicubic.
final class ChannelRecorder: ModelPlugin, @unchecked Sendable {
    private let lock = NSLock()
    private var seen = [String: Int]()
    var name: String { "recorder" }
    var channels: [String: Int] { lock.lock(); defer { lock.unlock() }; return seen }
    func upscale(_ input: ModelInput) throws -> FloatImage {
        lock.lock(); seen[input.imageName] = input.lr.channels; lock.unlock()
        return try InterpolationPlugin(method: .bicubic).upscale(input)
    }
}

/// The grey rule: an image is grey when its file stores one channel, never because its values
/// are equal; HR, provided LR and SR follow the same rule under every protocol.
final class GreyRuleTests: XCTestCase {
    var root: URL!
    var catalog: DatasetCatalog!
    /// An RGB HR whose channels are equal (like Set14 `man`) and a one-channel HR (like `bridge`).
    var man: ByteImage!, bridge: ByteImage!

    override func setUpWithError() throws {
        root = try CommandRunner.makeTemporaryDirectory()
        let cat = root.appendingPathComponent("catalog")
        try FileManager.default.createDirectory(at: cat, withIntermediateDirectories: true)
        try """
            name: set14
            title: Set14
            note: two synthetic images named as in Set14
            count: 2
            images:
              - name: "bridge"
                names: {selfexsr: "img_003"}
              - name: "man"
                names: {selfexsr: "img_010"}
            """.write(to: cat.appendingPathComponent("set14.yaml"), atomically: true, encoding: .utf8)
        catalog = try DatasetCatalog(folder: cat)
        let w = 37, h = 33
        var grey = [UInt8]()
        for y in 0..<h { for x in 0..<w { grey.append(UInt8((x * 9 + y * 5 + (x * y) % 17) % 256)) } }
        bridge = ByteImage(width: w, height: h, channels: 1, samples: grey)
        man = bridge.expandedToRGB()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Set14"), withIntermediateDirectories: true)
        try ImageEncoder.write(bridge, to: root.appendingPathComponent("Set14/bridge.png").path)
        try ImageEncoder.write(man, to: root.appendingPathComponent("Set14/man.png").path)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func run(_ model: any ModelPlugin, _ evaluation: EvaluationProtocol, scale: Int = 2, lr: LRSource = .generate,
             save: String? = nil) throws -> ScoreReport {
        try ScoreRunner(catalog: catalog).run(ScoreRequest(model: model, datasets: ["set14"], scales: [scale], dataRoot: root.path,
                                                           evaluation: evaluation, lrSource: lr, saveImagesDirectory: save))
    }

    /// `bench metrics SR HR --round-y --gray use-as-y --shave 2` on the same pair.
    func metrics(_ sr: ByteImage, _ hr: ByteImage) throws -> (Double, Double) {
        let options = MetricOptions(shave: 2, channel: .y, roundY: true, grayHandling: .useAsY)
        return (try PSNR().evaluate(sr, reference: hr, options: options), try SSIM().evaluate(sr, reference: hr, options: options))
    }

    /// An SR image: the HR with a deterministic error, same storage as `hr`.
    func distorted(_ hr: ByteImage) -> ByteImage {
        var out = hr
        for i in out.samples.indices { out.samples[i] = UInt8(clamping: Int(out.samples[i]) + (i / hr.channels) % 7 - 3) }
        return out
    }

    /// Fails on the code before the rule: `dir:` read an RGB file with equal channels as grey and
    /// compared its raw values with the HR's rgb2ycbcr (Set14 `man`: 26.55 dB instead of 29.24).
    func testRGBOutputWithEqualChannelsIsScoredOnItsYUnderSRCNN() throws {
        let results = root.appendingPathComponent("results/Set14").path
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        let hr = try man.modcropped(2), sr = distorted(hr)
        try ImageEncoder.write(sr, to: results + "/man.png")
        try ImageEncoder.write(distorted(try bridge.modcropped(2)), to: results + "/bridge.png")
        let report = try run(try DirectoryPlugin(path: root.appendingPathComponent("results").path), .srcnn)
        let scored = try XCTUnwrap(report.cells[0].images.first { $0.name == "man" })
        let (psnr, ssim) = try metrics(sr, hr)
        XCTAssertEqual(scored.psnr.value, psnr, accuracy: 1e-9)
        XCTAssertEqual(scored.ssim.value, ssim, accuracy: 1e-12)
    }

    func testOneChannelSROfAnRGBHRIsItsYUnderSRCNNAndSelfExSRAndGreyUnderBasicSR() throws {
        // The SR file holds exactly round(rgb2ycbcr(HR)) in one channel.
        for p in [EvaluationProtocol.srcnn, .selfexsr, .basicsr] {
            let results = root.appendingPathComponent("y-\(p.name)").path
            try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
            try ImageEncoder.write(YCbCr.lumaRounded(try man.modcropped(2)), to: results + "/man.png")
            try ImageEncoder.write(try bridge.modcropped(2), to: results + "/bridge.png")
            let report = try run(try DirectoryPlugin(path: results), p)
            let scored = try XCTUnwrap(report.cells[0].images.first { $0.name == "man" })
            let bridgeScore = try XCTUnwrap(report.cells[0].images.first { $0.name == "bridge" })
            XCTAssertEqual(bridgeScore.psnr.value, .infinity, "\(p.name): the HR itself")
            if p.gray == .useAsY {
                XCTAssertEqual(scored.psnr.value, .infinity, "\(p.name): a one-channel file is Y")
            } else {
                // through-rgb: its values are R = G = B, so its Y is 16 + 219 v / 255, not v.
                XCTAssertLessThan(scored.psnr.value, 40, p.name)
            }
        }
    }

    func testGreyAndRGBStorageOfTheSameGreyOutputScoreAlikeUnderBasicSR() throws {
        let saved = root.appendingPathComponent("saved").path
        let original = try run(InterpolationPlugin(method: .bicubic), .basicsr, save: saved)
        // basicsr expands bridge to RGB, so both saved outputs are RGB with equal channels.
        let grey = root.appendingPathComponent("grey/set14/x2").path
        try FileManager.default.createDirectory(atPath: grey, withIntermediateDirectories: true)
        for name in ["bridge", "man"] {
            let rgb = try ImageDecoder.decode(contentsOf: "\(saved)/set14/x2/\(name).png")
            XCTAssertEqual(rgb.channels, 3)
            let one = ByteImage(width: rgb.width, height: rgb.height, channels: 1, samples: stride(from: 0, to: rgb.samples.count, by: 3).map { rgb.samples[$0] })
            XCTAssertEqual(one.expandedToRGB(), rgb, "equal channels")
            try ImageEncoder.write(one, to: "\(grey)/\(name).png")
        }
        let again = try run(try DirectoryPlugin(path: root.appendingPathComponent("grey").path), .basicsr)
        XCTAssertEqual(again.cells[0].images.map(\.psnr), original.cells[0].images.map(\.psnr))
        XCTAssertEqual(again.cells[0].images.map(\.ssim), original.cells[0].images.map(\.ssim))
    }

    func testTheModelGetsChannelsByStorageUnderEachProtocol() throws {
        // Provided LR (SelfExSR layout) and generated LR alike.
        for scale in [2] {
            let folder = root.appendingPathComponent("SelfExSR/Set14/image_SRF_\(scale)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (stem, hr) in [("img_003", bridge!), ("img_010", man!)] {
                let cropped = try hr.modcropped(scale)
                try ImageEncoder.write(cropped, to: "\(folder)/\(stem)_SRF_\(scale)_HR.png")
                try ImageEncoder.write(try MatlabBicubic(rounding: .perPass).resize(cropped, to: .scale(1.0 / Double(scale))),
                                       to: "\(folder)/\(stem)_SRF_\(scale)_LR.png")
            }
        }
        let expected: [String: [String: Int]] = ["srcnn": ["bridge": 1, "man": 1], "basicsr": ["bridge": 3, "man": 3],
                                                 "selfexsr": ["bridge": 1, "man": 3]]
        for p in EvaluationProtocol.registry {
            for lr in LRSource.allCases {
                let recorder = ChannelRecorder()
                let report = try ScoreRunner(catalog: catalog).run(ScoreRequest(
                    model: recorder, datasets: ["set14"], scales: [2], dataRoot: root.appendingPathComponent("SelfExSR").path,
                    evaluation: p, lrSource: lr))
                XCTAssertEqual(recorder.channels, expected[p.name], "\(p.name) \(lr)")
                XCTAssertEqual(report.datasets[0].layout, "selfexsr")
            }
        }
    }
}
