import Foundation
import SRImage
import SRTestSupport
import XCTest
@testable import SRBench

final class DatasetCatalogTests: XCTestCase {
    var catalog: DatasetCatalog!

    override func setUpWithError() throws {
        catalog = try DatasetCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets"))
    }

    func testCatalogListsTheFiveDatasetsWithTheirCounts() throws {
        XCTAssertEqual(catalog.names, ["bsd100", "div2k", "set14", "set5", "urban100"])
        XCTAssertEqual(try catalog.dataset("Set5").images.map(\.name), ["baby", "bird", "butterfly", "head", "woman"])
        XCTAssertEqual(try catalog.dataset("set14").count, 14)
        XCTAssertEqual(try catalog.dataset("bsd100").images.first?.aliases, ["101085"])
        XCTAssertEqual(try catalog.dataset("set5").images.first?.aliases, ["img_001"])
        XCTAssertEqual(try catalog.dataset("set14").images.first { $0.name == "man" }?.name(in: "selfexsr"), "img_010")
        XCTAssertEqual(try catalog.dataset("bsd100").images.first?.name(in: "selfexsr"), "img_001")
        XCTAssertEqual(try catalog.dataset("div2k").images.map(\.name).first, "0801")
        XCTAssertEqual(try catalog.dataset("div2k").images.count, 100)
    }

    func testBridgeIsCataloguedAsGrey() throws {
        let bridge = try catalog.dataset("set14").images.first { $0.name == "bridge" }
        XCTAssertEqual(bridge?.original?.channels, 1)
        XCTAssertEqual(bridge?.original?.width, 512)
    }

    func testUnknownDatasetListsTheKnownOnes() {
        XCTAssertThrowsError(try catalog.dataset("set15")) { error in
            XCTAssertEqual("\(error)", "Unknown dataset 'set15'; known datasets: bsd100, div2k, set14, set5, urban100.")
        }
    }

    func testLayoutsAreFoundInTheirCommonForms() throws {
        let root = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        func touch(_ path: String) throws {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data([1]).write(to: url)
        }
        let set5 = try catalog.dataset("set5")
        for n in set5.images.map(\.name) {
            try touch("Set5/GTmod12/\(n).png")
            try touch("Set5/LRbicx4/\(n).png")
        }
        let basicsr = try LocatedDataset.locate(set5, root: root.path, scale: 4)
        XCTAssertEqual(basicsr.layout.name, "basicsr")
        XCTAssertEqual(basicsr.images.count, 5)
        XCTAssertEqual(basicsr.images[0].lrPath, root.path + "/Set5/LRbicx4/baby.png")
        XCTAssertNil(try LocatedDataset.locate(set5, root: root.path, scale: 3).images[0].lrPath)

        let div2k = try catalog.dataset("div2k")
        try touch("DIV2K_valid_HR/0801.png")
        try touch("DIV2K_valid_LR_bicubic/X4/0801x4.png")
        let d = try LocatedDataset.locate(div2k, root: root.path, scale: 4)
        XCTAssertEqual(d.layout.name, "div2k")
        XCTAssertEqual(d.images.map(\.name), ["0801"])
        XCTAssertEqual(d.images[0].lrPath, root.path + "/./DIV2K_valid_LR_bicubic/X4/0801x4.png")
        XCTAssertThrowsError(try d.requireComplete()) { error in
            XCTAssertTrue("\(error)".hasPrefix("Dataset DIV2K validation is missing 99 image(s): 0802, 0803"), "\(error)")
        }

        let set14 = try catalog.dataset("set14")
        try touch("Set14/image_SRF_3/baboon_SRF_3_HR.png")
        try touch("Set14/image_SRF_3/baboon_SRF_3_LR.png")
        let s = try LocatedDataset.locate(set14, root: root.path, scale: 3)
        XCTAssertEqual(s.layout.name, "selfexsr")
        XCTAssertEqual(s.images[0].lrPath, root.path + "/Set14/image_SRF_3/baboon_SRF_3_LR.png")
    }

