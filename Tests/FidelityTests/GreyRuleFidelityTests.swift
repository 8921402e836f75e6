import Foundation
import SRImage
import SRMetrics
import SRTestSupport
import XCTest
@testable import SRBench

/// Set14 `man` (an RGB file with equal channels) and `bridge` (a one-channel file) through a
/// built-in model, `exec:` and `dir:` under every protocol: the grey rule decides by storage, so
/// the same files give the same numbers whichever plugin hands them over.
final class GreyRuleFidelityTests: XCTestCase {
    var work: URL!
    var catalog: DatasetCatalog!
    var root: URL!

    override func setUpWithError() throws {
        root = try SharedData.require(SharedData.datasets)
        work = try CommandRunner.makeTemporaryDirectory()
        // A catalogue of just the two images, so each run is quick; the files are the real ones.
        let cat = work.appendingPathComponent("catalog")
        try FileManager.default.createDirectory(at: cat, withIntermediateDirectories: true)
        try """
            name: set14
            title: Set14
            note: bridge and man of Set14
            count: 2
            images:
              - name: "bridge"
              - name: "man"
            """.write(to: cat.appendingPathComponent("set14.yaml"), atomically: true, encoding: .utf8)
        catalog = try DatasetCatalog(folder: cat)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    let scales = [2, 3, 4]

    func run(_ model: any ModelPlugin, _ p: EvaluationProtocol, save: String? = nil) throws -> [String: [Double]] {
        let report = try ScoreRunner(catalog: catalog).run(ScoreRequest(model: model, datasets: ["set14"], scales: scales,
                                                                        dataRoot: root.path, evaluation: p, saveImagesDirectory: save))
        var out = [String: [Double]]()
        for cell in report.cells { for i in cell.images { out["\(i.name) x\(cell.scale)"] = [i.psnr.value, i.ssim.value] } }
        return out
    }

    /// `dir:` on `folder` and an `exec:` command that copies the same files, in that order.
    func throughDirAndExec(_ folder: String, _ p: EvaluationProtocol) throws -> [[String: [Double]]] {
        [try run(try DirectoryPlugin(path: folder), p),
         try run(try ExecPlugin(command: "cp \(folder)/{dataset}/x{scale}/*.png {output_dir}/"), p)]
    }

    func testSameFilesGiveSameNumbersThroughEveryPluginUnderEveryProtocol() throws {
        for p in EvaluationProtocol.registry {
            let saved = work.appendingPathComponent("saved-\(p.name)").path
            let builtIn = try run(InterpolationPlugin(method: .bicubic), p, save: saved)
            // srcnn saves Y planes (one channel), basicsr RGB for both, selfexsr RGB man and one-channel bridge.
            let channels = try scales.flatMap { s in try ["bridge", "man"].map { try ImageDecoder.decode(contentsOf: "\(saved)/set14/x\(s)/\($0).png").channels } }
            XCTAssertEqual(channels, ["srcnn": [1, 1], "basicsr": [3, 3], "selfexsr": [1, 3]][p.name]! * 3, p.name)
            for other in try throughDirAndExec(saved, p) { XCTAssertEqual(other, builtIn, p.name) }
        }
    }

    func testGreyStorageOfEqualChannelOutputsScoresAlikeUnderBasicSR() throws {
        let saved = work.appendingPathComponent("rgb").path
        let builtIn = try run(InterpolationPlugin(method: .bicubic), .basicsr, save: saved)
        let grey = work.appendingPathComponent("grey").path
        try copy(saved, to: grey) { rgb in
            ByteImage(width: rgb.width, height: rgb.height, channels: 1, samples: stride(from: 0, to: rgb.samples.count, by: 3).map { rgb.samples[$0] })
        }
        for other in try throughDirAndExec(grey, .basicsr) { XCTAssertEqual(other, builtIn) }
    }

    /// The bug of issue 10: RGB outputs of `man` under srcnn were read as grey (26.54 dB at x2).
    func testRGBOutputsAreScoredOnTheirYUnderSRCNNAndSelfExSR() throws {
        let saved = work.appendingPathComponent("rgb").path
        _ = try run(InterpolationPlugin(method: .bicubic), .basicsr, save: saved)
        for p in [EvaluationProtocol.srcnn, .selfexsr] {
            for scored in try throughDirAndExec(saved, p) {
                for s in scales {
                    let hrMan = try ImageDecoder.decode(contentsOf: root.appendingPathComponent("Set14/original/man.png").path).modcropped(s)
                    let srMan = try ImageDecoder.decode(contentsOf: "\(saved)/set14/x\(s)/man.png")
                    // bench metrics SR HR --round-y --gray use-as-y --shave s
                    let options = MetricOptions(shave: s, channel: .y, roundY: true, grayHandling: .useAsY)
                    XCTAssertEqual(scored["man x\(s)"]![0], try PSNR().evaluate(srMan, reference: hrMan, options: options), accuracy: 1e-9)
                    XCTAssertEqual(scored["man x\(s)"]![1], try SSIM().evaluate(srMan, reference: hrMan, options: options), accuracy: 1e-12)
                    // bridge: an RGB SR against a one-channel HR: rgb2ycbcr of the SR against the HR's values.
                    let hrBridge = try ImageDecoder.decode(contentsOf: root.appendingPathComponent("Set14/original/bridge.png").path).modcropped(s)
                    let srBridge = try ImageDecoder.decode(contentsOf: "\(saved)/set14/x\(s)/bridge.png")
                    XCTAssertEqual(srBridge.channels, 3)
                    XCTAssertEqual(scored["bridge x\(s)"]![0],
                                   try PSNR().evaluate(YCbCr.lumaRounded(srBridge).toFloat(), reference: hrBridge.toFloat(), shave: s), accuracy: 1e-9)
                }
                XCTAssertEqual(scored["man x2"]![0], 29.2428, accuracy: 0.00005, "not 26.54")
            }
        }
    }

    /// A one-channel file is Y under srcnn and selfexsr alike: srcnn's saved Y planes score
    /// exactly as srcnn did when handed to selfexsr.
    func testOneChannelOutputsAreYUnderSRCNNAndSelfExSRAlike() throws {
        let saved = work.appendingPathComponent("y").path
        let srcnn = try run(InterpolationPlugin(method: .bicubic), .srcnn, save: saved)
        for other in try throughDirAndExec(saved, .selfexsr) { XCTAssertEqual(other, srcnn) }
    }

    func copy(_ from: String, to: String, _ transform: (ByteImage) throws -> ByteImage) throws {
        for s in scales {
            let folder = "\(to)/set14/x\(s)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for name in ["bridge", "man"] {
                try ImageEncoder.write(try transform(try ImageDecoder.decode(contentsOf: "\(from)/set14/x\(s)/\(name).png")), to: "\(folder)/\(name).png")
            }
        }
    }
}

/// `[1, 3] * 3` is `[1, 3, 1, 3, 1, 3]`.
private func * (list: [Int], times: Int) -> [Int] { Array((0..<times).map { _ in list }.joined()) }
