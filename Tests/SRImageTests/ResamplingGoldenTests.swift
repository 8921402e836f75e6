import Foundation
import XCTest
import SRImage
import SRTestSupport

/// Every registered resampler against outputs made by the references themselves
/// (`Fixtures/scripts/make_resize_goldens.py`: Pillow 9.4.0 for the Pillow kernels, an
/// independent float64 MATLAB `imresize` for the MATLAB kernels) on synthetic images.
final class ResamplingGoldenTests: XCTestCase {
    struct Golden: Decodable {
        struct Input: Decodable { let name: String; let width: Int; let height: Int; let channels: Int; let sha256: String }
        struct Target: Decodable { let scale: Double?; let size: [Int]? }
        struct Case: Decodable {
            let input: String, kernel: String, target: Target
            let width: Int, height: Int, channels: Int, offset: Int, length: Int, sha256: String
        }
        let pillow: String
        let inputs: [Input]
        let cases: [Case]
    }

    static let folder = SharedData.fixtures.appendingPathComponent("golden/resize")

    func loadGolden() throws -> (Golden, [String: ByteImage], [UInt8]) {
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: Self.folder.appendingPathComponent("cases.json")))
        var images: [String: ByteImage] = [:]
        for input in golden.inputs {
            let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("inputs/\(input.name).u8")))
            XCTAssertEqual(Digest.sha256Hex(bytes), input.sha256, "input \(input.name) changed on disk")
            images[input.name] = ByteImage(width: input.width, height: input.height, channels: input.channels, samples: bytes)
        }
        let outputs = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("outputs.bin")))
        return (golden, images, outputs)
    }

    /// Runs every case of `kernels`; returns (cases, differing samples) per kernel.
    func check(kernels: Set<String>) throws -> [String: (cases: Int, differing: Int)] {
        let (golden, images, outputs) = try loadGolden()
        var tally: [String: (cases: Int, differing: Int)] = [:]
        for c in golden.cases where kernels.contains(c.kernel) {
            let input = try XCTUnwrap(images[c.input])
            let target: ResizeTarget = if let s = c.target.scale { .scale(s) } else { .size(width: c.target.size![0], height: c.target.size![1]) }
            let result = try ResamplerRegistry.standard.resampler(named: c.kernel).resize(input, to: target)
            let label = "\(c.kernel) \(c.input) -> \(target)"
            XCTAssertEqual([result.width, result.height, result.channels], [c.width, c.height, c.channels], label)
            let expected = Array(outputs[c.offset..<c.offset + c.length])
            XCTAssertEqual(Digest.sha256Hex(expected), c.sha256, "golden bytes for \(label) corrupted")
            var differing = 0
            if result.samples.count == expected.count {
                differing = zip(result.samples, expected).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
            } else {
                differing = expected.count
            }
            XCTAssertEqual(differing, 0, "\(label): \(differing) of \(expected.count) samples differ")
            tally[c.kernel, default: (0, 0)].cases += 1
            tally[c.kernel, default: (0, 0)].differing += differing
        }
        return tally
    }

    func testPillowKernelsMatchPillowExactly() throws {
        let kernels: Set<String> = ["pillow-bicubic", "pillow-bilinear", "pillow-lanczos", "nearest"]
        let tally = try check(kernels: kernels)
        for k in kernels {
            XCTAssertEqual(tally[k]?.cases, 28, "\(k): expected 7 sizes x 4 inputs")
            XCTAssertEqual(tally[k]?.differing, 0, k)
        }
    }

    func testMatlabKernelsMatchFloat64ReferenceExactly() throws {
        let kernels: Set<String> = ["matlab-bicubic", "matlab-bicubic-uint8"]
        let tally = try check(kernels: kernels)
        for k in kernels {
            XCTAssertEqual(tally[k]?.cases, 36, "\(k): expected 9 targets x 4 inputs")
            XCTAssertEqual(tally[k]?.differing, 0, k)
        }
    }

    func testGoldensWereMadeWithTheRecordedPillow() throws {
        let (golden, _, _) = try loadGolden()
        XCTAssertEqual(golden.pillow, "9.4.0")
    }
}