    func testMissingDatasetSaysWhereItLooked() throws {
        XCTAssertThrowsError(try LocatedDataset.locate(catalog.dataset("set5"), root: "/nonexistent", scale: 2)) { error in
            let text = "\(error)"
            XCTAssertEqual(text, ("Dataset Set5 not found under /nonexistent; looked for /nonexistent/Set5/original, /nonexistent/Set5/image_SRF_3_HR, /nonexistent/Set5/GTmod12, /nonexistent/Set5/HR, /nonexistent/Set5/image_SRF_2, /nonexistent/Set5/DIV2K_valid_HR, /nonexistent/Set5; pass --data-root pointing at the folder that holds it."))
        }
    }

    func testSharedCopiesVerifyAgainstTheCatalogue() throws {
        let root = try SharedData.require(SharedData.datasets)
        let set5 = DatasetVerification.verify(try catalog.dataset("set5"), root: root.path)
        XCTAssertTrue(set5.isComplete, set5.summary)
        XCTAssertEqual(set5.variantCounts, ["original": 5])
        let bsd = DatasetVerification.verify(try catalog.dataset("bsd100"), root: root.path)
        XCTAssertEqual(bsd.variantCounts, ["selfexsr-x3": 100], bsd.summary)
        let urban = DatasetVerification.verify(try catalog.dataset("urban100"), root: root.path)
        XCTAssertFalse(urban.isComplete)
        XCTAssertEqual(urban.located?.missing.count, 90)
    }

    func testSelfExSRTreeVerifiesEveryScaleAgainstItsVariants() throws {
        let root = try SharedData.require(SharedData.datasets.appendingPathComponent("SelfExSR"))
        let set5 = DatasetVerification.verify(try catalog.dataset("set5"), root: root.path)
        XCTAssertTrue(set5.isComplete, set5.summary)
        XCTAssertEqual(set5.located?.layout.name, "selfexsr")
        XCTAssertEqual(set5.scales, [2, 3, 4])
        XCTAssertEqual(set5.variantCounts, ["selfexsr-x2": 5, "selfexsr-x3": 5, "selfexsr-x4": 5], set5.summary)
        let bsd = DatasetVerification.verify(try catalog.dataset("bsd100"), root: root.path)
        XCTAssertTrue(bsd.isComplete, bsd.summary)
        XCTAssertEqual(bsd.summary, """
            BSD100 (100 images): 100/100 found, layout selfexsr (x4)
              variants: selfexsr-x4 100
              checksums: 100 ok, 0 mismatched, 0 not catalogued (catalogue has 100)
            """)
    }

    func testReencodedSizeOnlyAndAlteredFilesAreToldApart() throws {
        let shared = try SharedData.require(SharedData.datasets)
        let root = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Set5"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("BSD100"), withIntermediateDirectories: true)
        let set5 = try catalog.dataset("set5")
        for name in set5.images.map(\.name) {
            var image = try ImageDecoder.decode(contentsOf: shared.appendingPathComponent("Set5/original/\(name).png").path)
            if name == "bird" { image = try image.modcropped(12).cropped(x: 0, y: 0, width: 276, height: 288) }
            if name == "head" { image.samples[0] ^= 1 }
            // Our encoder's bytes differ from the published file's; the pixels are the same.
            try ImageEncoder.write(try name == "woman" ? image.modcropped(3) : image, to: root.appendingPathComponent("Set5/\(name).png").path)
        }
        let v = DatasetVerification.verify(set5, root: root.path)
        XCTAssertEqual(v.files.map(\.status), [.samePixels(.original), .mismatch, .samePixels(.original), .mismatch, .samePixels(.modcrop3)])
        XCTAssertFalse(v.isComplete)
        XCTAssertTrue(v.summary.contains("  checksums: 3 ok, 2 mismatched, 0 not catalogued (catalogue has 5)\n  mismatch: \(root.path)/Set5/bird.png"), v.summary)
        // BSDS's 481x321 originals are catalogued by size only: not flagged, not counted as verified.
        let bsd = try catalog.dataset("bsd100")
        try ImageEncoder.write(ByteImage(width: 321, height: 481, channels: 3), to: root.appendingPathComponent("BSD100/101085.png").path)
        let b = DatasetVerification.verify(bsd, root: root.path)
        XCTAssertEqual(b.files.map(\.status), [.sizeOnly(.original)])
        XCTAssertEqual(b.variantCounts, ["original (size only, content not catalogued)": 1])
    }
}
