import Foundation
import SRImage
import SRTestSupport
import XCTest

/// Runs the built `prep` binary on generated images and checks its files, output and exit codes.
final class PrepImageCommandsTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try CommandRunner.makeTemporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// A 40x24 RGB gradient written as PNG by SRKit itself.
    func writeGradient(_ name: String) throws -> String {
        var samples = [UInt8]()
        for y in 0..<24 { for x in 0..<40 { samples += [UInt8(x * 6), UInt8(y * 10), UInt8((x + y) * 4)] } }
        let path = dir.appendingPathComponent(name).path
        try ImageEncoder.write(ByteImage(width: 40, height: 24, channels: 3, samples: samples), to: path)
        return path
    }

    func testResizeByScaleWritesCeilSizedImageEqualToTheLibraryResult() throws {
        let input = try writeGradient("in.png")
        let output = dir.appendingPathComponent("out.png").path
        let r = try CommandRunner.run("prep", ["resize", input, output, "--scale", "0.3", "--kernel", "matlab-bicubic"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "\(output): 12x8, 3 channel(s), matlab-bicubic\n")
        let written = try ImageDecoder.decode(contentsOf: output)
        let expected = try MatlabBicubic().resize(ImageDecoder.decode(contentsOf: input), to: .scale(0.3))
        XCTAssertEqual(written, expected)
    }

    func testResizeToExplicitSizeWithPillowKernel() throws {
        let input = try writeGradient("in.png")
        let output = dir.appendingPathComponent("out.bmp").path
        let r = try CommandRunner.run("prep", ["resize", input, output, "--size", "17x31", "--kernel", "pillow-lanczos"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try ImageDecoder.info(contentsOf: output).format, .bmp)
        let written = try ImageDecoder.decode(contentsOf: output)
        XCTAssertEqual([written.width, written.height], [17, 31])
    }

    func testResizeRejectsAnUnknownKernelListingTheKnownOnes() throws {
        let input = try writeGradient("in.png")
        let r = try CommandRunner.run("prep", ["resize", input, dir.appendingPathComponent("o.png").path, "--scale", "2", "--kernel", "cubic"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("cubic"), r.stderr)
        XCTAssertTrue(r.stderr.contains("matlab-bicubic") && r.stderr.contains("pillow-bicubic"), r.stderr)
    }

    func testResizeNeedsExactlyOneOfScaleAndSize() throws {
        let input = try writeGradient("in.png")
        let r = try CommandRunner.run("prep", ["resize", input, dir.appendingPathComponent("o.png").path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("Give either --scale S or --size WxH."), r.stderr)
    }

    func testConvertWritesTheFormatNamedByTheExtensionLosslessly() throws {
        let input = try writeGradient("in.png")
        let output = dir.appendingPathComponent("in.bmp").path
        let r = try CommandRunner.run("prep", ["convert", input, output])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try ImageDecoder.info(contentsOf: output).format, .bmp)
        XCTAssertEqual(try ImageDecoder.decode(contentsOf: output), try ImageDecoder.decode(contentsOf: input))
    }

    func testInfoReportsFormatSizeAndDepth() throws {
        let input = try writeGradient("in.png")
        let r = try CommandRunner.run("prep", ["info", input])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "\(input): PNG 40x24, rgb 8-bit, decodes to 3 channels\n")
    }

    /// `prep info` says what a refused file is, gives convert's own error for it, goes on with
    /// the other files and exits 1, instead of "decodes to 3 channels" with status 0.
    func testInfoRefusesWhatConvertRefusesWithTheSameMessage() throws {
        let good = try writeGradient("in.png")
        let cmyk = SharedData.fixtures.appendingPathComponent("images/codecs/jpeg_cmyk.jpg").path
        let r = try CommandRunner.run("prep", ["info", cmyk, good])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "\(cmyk): JPEG 21x13, cmyk 8-bit, not decodable\n\(good): PNG 40x24, rgb 8-bit, decodes to 3 channels\n")
        let convert = try CommandRunner.run("prep", ["convert", cmyk, dir.appendingPathComponent("out.png").path])
        XCTAssertEqual(convert.status, 1)
        XCTAssertEqual(r.stderr, convert.stderr)
        XCTAssertEqual(r.stderr, "Error: \(cmyk): unsupported JPEG variant: CMYK colour space; convert it to 8-bit RGB or grey first.\n")
    }

    /// Names that are not UTF-8 are refused by their escaped bytes, not reported as missing.
    /// The shell makes the Latin-1 byte (`printf '\\351'`): Swift strings cannot hold it.
    func testNonUTF8FileNamesAreRefusedByTheirEscapedName() throws {
        let gradient = try writeGradient("in.png")
        let bin = CommandRunner.productsDirectory.path
        let expected = "Error: \(dir.path)/caf\\xE9.png: the name is not valid UTF-8 (\\xNN marks each byte that is not) and SRKit reads file names as UTF-8; rename the file, e.g. `convmv -f latin1 -t utf8 --notest FILE`.\n"
        for command in ["\"$B/prep\" info \"$F\"", "\"$B/prep\" convert \"$F\" \"$G.bmp\"", "\"$B/bench\" metrics \"$F\" \"$G\""] {
            let r = try CommandRunner.runShell("F=\"$(printf '%s/caf\\351.png' \"$D\")\"; cp \"$G\" \"$F\" && \(command)",
                                               environment: ["B": bin, "D": dir.path, "G": gradient])
            XCTAssertEqual(r.status, 1, command)
            XCTAssertEqual(r.stderr, expected, command)
        }
    }

    func testMissingInputFailsNamingTheFileAndWritesNothing() throws {
        let missing = dir.appendingPathComponent("nope.png").path
        let output = dir.appendingPathComponent("o.png").path
        let r = try CommandRunner.run("prep", ["resize", missing, output, "--scale", "2"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains(missing), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "no temporary file may be left behind")
    }
}
