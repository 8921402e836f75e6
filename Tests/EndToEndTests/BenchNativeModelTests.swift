import Foundation
import SRBench
import SRTestSupport
import XCTest

/// `bench score --model FILE`: the authors' SRCNN weights scored as published, and bad checkpoints.
final class BenchNativeModelTests: XCTestCase {
    func bench(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("bench", arguments + ["--catalog", SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets").path])
    }

    /// Scores the official SRCNN 9-5-5 (ImageNet) weights under the `srcnn` protocol and checks the
    /// printed PSNR (2 decimals) and SSIM (4 decimals).
    func assertOfficial(_ dataset: String, scale: Int, psnr: String, ssim: String, line: UInt = #line) throws {
        let root = try SharedData.require(SharedData.datasets)
        let model = try SharedData.require(SharedData.weights.appendingPathComponent("SRCNN_v1_official/model/9-5-5(ImageNet)/x\(scale).mat"))
        let r = try bench(["score", "--model", model.path, "--datasets", dataset, "--scales", String(scale), "--protocol", "srcnn",
                           "--data-root", root.path, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr, line: line)
        let row = r.stdout.split(separator: "\n").map(String.init).last ?? ""
        XCTAssertTrue(row.hasPrefix("srcnn-9-5-5:x\(scale).mat,srcnn,\(dataset),\(scale),"), row, line: line)
        let fields = row.split(separator: ",").map(String.init)
        guard fields.count == 8, let gotPSNR = Double(fields[5]), let gotSSIM = Double(fields[6]) else {
            return XCTFail("unexpected CSV row: \(row)", line: line)
        }
        XCTAssertEqual(String(format: "%.2f", gotPSNR), psnr, row, line: line)
        XCTAssertEqual(String(format: "%.4f", gotSSIM), ssim, row, line: line)
    }

    // Expected values are the SRCNN row of the field's comparison tables (VDSR, CVPR 2016, and the
    // tables copied from it, e.g. ESRGAN's README). The SRCNN TPAMI paper itself prints 30.49 for
    // Set5 x4, where the authors' protocol gives 30.484 (per image 33.127, 32.520, 25.448, 32.444,
    // 28.882); see README "Models".

    func testOfficialSRCNNx2() throws { try assertOfficial("set5", scale: 2, psnr: "36.66", ssim: "0.9542") }

    func testOfficialSRCNNx3() throws { try assertOfficial("set5", scale: 3, psnr: "32.75", ssim: "0.9090") }

    func testOfficialSRCNNx4() throws { try assertOfficial("set5", scale: 4, psnr: "30.48", ssim: "0.8628") }

    func testOfficialSRCNNx4OnSet14() throws { try assertOfficial("set14", scale: 4, psnr: "27.50", ssim: "0.7513") }

    func testAnyExtensionIsDetectedFromBytes() throws {
        let root = try SharedData.require(SharedData.datasets)
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let renamed = dir.appendingPathComponent("srcnn.ckpt").path
        try FileManager.default.copyItem(atPath: SharedData.fixtures.appendingPathComponent("models/srcnn_small.safetensors").path, toPath: renamed)
        let r = try bench(["score", "--model", renamed, "--datasets", "set5", "--scales", "2", "--protocol", "srcnn",
                           "--data-root", root.path, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\nsrcnn-9-3-5:srcnn.ckpt,srcnn,set5,2,5,"), r.stdout)
    }

    func testRGBProtocolWithAYModelIsAClearError() throws {
        let root = try SharedData.require(SharedData.datasets)
        let model = SharedData.fixtures.appendingPathComponent("models/srcnn_small.pth").path
        let r = try bench(["score", "--model", model, "--datasets", "set5", "--scales", "2", "--protocol", "basicsr", "--data-root", root.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("srcnn-9-3-5: the network takes 1 channel(s) but the image has 3; use --protocol srcnn (Y channel)."), r.stderr)
    }

    func testDisallowedPickleGlobalFailsTheCommand() throws {
        let model = SharedData.fixtures.appendingPathComponent("models/evil_os_system.pth").path
        let r = try bench(["score", "--model", model, "--datasets", "set5", "--scales", "2"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("\(model): the pickle names the global 'posix.system', which is not on the allow-list"), r.stderr)
    }
}
