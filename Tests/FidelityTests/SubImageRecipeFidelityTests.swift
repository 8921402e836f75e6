import Foundation
import SRShards
import SRTestSupport
import XCTest

/// `Pipelines/div2k-subimages.yaml` gives BasicSR `extract_subimages.py`'s sub-images (crop 480,
/// step 240, thresh_size 0) on the 1024-px Urban100 images: the same count, in BasicSR's file-name
/// order (`img_001_s001` …), every HR crop byte-identical, as the digests computed with Pillow
/// by `Fixtures/scripts/make_subimage_goldens.py`, and every record's stored provenance gives
/// BasicSR's file name for it. Skips locally without `../shared`; fails under `CI=true`.
final class SubImageRecipeFidelityTests: XCTestCase {
    private struct Golden: Decodable {
        struct Sub: Decodable {
            let name: String
            let sha256: String
        }
        let count: Int
        let subimages: [Sub]
    }

    func testUrban100SubImagesMatchBasicSR() throws {
        let url = SharedData.fixtures.appendingPathComponent("golden/subimages/Urban100_first10.json")
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        XCTAssertEqual(golden.count, 104)
        let sink = try RecordDigestSink.run("div2k-subimages.yaml", source: "hr", folder: "Urban100_first10",
                                            groupSizes: Array(repeating: 1, count: golden.count))
        XCTAssertEqual(sink.fields.map(\.name), ["hr", "lr"])
        XCTAssertEqual(sink.fields.map(\.shape), [[480, 480, 3], [120, 120, 3]])
        XCTAssertEqual(sink.count, golden.count)
        for (sub, got) in zip(golden.subimages, sink.groups) {
            XCTAssertEqual(got[0], sub.sha256, "\(sub.name) HR crop")
        }
        XCTAssertEqual(sink.provenances.count, golden.count)
        for (sub, p) in zip(golden.subimages, sink.provenances) {
            XCTAssertEqual(p.basicSRName(source: sink.sources[p.input]), sub.name)
            XCTAssertEqual([p.width, p.height, p.variant], [480, 480, 0], sub.name)
        }
    }
}
