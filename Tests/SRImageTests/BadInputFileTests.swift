import Foundation
import SRImage
import XCTest

/// Failures before any format is involved: missing file, a folder, unreadable in-memory data.
final class BadInputFileTests: XCTestCase {
    func testMissingFile() {
        let path = "/nonexistent-srkit-folder/missing.png"
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: path)) { error in
            XCTAssertEqual("\(error)", "\(path): cannot read the file: No such file or directory.")
        }
        XCTAssertThrowsError(try ImageDecoder.info(contentsOf: path)) { error in
            XCTAssertEqual(error as? ImageError, .unreadable(path: path, reason: "No such file or directory"))
        }
    }

    func testDirectoryIsNotAnImage() throws {
        let folder = try CodecFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: folder.path)) { error in
            XCTAssertEqual("\(error)", "\(folder.path): cannot read the file: it is a directory.")
        }
    }

    /// A FIFO would block the open (no writer) or never end; a device may never end either.
    func testFIFOAndDevicesAreRefusedWithoutBlocking() throws {
        let folder = try CodecFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.png").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertThrowsError(try ImageDecoder.info(contentsOf: fifo)) { error in
            XCTAssertEqual("\(error)", "\(fifo): cannot read the file: it is a FIFO (named pipe), not a regular file.")
        }
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: "/dev/zero")) { error in
            XCTAssertEqual("\(error)", "/dev/zero: cannot read the file: it is not a regular file (a device or socket).")
        }
    }

    func testEmptyBytesInMemory() {
        XCTAssertThrowsError(try ImageDecoder.decode(bytes: [], name: "frame-7")) { error in
            XCTAssertEqual("\(error)", "frame-7: the file is empty (0 bytes); re-copy or re-export it.")
        }
    }

    func testShortUnknownBytesInMemory() {
        XCTAssertThrowsError(try ImageDecoder.decode(bytes: [0x00, 0x01, 0xAB])) { error in
            XCTAssertEqual("\(error)", "<memory>: not a PNG, JPEG, TIFF or BMP image (first bytes: 00 01 AB); the format is detected from the bytes, not the extension.")
        }
    }

    func testFailedWriteLeavesExistingFileUntouched() throws {
        let folder = try CodecFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("keep.png").path
        let original = ByteImage(width: 2, height: 2, channels: 1, samples: [1, 2, 3, 4])
        try ImageEncoder.write(original, to: path)
        XCTAssertThrowsError(try ImageEncoder.write(original, to: path, options: EncodeOptions(pngCompressionLevel: 42)))
        XCTAssertEqual(try ImageDecoder.decode(contentsOf: path), original)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["keep.png"])
    }
}
