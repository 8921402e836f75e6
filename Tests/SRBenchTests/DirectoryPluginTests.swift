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

    func testMissingOutputListsFoldersAndNames() throws {
        let results = root.appendingPathComponent("results").path
        try FileManager.default.createDirectory(atPath: results + "/Set5/X2", withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: results + "/Set5/X2/readme.txt", contents: Data()))
        XCTAssertThrowsError(try run(try DirectoryPlugin(path: results), evaluation: .basicsr)) { error in
            XCTAssertEqual("\(error)", "dir:\(results): no SR output for set5/baby x2; looked for baby{,_x2,x2,_SR,_rlt,_x2_SR,_SR_x2,_out}.{png,bmp,tif,tiff} in \(results)/Set5/X2, \(results)/Set5, \(results) (the first folder holds readme.txt); write the output under one of these names.")
        }
    }

    func testTwoCandidatesInOneFolderAreAnError() throws {
        let saved = root.appendingPathComponent("saved").path
        _ = try run(InterpolationPlugin(method: .nearest), evaluation: .basicsr, save: saved)
        try FileManager.default.copyItem(atPath: "\(saved)/set5/x2/bird.png", toPath: "\(saved)/set5/x2/bird_SR.png")
        XCTAssertThrowsError(try run(try DirectoryPlugin(path: saved), evaluation: .basicsr)) { error in
            XCTAssertEqual("\(error)", "dir:\(saved): several files could be the SR output of set5/bird x2: \(saved)/set5/x2/bird.png, \(saved)/set5/x2/bird_SR.png; keep only one.")
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
}
