import Foundation
@testable import SRModels
import XCTest

/// MAT files whose declared sizes cannot be a model are refused from the declarations, before
/// their bodies are inflated; a compressed element never inflates past what it declares.
///
/// Files are built here byte by byte (``MATBytes``); their zlib streams use stored blocks, so a
/// test can put damage inside an array's body: if the reader inflated the body it would report
/// the damage ("not valid zlib data") instead of the expected outcome.
final class MATBombTests: XCTestCase {
    /// A double array declared 16384x8192 (1 GiB of values), its stream damaged after the header.
    func testArrayDeclaredAtOneGiBIsRefusedFromItsDimensions() throws {
        let header = MATBytes.matrixHeader(name: "w", dims: [16384, 8192], arrayClass: 6, dataType: 9, dataBytes: 1 << 30)
        let file = MATBytes.file([MATBytes.compressed(MATBytes.storedZlib(header + MATBytes.filler, thenDamaged: true))])
        XCTAssertThrowsError(try MATFileReader(bytes: file, path: "bomb.mat").read()) { error in
            XCTAssertEqual("\(error)", "bomb.mat: array 'w' declares 16384x8192 values, more than an SR model checkpoint holds (at most 67108864 values per array); refused before reading it: this is not a model checkpoint, or it is damaged.")
        }
    }

    /// The probe's bomb: a compressed element of zeros (it inflated to 1 GiB, then "found 0
    /// tensor(s)"). Its first bytes are no array tag, which is said after 64 KiB.
    func testCompressedZerosAreRefusedAsNoArray() throws {
        let file = MATBytes.file([MATBytes.compressed(MATBytes.storedZlib(MATBytes.filler, thenDamaged: true))])
        XCTAssertThrowsError(try MATFileReader(bytes: file, path: "zeros.mat").read()) { error in
            XCTAssertEqual("\(error)", "zeros.mat: malformed checkpoint: compressed element at offset 128 holds data type 0, not an array (miMATRIX); re-save it with the tool that made it.")
        }
    }

    /// A text (char) array is not a tensor: its 1 GiB body is skipped without being inflated,
    /// so the damage behind its header is never reached.
    func testNonNumericArrayBodyIsNeverInflated() throws {
        let header = MATBytes.matrixHeader(name: "note", dims: [1, 1 << 29], arrayClass: 4, dataType: 4, dataBytes: 1 << 30)
        let numeric = MATBytes.matrix(name: "b", dims: [1, 2], values: [0.5, -2])
        let file = MATBytes.file([MATBytes.compressed(MATBytes.storedZlib(header + MATBytes.filler, thenDamaged: true)),
                                  MATBytes.compressed(MATBytes.storedZlib(numeric))])
        let tensors = try MATFileReader(bytes: file, path: "text.mat").read()
        XCTAssertEqual(tensors.map(\.name), ["b"])
        XCTAssertEqual(tensors.first?.tensor.values, [0.5, -2])
    }

    /// A compressed element inflates to at most its declared size.
    func testCompressedElementLongerThanItDeclaresIsRefused() throws {
        let numeric = MATBytes.matrix(name: "b", dims: [1, 2], values: [0.5, -2])
        let file = MATBytes.file([MATBytes.compressed(MATBytes.storedZlib(numeric + [UInt8](repeating: 0, count: 100_000)))])
        XCTAssertThrowsError(try MATFileReader(bytes: file, path: "long.mat").read()) { error in
            XCTAssertEqual("\(error)", "long.mat: malformed checkpoint: compressed element at offset 128 inflates to more than \(numeric.count) bytes; re-save it with the tool that made it.")
        }
    }

    /// An element whose declared size exceeds what its header and values need is refused before
    /// its body is inflated.
    func testElementDeclaringMoreThanItsValuesNeedIsRefused() throws {
        var numeric = MATBytes.matrix(name: "b", dims: [1, 2], values: [0.5, -2])
        let declared = 1 << 30
        numeric.replaceSubrange(4..<8, with: MATBytes.u32(declared))
        let file = MATBytes.file([MATBytes.compressed(MATBytes.storedZlib(numeric + MATBytes.filler, thenDamaged: true))])
        XCTAssertThrowsError(try MATFileReader(bytes: file, path: "big.mat").read()) { error in
            XCTAssertEqual("\(error)", "big.mat: malformed checkpoint: array 'b' in the compressed element at offset 128 declares \(declared) bytes but its header and 2 values need \(numeric.count - 8); re-save it with the tool that made it.")
        }
    }

