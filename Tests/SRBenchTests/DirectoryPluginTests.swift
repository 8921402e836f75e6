import Foundation
import SRImage
import SRTestSupport
import XCTest
@testable import SRBench

/// `dir:` models: saved outputs score as the run that saved them; names, layouts and errors.
final class DirectoryPluginTests: XCTestCase {
    var root: URL!
    var catalog: DatasetCatalog!

    override func setUpWithError() throws {
        root = try CommandRunner.makeTemporaryDirectory()
        catalog = try DatasetCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets"))
        try SyntheticSet5.write(to: root)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func run(_ model: any ModelPlugin, evaluation: EvaluationProtocol, save: String? = nil) throws -> ScoreReport {
        try ScoreRunner(catalog: catalog).run(ScoreRequest(model: model, datasets: ["set5"], scales: [2, 3], dataRoot: root.path,
                                                           evaluation: evaluation, saveImagesDirectory: save))
    }

    func testSavedImagesScoreExactlyAsTheRunThatSavedThem() throws {
        for evaluation in [EvaluationProtocol.srcnn, .basicsr] {
            let saved = root.appendingPathComponent("sr-\(evaluation.name)").path
            let original = try run(InterpolationPlugin(method: .bicubic), evaluation: evaluation, save: saved)
            let again = try run(try DirectoryPlugin(path: saved), evaluation: evaluation)
            XCTAssertEqual(again.cells.map(\.psnr), original.cells.map(\.psnr), evaluation.name)
            XCTAssertEqual(again.cells.map(\.ssim), original.cells.map(\.ssim), evaluation.name)
            XCTAssertEqual(again.timing, .notMeasured)
            XCTAssertTrue(try ReportFormat.csv.render(again).hasSuffix(",n/a\n"))
        }
    }

    func testFlatFolderWithScaleSuffixesAndCaseInsensitiveNames() throws {
        let saved = root.appendingPathComponent("saved").path
        let original = try run(InterpolationPlugin(method: .nearest), evaluation: .basicsr, save: saved)
        // Flatten: set5/x2/baby.png -> flat/BABY_x2.png, set5/x3/baby.png -> flat/baby_X3_SR.png.
        let flat = root.appendingPathComponent("flat").path
        try FileManager.default.createDirectory(atPath: flat, withIntermediateDirectories: true)
        for name in SyntheticSet5.names {
            try FileManager.default.copyItem(atPath: "\(saved)/set5/x2/\(name).png", toPath: "\(flat)/\(name.uppercased())_x2.png")
            try FileManager.default.copyItem(atPath: "\(saved)/set5/x3/\(name).png", toPath: "\(flat)/\(name)_X3_SR.png")
        }
        let again = try run(try DirectoryPlugin(path: flat), evaluation: .basicsr)
        XCTAssertEqual(again.cells.map(\.psnr), original.cells.map(\.psnr))
    }

    func testSuffixMatchingIgnoresOtherScalesAndOtherNames() {
        let entries = ["baby.png", "baby_x4.png", "baby_x2.png", "babyx4.PNG", "baby_rlt.tif", "baby_SR.jpg", "baby2.png", "baby_GT.png"]
        XCTAssertEqual(SROutputLookup.matches(in: entries, name: "baby", scale: 4), ["baby.png", "baby_rlt.tif", "baby_x4.png", "babyx4.PNG"])
        XCTAssertEqual(SROutputLookup.matches(in: entries, name: "baby", scale: 3), ["baby.png", "baby_rlt.tif"])
    }

    func testMissingOutputListsFoldersAndTheConventionsTried() throws {
        let results = root.appendingPathComponent("results").path
        try FileManager.default.createDirectory(atPath: results + "/Set5/X2", withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: results + "/Set5/X2/readme.txt", contents: Data()))
        XCTAssertThrowsError(try run(try DirectoryPlugin(path: results), evaluation: .basicsr)) { error in
            XCTAssertEqual("\(error)", "dir:\(results): no SR output for set5/baby x2; looked for the naming conventions plain baby or img_001; suffix baby_<suffix> or img_001_<suffix> (_x2, _SR, _rlt, _x2_SR, _SR_x2, _out, _SwinIR, _EDSR_x2); div2k babyx2 or img_001x2; selfexsr baby_SRF_2_<Method> or img_001_SRF_2_<Method>, as .png/.bmp/.tif/.tiff, in \(results)/Set5/X2, \(results)/Set5, \(results) (the first folder holds readme.txt); write the output under one of these names.")
        }
    }

