import Foundation
import SRImage
import SRTestSupport
import XCTest

/// The codec fixtures in `Fixtures/images/codecs/` and their goldens in
/// `Fixtures/golden/decode/codecs.json`, both written by `Fixtures/scripts/make_codec_fixtures.py`.
enum CodecFixtures {
    /// One file's expectations: the header `info()` must report, and either the decoded shape and
    /// SHA-256 of its HWC bytes (plus decode16's samples as little-endian UInt16), or an error kind.
    struct Entry: Decodable {
        struct Info: Decodable {
            let width: Int
            let height: Int
            let sourceChannels: Int
            let bitDepth: Int
            let colorModel: String
            let channels: Int
        }
        let format: String
        let info: Info
        let width: Int?
        let height: Int?
        let channels: Int?
        let sha256: String?
        let sha256_16: String?
        let firstPixel: [Int]?
        let error: String?
        let error16: String?
    }

    private struct File: Decodable {
        let files: [String: Entry]
    }

    /// `Fixtures/images/codecs/`.
    static var folder: URL { SharedData.fixtures.appendingPathComponent("images/codecs") }

    /// The path of fixture `name` (for example `"png_rgb8.png"` or `"bad/png_100000x100000.png"`).
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The bytes of fixture `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// All golden entries, keyed by file name.
    static func golden() throws -> [String: Entry] {
        let url = SharedData.fixtures.appendingPathComponent("golden/decode/codecs.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).files
    }

    /// Little-endian bytes of 16-bit samples, the layout the golden digests use.
    static func littleEndianBytes(_ samples: [UInt16]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(samples.count * 2)
        for s in samples {
            out.append(UInt8(truncatingIfNeeded: s))
            out.append(UInt8(truncatingIfNeeded: s >> 8))
        }
        return out
    }

    /// A fresh empty folder under the system temporary directory, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("srkit-codecs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
