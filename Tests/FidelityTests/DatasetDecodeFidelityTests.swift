import Foundation
import SRImage
import SRTestSupport
import XCTest

/// The shared benchmark images decode to exactly Pillow's pixels: all 91 T91 BMPs and every
/// Set5 (original and GTmod12) and Set14 PNG, compared by the SHA-256 of the HWC bytes that
/// `Fixtures/scripts/make_dataset_decode_digests.py` computed with Pillow 9.4.
/// Skips locally without `../shared/datasets`; fails under `CI=true`.
final class DatasetDecodeFidelityTests: XCTestCase {
    private struct Golden: Decodable {
        struct Entry: Decodable {
            let width: Int
            let height: Int
            let channels: Int
            let sha256: String
        }
        let files: [String: Entry]
    }

    func testT91BMPsDecodeToPillowPixels() throws { try check(folder: "T91", expectedCount: 91) }
    func testSet5OriginalPNGsDecodeToPillowPixels() throws { try check(folder: "Set5/original", expectedCount: 5) }
    func testSet5GTmod12PNGsDecodeToPillowPixels() throws { try check(folder: "Set5/GTmod12", expectedCount: 5) }
    func testSet14PNGsDecodeToPillowPixels() throws { try check(folder: "Set14/original", expectedCount: 14) }

    /// Decodes every file of `folder` present in the golden and on disk, and checks none is missing.
    private func check(folder: String, expectedCount: Int) throws {
        let root = try SharedData.require(SharedData.datasets.appendingPathComponent(folder))
        let url = SharedData.fixtures.appendingPathComponent("golden/decode/datasets.json")
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url)).files
            .filter { $0.key.hasPrefix(folder + "/") }
        XCTAssertEqual(golden.count, expectedCount, "golden entries for \(folder)")
        let onDisk = try SharedData.files(in: root, extensions: ["bmp", "png"])
        XCTAssertEqual(Set(onDisk.map { "\(folder)/\($0.lastPathComponent)" }), Set(golden.keys), "files in \(root.path)")
        for file in onDisk {
            let key = "\(folder)/\(file.lastPathComponent)"
            guard let expected = golden[key] else { continue }
            let image = try ImageDecoder.decode(contentsOf: file.path)
            XCTAssertEqual([image.width, image.height, image.channels], [expected.width, expected.height, expected.channels], key)
            XCTAssertEqual(Digest.sha256Hex(image.samples), expected.sha256, key)
        }
    }
}