    /// Well-formed files built the same way still read.
    func testStoredBlockFilesRead() throws {
        let file = MATBytes.file([MATBytes.compressed(MATBytes.storedZlib(MATBytes.matrix(name: "conv1", dims: [2, 3], values: [1, 2, 3, 4, 5, 6]))),
                                  MATBytes.matrix(name: "bias", dims: [1, 1], values: [7])])
        let tensors = try MATFileReader(bytes: file, path: "ok.mat").read()
        XCTAssertEqual(tensors.map(\.name), ["conv1", "bias"])
        XCTAssertEqual(tensors[0].tensor.shape, [3, 2])
        XCTAssertEqual(tensors[0].tensor.values, [1, 2, 3, 4, 5, 6])
    }
}

/// Little-endian MATLAB Level-5 files, built from their parts (MAT-File Format, Level 5).
enum MATBytes {
    /// Zeros that stand for the start of a declared body: they put any damage that follows
    /// beyond the 64 KiB the reader inflates to read a header.
    static let filler = [UInt8](repeating: 0, count: 70_000)

    static func u32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    /// `bytes` padded with zeros to a multiple of 8.
    static func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: (8 - bytes.count % 8) % 8) }

    /// An element: 8-byte tag, data, padding.
    static func element(_ type: Int, _ data: [UInt8]) -> [UInt8] { u32(type) + u32(data.count) + padded(data) }

    /// The 128-byte header, "IM" (little-endian), then the elements.
    static func file(_ elements: [[UInt8]]) -> [UInt8] {
        var header = Array("MATLAB 5.0 MAT-file, written by SRKit tests".utf8)
        header += [UInt8](repeating: 0x20, count: 116 - header.count) + [UInt8](repeating: 0, count: 8) + [0x00, 0x01] + Array("IM".utf8)
        return header + elements.joined()
    }

    /// An miMATRIX's tag, flags, dimensions, name and the tag of its values, declaring
    /// `dataBytes` bytes of values (which do not follow).
    static func matrixHeader(name: String, dims: [Int], arrayClass: Int, dataType: Int, dataBytes: Int) -> [UInt8] {
        let body = element(6, u32(arrayClass) + u32(0)) + element(5, dims.flatMap { u32($0) }) + element(1, Array(name.utf8))
            + u32(dataType) + u32(dataBytes)
        let padding = (8 - dataBytes % 8) % 8
        return u32(14) + u32(body.count + dataBytes + padding) + body
    }

    /// A complete double miMATRIX holding `values` (column-major order).
    static func matrix(name: String, dims: [Int], values: [Double]) -> [UInt8] {
        let data = values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } }
        let body = element(6, u32(6) + u32(0)) + element(5, dims.flatMap { u32($0) }) + element(1, Array(name.utf8)) + element(9, data)
        return u32(14) + u32(body.count) + body
    }

    /// An miCOMPRESSED element around a zlib stream (not padded, as MATLAB writes it).
    static func compressed(_ stream: [UInt8]) -> [UInt8] { u32(15) + u32(stream.count) + stream }

    /// `data` as a zlib stream of stored (uncompressed) deflate blocks; with `thenDamaged`, a
    /// block of the reserved type follows instead of the end, so inflating past `data` fails.
    static func storedZlib(_ data: [UInt8], thenDamaged: Bool = false) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var rest = data[...]
        repeat {
            let chunk = rest.prefix(65535)
            rest = rest.dropFirst(chunk.count)
            let final = rest.isEmpty && !thenDamaged
            out.append(final ? 1 : 0)
            let n = chunk.count
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += chunk
        } while !rest.isEmpty
        if thenDamaged { return out + [0x07, 0xFF, 0xFF, 0xFF] }  // BFINAL=1, BTYPE=11: invalid
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let adler = b << 16 | a
        return out + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }
}
