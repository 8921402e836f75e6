import Foundation
import SRTestSupport
import XCTest

/// `Pipelines/srcnn-pytorch-x3.yaml` on T91 gives exactly the training set of yjn870/SRCNN-pytorch's
/// `prepare.py` at x3: the same 21,884 pairs in the same order with bit-identical float32 values,
/// compared with the digests `Fixtures/scripts/make_srcnn_pytorch_goldens.py` computed with
/// Pillow 9.4 and numpy (whose arrays were checked equal, element for element, to the HDF5 file
/// the original script writes). Skips locally without `../shared/datasets`; fails under `CI=true`.
final class SRCNNPyTorchRecipeFidelityTests: XCTestCase {
    private struct Golden: Decodable {
        struct Image: Decodable {
            let name: String
            let windows: Int
            let lrSHA256: String
            let hrSHA256: String
            enum CodingKeys: String, CodingKey { case name, windows, lrSHA256 = "lr_sha256", hrSHA256 = "hr_sha256" }
        }
        let records: Int
        let lrSHA256: String
        let hrSHA256: String
        let images: [Image]
        enum CodingKeys: String, CodingKey { case records, images, lrSHA256 = "lr_sha256", hrSHA256 = "hr_sha256" }
    }

    func testT91x3MatchesPrepareDotPyBitForBit() throws {
        let url = SharedData.fixtures.appendingPathComponent("golden/srcnn-pytorch/t91-x3.json")
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        XCTAssertEqual(golden.records, 21_884)
        XCTAssertEqual(golden.images.count, 91)
        let sink = try RecordDigestSink.run("srcnn-pytorch-x3.yaml", source: "images", folder: "T91",
                                            groupSizes: golden.images.map(\.windows))

        XCTAssertEqual(sink.fields.map(\.name), ["lr", "hr"])
        XCTAssertEqual(sink.fields.map(\.shape), [[1, 33, 33], [1, 33, 33]], "1x33x33 per record: its HDF5 (N, 33, 33) with a unit axis")
        XCTAssertEqual(sink.fields.map(\.dtype), [.float32, .float32])
        XCTAssertEqual(sink.count, golden.records)
        // Per image, so a mismatch names the image and not only the totals.
        XCTAssertEqual(sink.groups.count, golden.images.count)
        for (image, got) in zip(golden.images, sink.groups) {
            XCTAssertEqual(got, [image.lrSHA256, image.hrSHA256], image.name)
        }
        XCTAssertEqual(sink.totalHex, [golden.lrSHA256, golden.hrSHA256], "SHA-256 of all lr / all hr patches in order")

        // prepare.py does not divide by 255: the values are Y on the 0...255 scale.
        let hr0 = sink.first[1].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertEqual(hr0.count, 33 * 33)
        XCTAssertTrue(hr0.allSatisfy { $0 >= 16 && $0 <= 236 }, "min \(hr0.min() ?? 0) max \(hr0.max() ?? 0)")
        XCTAssertGreaterThan(hr0.max()! - hr0.min()!, 1)
    }
}
