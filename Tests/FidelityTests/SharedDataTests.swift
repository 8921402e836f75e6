import XCTest
import SRTestSupport

/// Checks that the shared datasets the fidelity tests rely on are the expected copies.
final class SharedDataTests: XCTestCase {
    func testDatasetFoldersHoldTheDocumentedImageCounts() throws {
        let root = try SharedData.require(SharedData.datasets)
        let expected: [(String, Set<String>, Int)] = [
            ("T91", ["bmp"], 91),
            ("Set5/original", ["png"], 5),
            ("Set14/original", ["png"], 14),
            ("BSD100/image_SRF_3_HR", ["png"], 100),
        ]
        for (folder, exts, count) in expected {
            let files = try SharedData.files(in: root.appendingPathComponent(folder), extensions: exts)
            XCTAssertEqual(files.count, count, "\(folder) should hold \(count) images")
        }
    }
}
