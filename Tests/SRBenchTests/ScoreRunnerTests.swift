import Foundation
import SRImage
import SRTestSupport
import XCTest
@testable import SRBench

/// A plugin that returns an image one pixel too narrow, to test the runner's size check.
struct TooNarrowPlugin: ModelPlugin {
    var name: String { "too-narrow" }
    func upscale(_ input: ModelInput) throws -> FloatImage {
        FloatImage(width: input.outputWidth - 1, height: input.outputHeight, channels: input.lr.channels)
    }
}

final class ScoreRunnerTests: XCTestCase {
    var root: URL!
    var catalog: DatasetCatalog!

    override func setUpWithError() throws {
        root = try CommandRunner.makeTemporaryDirectory()
        catalog = try DatasetCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets"))
        // A synthetic Set5 in the plain layout: smooth gradients, odd sizes so modcrop matters.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Set5"), withIntermediateDirectories: true)
        for (i, name) in ["baby", "bird", "butterfly", "head", "woman"].enumerated() {
            let w = 31 + i, h = 29
            var s = [UInt8]()
            for y in 0..<h { for x in 0..<w { s += [UInt8((x * 7 + y * 3) % 256), UInt8((x * y) % 256), UInt8((200 - x * 2) % 256)] } }
            try ImageEncoder.write(ByteImage(width: w, height: h, channels: 3, samples: s), to: root.appendingPathComponent("Set5/\(name).png").path)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func testWrongOutputSizeNamesTheExpectedSize() throws {
        let request = ScoreRequest(model: TooNarrowPlugin(), datasets: ["set5"], scales: [2], dataRoot: root.path, evaluation: .srcnn)
        XCTAssertThrowsError(try ScoreRunner(catalog: catalog).run(request)) { error in
            XCTAssertEqual("\(error)", "\(root.path)/Set5/baby.png: the SR image is 29x28 but the HR is 30x28; the model must output exactly 30x28.")
        }
    }

    func testScoresArePerImageMeansAndModcropApplies() throws {
        let request = ScoreRequest(model: InterpolationPlugin(method: .bicubic), datasets: ["set5"], scales: [2, 3],
                                   dataRoot: root.path, evaluation: .basicsr)
        let report = try ScoreRunner(catalog: catalog).run(request)
        XCTAssertEqual(report.cells.map(\.scale), [2, 3])
        let cell = report.cells[0]
        XCTAssertEqual(cell.images.map(\.name), ["baby", "bird", "butterfly", "head", "woman"])
        let mean = cell.images.map(\.psnr.value).reduce(0, +) / 5
        XCTAssertEqual(cell.psnr.value, mean, accuracy: 1e-12)
        XCTAssertGreaterThan(cell.psnr.value, 20)
        XCTAssertEqual(report.datasets[0].layout, "plain")
        XCTAssertEqual(report.datasets[0].sha256.count, 5)
        XCTAssertEqual(report.evaluation.name, "basicsr")
    }

    func testSavedImagesHaveTheModcroppedSize() throws {
        let out = root.appendingPathComponent("sr").path
        let request = ScoreRequest(model: InterpolationPlugin(method: .nearest), datasets: ["set5"], scales: [3],
                                   dataRoot: root.path, evaluation: .srcnn, saveImagesDirectory: out)
        _ = try ScoreRunner(catalog: catalog).run(request)
        let saved = try ImageDecoder.decode(contentsOf: out + "/set5/x3/bird.png")
        XCTAssertEqual([saved.width, saved.height, saved.channels], [30, 27, 1], "srcnn scores Y, so the SR is one channel")
    }

    func testProvidedLRIsRequiredToExist() throws {
        let request = ScoreRequest(model: InterpolationPlugin(method: .bicubic), datasets: ["set5"], scales: [2],
                                   dataRoot: root.path, evaluation: .basicsr, lrSource: .provided)
        XCTAssertThrowsError(try ScoreRunner(catalog: catalog).run(request)) { error in
            XCTAssertEqual("\(error)", "set5/baby: no provided LR image for x2 in this layout; use --lr generate or add the LR files (e.g. LRbicx2/).")
        }
    }

    func testUnknownModelAndProtocolListTheKnownOnes() {
        XCTAssertThrowsError(try ModelPluginRegistry.plugin(named: "edsr")) { error in
            XCTAssertEqual("\(error)", "Unknown model 'edsr'; built-in models: bicubic, bicubic-uint8, nearest, bilinear, pillow-bicubic, lanczos, a checkpoint file (.mat, torch.save, safetensors; no file 'edsr' exists), exec:'COMMAND {input_dir} {output_dir} {scale}' or dir:PATH.")
        }
        XCTAssertThrowsError(try EvaluationProtocol.preset("matlab")) { error in
            XCTAssertEqual("\(error)", "Unknown protocol 'matlab'; known protocols: srcnn, basicsr, selfexsr.")
        }
    }
}
