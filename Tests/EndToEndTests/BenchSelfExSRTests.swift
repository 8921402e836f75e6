import Foundation
import SRBench
import SRTestSupport
import XCTest

/// `bench` on SelfExSR's own data tree (../shared/datasets/SelfExSR), as a new user tries it:
/// verify the tree, print SelfExSR's published Bicubic column, save results in SelfExSR's naming
/// and score them back, with method selection.
final class BenchSelfExSRTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try CommandRunner.makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func bench(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("bench", arguments + ["--catalog", SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets").path])
    }

    func testDatasetsVerifyFindsEveryVariantOfTheTree() throws {
        let tree = try SharedData.require(SharedData.datasets.appendingPathComponent("SelfExSR"))
        let r = try bench(["datasets", "verify", "--data-root", tree.path, "--datasets", "set5,set14,bsd100"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(r.stdout, """
            Set5 (5 images): 5/5 found, layout selfexsr (x2, x3, x4)
              x2 variants: selfexsr-x2 5
              x3 variants: selfexsr-x3 5
              x4 variants: selfexsr-x4 5
              checksums: 15 ok, 0 mismatched, 0 not catalogued (catalogue has 5)
            Set14 (14 images): 14/14 found, layout selfexsr (x2, x3, x4)
              x2 variants: selfexsr-x2 14
              x3 variants: selfexsr-x3 14
              x4 variants: selfexsr-x4 14
              checksums: 42 ok, 0 mismatched, 0 not catalogued (catalogue has 14)
            BSD100 (100 images): 100/100 found, layout selfexsr (x4)
              variants: selfexsr-x4 100
              checksums: 100 ok, 0 mismatched, 0 not catalogued (catalogue has 100)

            """)
    }

    func testPublishedBicubicColumnAsPrinted() throws {
        let tree = try SharedData.require(SharedData.datasets.appendingPathComponent("SelfExSR"))
        let r = try bench(["score", "--model", "bicubic-uint8", "--lr", "provided", "--protocol", "selfexsr",
                           "--datasets", "set5,set14", "--scales", "2,3,4", "--data-root", tree.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(3)), [
            "bicubic-uint8 (selfexsr)   x2 PSNR / SSIM   x3 PSNR / SSIM   x4 PSNR / SSIM",
            "set5                       33.64 / 0.9292   30.39 / 0.8678   28.42 / 0.8101",
            "set14                      30.22 / 0.8683   27.53 / 0.7737   25.99 / 0.7023",
        ])
        XCTAssertTrue(r.stdout.contains("protocol selfexsr: channel=y, degrade=matlab-bicubic-uint8, gray=use-as-y, lr_storage=uint8, modcrop=true, model_space=rgb, round_y=true, shave=scale"), r.stdout)
        let bsd = try bench(["score", "--model", "bicubic-uint8", "--lr", "provided", "--protocol", "selfexsr",
                             "--datasets", "bsd100", "--scales", "4", "--data-root", tree.path])
        XCTAssertEqual(bsd.status, 0, bsd.stderr)
        XCTAssertEqual(bsd.stdout.split(separator: "\n")[1], "bsd100                     25.96 / 0.6672")
    }

    func testSelfExSRNamedResultsScoreBackWithMethodSelection() throws {
        let tree = try SharedData.require(SharedData.datasets.appendingPathComponent("SelfExSR"))
        let plain = try SharedData.require(SharedData.datasets)
        let results = dir.appendingPathComponent("results").path
        let common = ["--protocol", "selfexsr", "--datasets", "set5,set14", "--scales", "3", "--format", "csv"]
        let first = try bench(["score", "--model", "bicubic-uint8", "--lr", "provided", "--data-root", tree.path,
                               "--save-images", results, "--save-naming", "selfexsr", "--save-method", "Bicubic"] + common)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: results + "/Set5/image_SRF_3/img_001_SRF_3_Bicubic.png"))
        // A second method in the same folders, as in SelfExSR's released results.
        _ = try bench(["score", "--model", "nearest", "--lr", "provided", "--data-root", tree.path,
                       "--save-images", results, "--save-naming", "selfexsr", "--save-method", "nearest"] + common)
        let several = try bench(["score", "--model", "dir:\(results)", "--data-root", tree.path] + common)
        XCTAssertEqual(several.status, 1)
        XCTAssertEqual(several.stderr, "Error: dir:\(results): \(results)/Set5/image_SRF_3 holds outputs of several methods for set5/baby x3: Bicubic, nearest; pick one with dir:\(results)#METHOD (any case).\n")
        let unknown = try bench(["score", "--model", "dir:\(results)#SRCNN", "--data-root", tree.path] + common)
        XCTAssertEqual(unknown.stderr, "Error: dir:\(results)#SRCNN: no output of method 'SRCNN' for set5/baby x3; the methods present are Bicubic, nearest (any case).\n")
        func psnrs(_ r: CommandRunner.Result) -> [String] { r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[5]) } }
        for root in [tree, plain] {
            let again = try bench(["score", "--model", "dir:\(results)#bicubic", "--data-root", root.path] + common)
            XCTAssertEqual(again.status, 0, again.stderr)
            XCTAssertEqual(psnrs(again), psnrs(first), root.path)
        }
    }

    func testHelpStatesTheGreyRuleAndTheProtocols() throws {
        let r = try CommandRunner.run("bench", ["score", "--help"])
        let text = r.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(text.contains("Grey images, one rule for HR, LR and SR alike: an image is grey when its file stores one channel (a one-channel PNG, BMP, TIFF or JPEG), never because its values are equal."), r.stdout)
        XCTAssertTrue(text.contains("--protocol <protocol> Evaluation protocol: srcnn, basicsr, selfexsr."), r.stdout)
    }
}
