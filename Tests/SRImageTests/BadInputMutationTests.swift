import Foundation
import SRImage
import SRTestSupport
import XCTest

/// Seeded random damage to every codec fixture (byte flips, truncation, chunk splices) must
/// produce an image or an ``ImageError``, never a crash, a hang or a huge allocation.
/// `SRKIT_MUTATIONS` raises the per-file count (default 12, kept small for debug builds).
final class BadInputMutationTests: XCTestCase {
    func testMutatedFixturesFailCleanly() throws {
        let perFile = Int(ProcessInfo.processInfo.environment["SRKIT_MUTATIONS"] ?? "") ?? 12
        let names = try FileManager.default.contentsOfDirectory(atPath: CodecFixtures.folder.path)
            .filter { $0.contains(".") }.sorted()
        XCTAssertGreaterThan(names.count, 50)
        var rng = SplitMix64(seed: 0x5EED)
        var decoded = 0, refused = 0
        let limits = DecodeLimits(maxPixels: 1 << 22)
        for name in names {
            let original = try CodecFixtures.bytes(name)
            for _ in 0..<perFile {
                var bytes = original
                switch rng.next() % 3 {
                case 0:
                    for _ in 0..<(1 + Int(rng.next() % 8)) {
                        bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                    }
                case 1:
                    bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
                default:
                    let from = Int(rng.next() % UInt64(bytes.count)), to = Int(rng.next() % UInt64(bytes.count))
                    bytes.replaceSubrange(min(from, to)..<max(from, to), with: bytes[0..<min(16, bytes.count)])
                }
                do {
                    _ = try ImageDecoder.decode(bytes: bytes, name: name, limits: limits)
                    decoded += 1
                } catch let error as ImageError {
                    XCTAssertTrue("\(error)".hasPrefix(name + ": ") || "\(error)".hasPrefix("<memory>"), "\(error)")
                    refused += 1
                }
            }
        }
        XCTAssertEqual(decoded + refused, names.count * perFile)
        XCTAssertGreaterThan(refused, 0)
    }
}
