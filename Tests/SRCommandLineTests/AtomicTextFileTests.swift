import Foundation
import SRCommandLine
import SRTestSupport
import XCTest

/// `AtomicTextFile`: complete files or nothing, and errors that name the file.
final class AtomicTextFileTests: XCTestCase {
    func testWritesAndReplacesWithoutLeavingTemporaries() throws {
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.json").path
        try AtomicTextFile.write("first\n", to: path)
        try AtomicTextFile.write("second, longer\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second, longer\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["report.json"])
    }

    func testFailureNamesTheFileAndLeavesNothing() throws {
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("missing/report.json").path
        XCTAssertThrowsError(try AtomicTextFile.write("text", to: path)) { error in
            guard case let .cannotWrite(failedPath, reason)? = error as? CommandLineError else { return XCTFail("\(error)") }
            XCTAssertEqual(failedPath, path)
            XCTAssertFalse(reason.isEmpty)
            XCTAssertEqual(String(describing: error),
                           "\(path): cannot write the file: \(reason); check that its folder exists and is writable.")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }
}