    func testTwoFilesOfOneMethodInOneFolderAreAnError() throws {
        let saved = root.appendingPathComponent("saved").path
        _ = try run(InterpolationPlugin(method: .nearest), evaluation: .basicsr, save: saved)
        try FileManager.default.copyItem(atPath: "\(saved)/set5/x2/bird.png", toPath: "\(saved)/set5/x2/bird_x2.bmp")
        XCTAssertThrowsError(try run(try DirectoryPlugin(path: saved), evaluation: .basicsr)) { error in
            XCTAssertEqual("\(error)", "dir:\(saved): several files could be the SR output of set5/bird x2: \(saved)/set5/x2/bird.png, \(saved)/set5/x2/bird_x2.bmp; keep only one.")
        }
    }

    func testTwoMethodsInOneFolderNeedASelection() throws {
        let saved = root.appendingPathComponent("saved").path
        _ = try run(InterpolationPlugin(method: .nearest), evaluation: .basicsr, save: saved)
        try FileManager.default.copyItem(atPath: "\(saved)/set5/x2/bird.png", toPath: "\(saved)/set5/x2/bird_SR.png")
        XCTAssertThrowsError(try run(try DirectoryPlugin(path: saved), evaluation: .basicsr)) { error in
            XCTAssertEqual("\(error)", "dir:\(saved): \(saved)/set5/x2 holds outputs of several methods for set5/bird x2: (none), SR; pick one with dir:\(saved)#METHOD (any case).")
        }
    }

    func testWrongSizeNamesTheFile() throws {
        let flat = root.appendingPathComponent("flat").path
        try FileManager.default.createDirectory(atPath: flat, withIntermediateDirectories: true)
        try ImageEncoder.write(ByteImage(width: 5, height: 4, channels: 3), to: flat + "/baby.png")
        XCTAssertThrowsError(try run(try DirectoryPlugin(path: flat), evaluation: .basicsr)) { error in
            XCTAssertEqual("\(error)", "\(flat)/baby.png: the SR image is 5x4 but the HR is 30x28; the model must output exactly 30x28.")
        }
    }

    func testPathThatIsNotAFolderIsRefused() {
        XCTAssertThrowsError(try ModelPluginRegistry.plugin(named: "dir:/nonexistent/results")) { error in
            XCTAssertEqual("\(error)", "--model dir:/nonexistent/results: '/nonexistent/results' is not a folder; pass the folder holding the SR images, e.g. dir:results/EDSR.")
        }
    }

    func testRGBOutputsAreScoredOnYUnderSRCNN() throws {
        let saved = root.appendingPathComponent("rgb").path
        let rgb = try run(InterpolationPlugin(method: .bicubic), evaluation: .basicsr, save: saved)
        let y = try run(try DirectoryPlugin(path: saved), evaluation: .srcnn)
        XCTAssertEqual(y.cells.count, 2)
        // Same pixels, now judged on rounded Y of the RGB output against rounded Y of the HR.
        XCTAssertEqual(y.cells[0].psnr.value, rgb.cells[0].psnr.value, accuracy: 1.0)
    }

