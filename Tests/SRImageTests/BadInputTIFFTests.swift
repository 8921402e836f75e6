import Foundation
import SRImage
import SRTestSupport
import XCTest

/// Damaged TIFF input fails with one sentence naming the file and the reason, never a crash.
final class BadInputTIFFTests: XCTestCase {
    private let good = "tiff_rgb8_lzw.tif"

    func testTruncatedTIFF() throws {
        // Uncompressed, directory first: the cut falls inside the pixel data.
        let bytes = try CodecFixtures.bytes("tiff_rgb8_raw.tif")
        BadInput.assertDecodeFails(try BadInput.file("truncated.tif", Array(bytes.prefix(bytes.count / 2))), "$PATH: corrupt or truncated TIFF data: TIFFFillStrip: Read error at scanline 4294967295; got 339 bytes, expected 819; re-export the image.")
    }

    func testCorruptTIFF() throws {
        BadInput.assertDecodeFails(try BadInput.file("corrupt.tif", corrupted(try CodecFixtures.bytes(good))), "$PATH: corrupt or truncated TIFF data: Using code not yet in table; re-export the image.")
    }

    func testEmptyTIFF() throws {
        BadInput.assertDecodeFails(try BadInput.file("empty.tif", []), "$PATH: the file is empty (0 bytes); re-copy or re-export it.")
    }

    func testWrongMagicTIFF() throws {
        var bytes = try CodecFixtures.bytes(good)
        bytes.replaceSubrange(0..<6, with: Array("GIF89a".utf8))
        BadInput.assertDecodeFails(try BadInput.file("wrong-magic.tif", bytes),
            "$PATH: not a PNG, JPEG, TIFF or BMP image (first bytes: 47 49 46 38 39 61 \(hex(bytes[6])) \(hex(bytes[7]))); the format is detected from the bytes, not the extension.")
    }

    func testAbsurdDimensionsTIFF() throws {
        let name = try FileManager.default.contentsOfDirectory(atPath: CodecFixtures.path("bad")).first { $0.hasPrefix("tiff_") }!
        let side = name.contains("65500") ? 65500 : 100000
        let path = try BadInput.file("huge.tif", CodecFixtures.bytes("bad/" + name))
        BadInput.assertDecodeFails(path, "$PATH: declared size \(side)x\(side) (\(side * side) pixels) exceeds the limit of 268435456 pixels; raise the pixel limit if the image is genuine.")
    }

    /// Found by the `tiff` fuzz target (Fuzz/regressions): a 21x48141 image declaring a tile of
    /// 114 GiB was allocated as declared before any pixel was read.
    func testTileLargerThanTheImageIsRefusedBeforeAllocating() throws {
        let bytes = try [UInt8](Data(contentsOf: SharedData.repositoryRoot.appendingPathComponent("Fuzz/regressions/tiff/tile-larger-than-image.tif")))
        BadInput.assertDecodeFails(try BadInput.file("tile.tif", bytes), "$PATH: corrupt or truncated TIFF data: tile 16x956301312 is larger than the 21x48141 image; re-export the image.")
    }

    func testUnwritableOutputTIFF() {
        BadInput.assertUnwritable("out.tif")
    }

    private func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }

    /// The start of the LZW strip (which follows the 8-byte header) overwritten with 0xFF.
    private func corrupted(_ bytes: [UInt8]) -> [UInt8] {
        BadInput.patched(bytes, Dictionary(uniqueKeysWithValues: (8..<24).map { ($0, UInt8(0xFF)) }))
    }

    func testDirectoryOffsetPastEndTIFF() throws {
        let bytes = BadInput.patched(try CodecFixtures.bytes(good), [4: 0x00, 5: 0xFF, 6: 0xFF, 7: 0x00])
        BadInput.assertDecodeFails(try BadInput.file("bad-directory.tif", bytes), "$PATH: corrupt or truncated TIFF data: TIFFFetchDirectory: Can not read TIFF directory count; re-export the image.")
    }
}
