import XCTest
@testable import SRBench

/// The naming conventions of released result folders, one verdict per file name.
final class OutputNamingTests: XCTestCase {
    func verdict(_ stem: String, _ names: [String] = ["baby", "img_001"], scale: Int = 4) -> SROutputNameMatch {
        SROutputNamings.read(stem: stem, names: names, scale: scale)
    }

    func testSelfExSRNamesCarryTheMethodInAnyCase() {
        XCTAssertEqual(verdict("img_001_SRF_4_SRCNN"), .output(method: "SRCNN"))
        XCTAssertEqual(verdict("img_001_SRF_4_A+"), .output(method: "A+"))
        XCTAssertEqual(verdict("IMG_001_srf_4_glasner"), .output(method: "glasner"))
        XCTAssertEqual(verdict("img_001_SRF_4_HR"), .other, "the reference is not a method")
        XCTAssertEqual(verdict("img_001_SRF_4_LR"), .other, "the input is not a method")
        XCTAssertEqual(verdict("img_001_SRF_2_SRCNN"), .other, "another scale, and no suffix-style reading of it")
        XCTAssertEqual(verdict("img_002_SRF_4_SRCNN"), .notMine, "another image")
    }

    func testSuffixStyleNamesOfBasicSRSwinIRAndEDSR() {
        XCTAssertEqual(verdict("baby_SwinIR"), .output(method: "SwinIR"))
        XCTAssertEqual(verdict("baby_rlt"), .output(method: "rlt"))
        XCTAssertEqual(verdict("baby_x4_SR"), .output(method: "SR"))
        XCTAssertEqual(verdict("baby_SR_x4"), .output(method: "SR"))
        XCTAssertEqual(verdict("baby_EDSR_x4"), .output(method: "EDSR"))
        XCTAssertEqual(verdict("baby_x4"), .output(method: ""))
        XCTAssertEqual(verdict("baby_HAT_SRx4_ImageNet-pretrain"), .output(method: "HAT_ImageNet_pretrain"))
        XCTAssertEqual(verdict("baby_RealESRGAN_x4plus"), .output(method: "RealESRGAN"))
        XCTAssertEqual(verdict("baby_EDSR_x2"), .other, "names another scale")
        XCTAssertEqual(verdict("baby_GT"), .other)
        XCTAssertEqual(verdict("baby_LRbicx4"), .other)
        XCTAssertEqual(verdict("baby2"), .notMine)
        XCTAssertEqual(verdict("babyface_SR"), .notMine)
    }

    func testDIV2KAndPlainNames() {
        XCTAssertEqual(verdict("0801x4", ["0801"]), .output(method: ""))
        XCTAssertEqual(verdict("0801X4", ["0801"]), .output(method: ""))
        XCTAssertEqual(verdict("0801x2", ["0801"]), .other)
        XCTAssertEqual(verdict("0801", ["0801"]), .output(method: ""))
        XCTAssertEqual(verdict("img_001"), .output(method: ""), "an alias from the catalogue")
        XCTAssertEqual(verdict("0802x4", ["0801"]), .notMine)
    }

    func testScaleWords() {
        XCTAssertEqual(SuffixNaming.scaleMentioned("x4"), 4)
        XCTAssertEqual(SuffixNaming.scaleMentioned("srx3"), 3)
        XCTAssertEqual(SuffixNaming.scaleMentioned("x4plus"), 4)
        XCTAssertNil(SuffixNaming.scaleMentioned("box"))
        XCTAssertNil(SuffixNaming.scaleMentioned("swinir"))
        XCTAssertNil(SuffixNaming.scaleMentioned("df2k"))
    }

    func testWritableNamingsAndTheirErrors() throws {
        XCTAssertEqual(SROutputNamings.writable.map(\.name), ["plain", "selfexsr"])
        XCTAssertThrowsError(try SROutputNamings.writable(named: "edsr")) { error in
            XCTAssertEqual("\(error)", "Unknown --save-naming 'edsr'; known namings: plain, selfexsr.")
        }
        XCTAssertThrowsError(try SavedImages(directory: "/tmp", naming: "selfexsr", method: "HR", model: "bicubic")) { error in
            XCTAssertEqual("\(error)", "--save-method 'HR' cannot name SR files: it must be non-empty, without '/', and not HR or LR (those are SelfExSR's reference and input); pass e.g. --save-method SRCNN.")
        }
        XCTAssertEqual(SavedImages.defaultMethod(model: "bicubic-uint8"), "bicubic-uint8")
        XCTAssertEqual(SavedImages.defaultMethod(model: "srcnn-9-5-5:x3.mat"), "srcnn-9-5-5")
        XCTAssertEqual(SavedImages.defaultMethod(model: "dir:results#SRCNN"), "SRCNN")
        XCTAssertEqual(SavedImages.defaultMethod(model: "exec:python3 m.py {input_dir}"), "SR")
    }
}