    func testSelfExSRResultFolderWithSeveralMethods() throws {
        // A released SelfExSR-style folder: Set5/image_SRF_2/img_NNN_SRF_2_<Method>.png beside _HR and _LR files.
        let saved = root.appendingPathComponent("saved").path
        let nearest = try run(InterpolationPlugin(method: .nearest), evaluation: .basicsr, save: saved)
        let bicubic = try run(InterpolationPlugin(method: .bicubic), evaluation: .basicsr, save: saved + "-bicubic")
        let released = root.appendingPathComponent("released").path
        for scale in [2, 3] {
            let folder = "\(released)/Set5/image_SRF_\(scale)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (i, name) in SyntheticSet5.names.enumerated() {
                let stem = "\(folder)/img_00\(i + 1)_SRF_\(scale)"
                try FileManager.default.copyItem(atPath: "\(saved)/set5/x\(scale)/\(name).png", toPath: "\(stem)_nearest.png")
                try FileManager.default.copyItem(atPath: "\(saved)-bicubic/set5/x\(scale)/\(name).png", toPath: "\(stem)_Bicubic.png")
                try FileManager.default.copyItem(atPath: root.appendingPathComponent("Set5/\(name).png").path, toPath: "\(stem)_HR.png")
            }
        }
        XCTAssertThrowsError(try run(try DirectoryPlugin(path: released), evaluation: .basicsr)) { error in
            XCTAssertEqual("\(error)", "dir:\(released): \(released)/Set5/image_SRF_2 holds outputs of several methods for set5/baby x2: Bicubic, nearest; pick one with dir:\(released)#METHOD (any case).")
        }
        // The method is matched without regard to case (SelfExSR's files say bicubic, its scripts Bicubic).
        let picked = try run(try DirectoryPlugin(path: released + "#BICUBIC"), evaluation: .basicsr)
        XCTAssertEqual(picked.cells.map(\.psnr), bicubic.cells.map(\.psnr))
        XCTAssertEqual(picked.model, "dir:\(released)#BICUBIC")
        XCTAssertEqual(try run(try DirectoryPlugin(path: released + "#nearest"), evaluation: .basicsr).cells.map(\.ssim),
                       nearest.cells.map(\.ssim))
        XCTAssertThrowsError(try run(try DirectoryPlugin(path: released + "#SRCNN"), evaluation: .basicsr)) { error in
            XCTAssertEqual("\(error)", "dir:\(released)#SRCNN: no output of method 'SRCNN' for set5/baby x2; the methods present are Bicubic, nearest (any case).")
        }
        // One method left: it is used without a selection.
        for scale in [2, 3] {
            for i in 1...5 { try FileManager.default.removeItem(atPath: "\(released)/Set5/image_SRF_\(scale)/img_00\(i)_SRF_\(scale)_nearest.png") }
        }
        XCTAssertEqual(try run(try DirectoryPlugin(path: released), evaluation: .basicsr).cells.map(\.psnr), bicubic.cells.map(\.psnr))
    }

    func testMethodSelectionNeedsAMethodAndAFolder() throws {
        let folder = root.appendingPathComponent("Set5").path
        XCTAssertThrowsError(try DirectoryPlugin(path: folder + "#")) { error in
            XCTAssertEqual("\(error)", "--model dir:\(folder)#: the method after '#' is empty; name one, e.g. dir:\(folder)#SRCNN, or drop the '#'.")
        }
        XCTAssertThrowsError(try DirectoryPlugin(path: "/nonexistent/results#SRCNN")) { error in
            XCTAssertEqual("\(error)", "--model dir:/nonexistent/results#SRCNN: '/nonexistent/results' is not a folder; pass the folder holding the SR images, e.g. dir:results/EDSR.")
        }
        // A folder whose name holds '#' is taken whole.
        let hashed = root.appendingPathComponent("run#3").path
        try FileManager.default.createDirectory(atPath: hashed, withIntermediateDirectories: true)
        let plugin = try DirectoryPlugin(path: hashed)
        XCTAssertEqual(plugin.path, hashed)
        XCTAssertNil(plugin.method)
    }

    func testDatasetFolderNamesFromTheLayoutsAreSearched() throws {
        // BasicSR-style result trees name BSD100 "B100"; SRKit also accepts the catalogue key in any case.
        let plugin = try DirectoryPlugin(path: root.path)
        let input = ModelInput(lr: FloatImage(width: 1, height: 1, channels: 1), scale: 4, outputWidth: 4, outputHeight: 4,
                               imageName: "img_001", dataset: "bsd100", aliases: ["101085"])
        try FileManager.default.createDirectory(atPath: root.path + "/B100/x4", withIntermediateDirectories: true)
        XCTAssertEqual(plugin.folders(for: input), [root.path + "/B100/x4", root.path + "/B100", root.path])
    }
}
