import Foundation
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
        XCTAssertEqual(bsd.variantCounts, ["modcrop3": 100], bsd.summary)
        let urban = DatasetVerification.verify(try catalog.dataset("urban100"), root: root.path)
        XCTAssertFalse(urban.isComplete)
        XCTAssertEqual(urban.located?.missing.count, 90)
    }
}
