import Foundation
import SRImage
import SRTestSupport
import XCTest
@testable import SRBench

/// `--model 'DIR/x{scale}.mat'`: one checkpoint per scale.
final class PerScaleCheckpointPluginTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
        // Two fixture SRCNN MAT files (single precision; compressed double) as the x2 and x3 weights.
        let models = SharedData.fixtures.appendingPathComponent("models")
        try FileManager.default.copyItem(at: models.appendingPathComponent("srcnn_small_single.mat"), to: dir.appendingPathComponent("x2.mat"))
        try FileManager.default.copyItem(at: models.appendingPathComponent("srcnn_small_double_z.mat"), to: dir.appendingPathComponent("x3.mat"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testEachScaleUsesItsOwnCheckpoint() throws {
        let pattern = dir.appendingPathComponent("x{scale}.mat").path
        let plugin = try ModelPluginRegistry.plugin(named: pattern) as! PerScaleCheckpointPlugin
        XCTAssertEqual(plugin.networks.keys.sorted(), [2, 3])
        XCTAssertTrue(plugin.name.hasSuffix(":x{scale}.mat"), plugin.name)
        XCTAssertEqual(plugin.reportDetails["x3 checkpoint"], dir.appendingPathComponent("x3.mat").path)
        XCTAssertEqual(plugin.reportDetails["x2 sha256"], try NativeModelPlugin(path: dir.appendingPathComponent("x2.mat").path).sha256)
        let lr = FloatImage(width: 8, height: 6, channels: 1, samples: (0..<48).map { Float($0 * 5) })
        for scale in [2, 3] {
            let input = ModelInput(lr: lr, scale: scale, outputWidth: 8 * scale, outputHeight: 6 * scale, imageName: "a", dataset: "set5")
            let alone = try NativeModelPlugin(path: dir.appendingPathComponent("x\(scale).mat").path).upscale(input)
            XCTAssertEqual(try plugin.upscale(input), alone, "x\(scale)")
        }
    }

    func testAScaleWithoutAFileAndAPatternMatchingNothingAreErrors() throws {
        let pattern = dir.appendingPathComponent("x{scale}.mat").path
        let plugin = try PerScaleCheckpointPlugin(pattern: pattern)
        let input = ModelInput(lr: FloatImage(width: 4, height: 4, channels: 1), scale: 4, outputWidth: 16, outputHeight: 16, imageName: "a", dataset: "set5")
        XCTAssertThrowsError(try plugin.upscale(input)) {
            XCTAssertEqual("\($0)", "--model \(pattern): there is no checkpoint for x4 (\(dir.path)/x4.mat does not exist; found x2, x3); add that file or leave x4 out of --scales.")
        }
        let none = dir.appendingPathComponent("y{scale}.mat").path
        XCTAssertThrowsError(try ModelPluginRegistry.plugin(named: none)) {
            XCTAssertEqual("\($0)", "--model \(none): no checkpoint matches for any scale 1...16 (e.g. \(dir.path)/y2.mat does not exist); check the path; {scale} stands for the scale factor, e.g. model/x{scale}.mat.")
        }
    }
}
