import Foundation
@testable import SRModels
import SRTestSupport
import XCTest

/// A `torch.save` zip whose storage entry declares more than an SR model holds is refused from
/// the zip's declared size, before it is inflated (a 1 MB file whose 1 GiB of deflated zeros
/// were inflated and then scored as if the storage were 20 KiB).
final class TorchBombTests: XCTestCase {
    /// `bytes` with the central-directory uncompressed size of the entry ending in `suffix` set to `size`.
    static func declaring(_ size: UInt32, forEntryEndingWith suffix: String, in bytes: [UInt8]) throws -> [UInt8] {
        var out = bytes
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        for i in 0..<(bytes.count - 46) where bytes[i..<(i + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
            let nameLength = u16(i + 28)
            guard i + 46 + nameLength <= bytes.count,
                  String(decoding: bytes[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self).hasSuffix(suffix) else { continue }
            for k in 0..<4 { out[i + 24 + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
            return out
        }
        throw XCTSkip("no central-directory entry ending in \(suffix)")
    }

    func testStorageDeclaredAtOneGiBIsRefusedBeforeInflating() throws {
        let bomb = try Self.declaring(1 << 30, forEntryEndingWith: "/data/0", in: try ModelFixtures.bytes("srcnn_small.pth"))
        XCTAssertThrowsError(try CheckpointReader.read(bytes: bomb, path: "bomb.pth")) { error in
            XCTAssertEqual("\(error)", "bomb.pth: storage srcnn_small/data/0 (tensor 'conv1.weight') declares 1073741824 bytes (268435456 values), more than an SR model checkpoint holds (at most 67108864 values per array); refused before reading it: this is not a model checkpoint, or it is damaged.")
        }
    }

    /// Found by the `torch` fuzz target before this cap existed (Fuzz/regressions/torch): the
    /// reader inflated a 1.7 GB storage for 15 s before the entry was refused.
    func testFuzzFoundStorageDeclaringOnePointSevenGBIsRefusedAtOnce() throws {
        let url = SharedData.repositoryRoot.appendingPathComponent("Fuzz/regressions/torch/storage-declares-1.7GB.pth")
        XCTAssertThrowsError(try CheckpointReader.read(bytes: [UInt8](try Data(contentsOf: url)), path: "fuzz.pth")) { error in
            XCTAssertEqual("\(error)", "fuzz.pth: storage archive/data/3 (tensor 'conv2.bias') declares 1760554301 bytes (440138575 values), more than an SR model checkpoint holds (at most 67108864 values per array); refused before reading it: this is not a model checkpoint, or it is damaged.")
        }
    }

    /// Found by the `torch` fuzz target: a 338-byte deflated data.pkl declaring 1,660,944,937
    /// bytes made the reader allocate the declared 1.6 GB before inflating 553 bytes.
    func testDeclaredSizeBeyondDeflatesRatioIsRefusedBeforeAllocating() throws {
        let url = SharedData.repositoryRoot.appendingPathComponent("Fuzz/regressions/torch/pickle-declares-1.66GB.pth")
        XCTAssertThrowsError(try CheckpointReader.read(bytes: [UInt8](try Data(contentsOf: url)), path: "fuzz.pth")) { error in
            XCTAssertEqual("\(error)", "fuzz.pth: malformed checkpoint: zip entry archive/data.pkl declares 1660944937 bytes from 338 compressed bytes, more than deflate can produce; re-save it with the tool that made it.")
        }
    }
}
