import Foundation
import SRImage
import XCTest
@testable import SRPipeline
#if canImport(Glibc)
import Glibc
#endif

/// What a folder source lists: regular files only, every name seen as bytes, none dropped.
final class SourceListingTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("srkit-listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["a", "b"] {
            try ImageEncoder.write(PipelineRunnerTests.texture(width: 20, height: 20, salt: 1), to: folder.appendingPathComponent("\(name).png").path)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func source(glob: String = "*.png") -> SourceSpec {
        SourceSpec(id: "images", selection: .folder(folder, glob: glob), location: .unknown)
    }

    func listed(glob: String = "*.png") throws -> [String] {
        try SourceListing.list(source(glob: glob)).map { $0.name }
    }

    /// `folder/` + raw name bytes, as a C path.
    func withRawPath<T>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        let bytes = Array(folder.path.utf8) + [0x2F] + name + [0]
        return bytes.withUnsafeBufferPointer { p in p.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    func testNameThatIsNotUTF8IsRefusedNamingTheFolderAndTheEscapedName() throws {
        // "café.png" in Latin-1: FileManager on Linux leaves this name out of its listing.
        let latin1 = Array("caf".utf8) + [0xE9] + Array(".png".utf8)
        let fd = withRawPath(latin1) { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        XCTAssertThrowsError(try listed()) { error in
            XCTAssertEqual("\(error)", "\(folder.path): source 'images' holds 'caf\\xE9.png', whose name is not valid UTF-8 (\\xNN marks each byte that is not); SRKit records input names as UTF-8 in index.json, so rename it (e.g. `convmv -f latin1 -t utf8 --notest FILE`) or move it out of the folder.")
        }
        // Not matching the glob, it is not an input and nothing is refused.
        XCTAssertEqual(try listed(glob: "[ab].png"), ["images/a.png", "images/b.png"])
    }

    func testFIFOsAndFoldersAreNotInputs() throws {
        XCTAssertEqual(withRawPath(Array("fifo.png".utf8)) { mkfifo($0, 0o644) }, 0)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.png"), withIntermediateDirectories: false)
        XCTAssertEqual(try listed(), ["images/a.png", "images/b.png"])
        XCTAssertEqual(try listed(glob: "*"), ["images/a.png", "images/b.png"])
    }

    func testOnlyNonRegularMatchesIsNoInputs() throws {
        XCTAssertEqual(withRawPath(Array("fifo.bmp".utf8)) { mkfifo($0, 0o644) }, 0)
        XCTAssertThrowsError(try listed(glob: "*.bmp")) { error in
            XCTAssertEqual("\(error)", "\(folder.path): source 'images' matched no files with glob '*.bmp'; check the folder and the glob.")
        }
    }

    func testSymbolicLinksToFilesAreInputsAndDanglingOnesAreNotDropped() throws {
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("c.png").path, withDestinationPath: "a.png")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("d.png").path, withDestinationPath: "gone.png")
        XCTAssertEqual(try listed(), ["images/a.png", "images/b.png", "images/c.png", "images/d.png"])
    }

    /// End to end through the runner: a FIFO in the folder no longer stops the run with a wrong
    /// reason ("You don't have permission").
    func testRunIgnoresAFIFOInTheSourceFolder() throws {
        XCTAssertEqual(withRawPath(Array("pipe.png".utf8)) { mkfifo($0, 0o644) }, 0)
        let text = """
            sources:
              images: {folder: \(folder.path), glob: "*.png"}
            stages:
              - {id: decode, op: decode, input: images}
              - {id: write, op: shards, input: outputs}
            outputs:
              hr: decode
            """
        let m = try ManifestReader.parse(text, file: "t.yaml", baseDirectory: folder)
        let sink = CollectingRecordSink()
        let summary = try PipelineRunner.run(m, options: RunOptions(jobs: 2, scratchDirectory: folder), sink: sink)
        XCTAssertEqual(summary.images, 2)
        XCTAssertEqual(sink.provenance?.inputs.map(\.name), ["images/a.png", "images/b.png"])
    }
}
