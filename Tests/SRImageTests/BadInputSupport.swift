import Foundation
import SRImage
import XCTest

/// Shared steps of the BadInput*Tests: write damaged bytes to a named temporary file, decode it,
/// and compare the complete error sentence (with the file's path) against the expectation.
enum BadInput {
    /// Writes `bytes` as `name` in a fresh temporary folder and returns the path.
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = try CodecFixtures.temporaryFolder()
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// `bytes` with the byte at `index` replaced.
    static func patched(_ bytes: [UInt8], _ changes: [Int: UInt8]) -> [UInt8] {
        var out = bytes
        for (i, v) in changes { out[i] = v }
        return out
    }

    /// Index of the first occurrence of `needle` in `bytes`.
    static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        bytes.firstRange(of: needle)?.lowerBound
    }

    /// Decodes the file at `path` (both 8- and 16-bit entry points) and checks each throws
    /// exactly `expected`, where `$PATH` stands for the path; removes the file afterwards.
    static func assertDecodeFails(_ path: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        assertDecodeFailsKeepingFile(path, expected, file: file, line: line)
    }

    /// As ``assertDecodeFails(_:_:file:line:)`` for a file that must stay (a committed fixture).
    static func assertDecodeFailsKeepingFile(_ path: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let sentence = expected.replacingOccurrences(of: "$PATH", with: path)
        XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: path), file: file, line: line) { error in
            XCTAssertEqual("\(error)", sentence, file: file, line: line)
        }
        XCTAssertThrowsError(try ImageDecoder.decode16(contentsOf: path), file: file, line: line) { error in
            XCTAssertEqual("\(error)", sentence, file: file, line: line)
        }
    }

    /// Writing to a folder that does not exist fails with writeFailed naming the path, leaving nothing.
    static func assertUnwritable(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let image = ByteImage(width: 3, height: 2, channels: 3, samples: Array(0..<18))
        let path = "/nonexistent-srkit-folder/\(name)"
        XCTAssertThrowsError(try ImageEncoder.write(image, to: path), file: file, line: line) { error in
            XCTAssertEqual("\(error)", "\(path): cannot write the image: cannot create a temporary file in /nonexistent-srkit-folder: No such file or directory.",
                           file: file, line: line)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), file: file, line: line)
    }
}
