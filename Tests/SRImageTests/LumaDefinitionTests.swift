import Foundation
import SRTestSupport
import XCTest
@testable import SRImage

/// The luma registry's definitions against numpy (`Fixtures/scripts/make_luma_goldens.py`), bit
/// for bit in both arithmetics, and the rounding rules at their ties.
final class LumaDefinitionTests: XCTestCase {
    private struct Golden: Decodable {
        let rgb: [UInt8]
        let definitions: [String: [String: [String]]]
    }

    func testEveryDefinitionMatchesNumpyBitForBitInBothArithmetics() throws {
        let url = SharedData.fixtures.appendingPathComponent("golden/luma/luma.json")
        let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        let image = ByteImage(width: golden.rgb.count / 3, height: 1, channels: 3, samples: golden.rgb)
        XCTAssertEqual(Set(golden.definitions.keys), Set(LumaRegistry.standard.names))
        for definition in LumaRegistry.standard.definitions {
            for precision in LumaPrecision.allCases {
                let want = try XCTUnwrap(golden.definitions[definition.name]?[precision.rawValue])
                let got = definition.luma(image, gray: .throughRGB, precision: precision).samples
                    .map { String(format: "%08x", $0.bitPattern) }
                let wrong = zip(got, want).enumerated().filter { $0.element.0 != $0.element.1 }
                XCTAssertEqual(got.count, want.count)
                XCTAssertTrue(wrong.isEmpty, "\(definition.name) \(precision.rawValue): \(wrong.count) of \(want.count) differ, first at \(wrong.first.map { "\($0.offset): \($0.element)" } ?? "")")
            }
        }
    }

    func testTheTwoArithmeticsDifferSomewhere() throws {
        // Otherwise the float32 option would be a no-op and the SRCNN-pytorch recipe untestable.
        var samples = [UInt8]()
        for v in 0..<256 { samples += [UInt8(v), UInt8(255 - v), UInt8((v * 37) & 255)] }
        let image = ByteImage(width: 256, height: 1, channels: 3, samples: samples)
        let single = LumaDefinition.bt601x256.luma(image, gray: .useAsY, precision: .float32).samples
        let double = LumaDefinition.bt601x256.luma(image, gray: .useAsY, precision: .float64).samples
        XCTAssertNotEqual(single, double)
        XCTAssertLessThan(zip(single, double).map { abs($0 - $1) }.max()!, 1e-4)
    }

    func testMatlabInFloat64IsYCbCrLuma() {
        var rng = SplitMix64(seed: 11)
        let rgb = ByteImage(width: 5000, height: 1, channels: 3, samples: (0..<15000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        XCTAssertEqual(LumaDefinition.matlab.luma(rgb, gray: .throughRGB, precision: .float64).samples, YCbCr.luma(rgb).samples)
        let gray = ByteImage(width: 256, height: 1, channels: 1, samples: (0..<256).map { UInt8($0) })
        XCTAssertEqual(LumaDefinition.matlab.luma(gray, gray: .throughRGB, precision: .float64).samples, YCbCr.luma(gray, gray: .throughRGB).samples)
        XCTAssertEqual(LumaDefinition.matlab.lumaBytes(rgb, gray: .throughRGB, precision: .float64, rounding: .halfAway), YCbCr.lumaRounded(rgb))
        XCTAssertEqual(LumaDefinition.matlab.lumaBytes(gray, gray: .useAsY, precision: .float64, rounding: .halfAway), gray)
    }

    func testKnownValuesOfEachDefinition() {
        let pixel = ByteImage(width: 2, height: 1, channels: 3, samples: [255, 0, 0, 255, 255, 255])
        // Red: MATLAB 16 + 65.481 = 81.481; SRCNN-pytorch 16 + 64.738 * 255 / 256 = 80.4851; BT.709 16 + 46.5594.
        let red = LumaRegistry.standard.definitions.map { $0.luma(pixel, gray: .useAsY, precision: .float64).samples[0] }
        XCTAssertEqual(red[0], 81.481, accuracy: 1e-4)
        XCTAssertEqual(red[1], 16 + 64.738 * 255 / 256, accuracy: 1e-4)
        XCTAssertEqual(red[2], 62.5594, accuracy: 1e-4)
        // White: 235 for the studio-swing definitions; SRCNN-pytorch's 64.738 makes it 234.0.
        let white = LumaRegistry.standard.definitions.map { $0.luma(pixel, gray: .useAsY, precision: .float64).samples[1] }
        XCTAssertEqual(white[0], 235, accuracy: 1e-4)
        XCTAssertEqual(white[1], 16 + 218.859 * 255 / 256, accuracy: 1e-4)
        XCTAssertEqual(white[2], 235, accuracy: 1e-4)
    }

    func testRoundingRulesDifferOnlyWhereTheyShould() {
        let values: [Float] = [16.5, 17.5, 17.49, 234.7, -3, 300]
        XCTAssertEqual(values.map { LumaRounding.halfAway.byte($0) }, [17, 18, 17, 235, 0, 255])
        XCTAssertEqual(values.map { LumaRounding.halfEven.byte($0) }, [16, 18, 17, 235, 0, 255])
        XCTAssertEqual(values.map { LumaRounding.truncate.byte($0) }, [16, 17, 17, 234, 0, 255])
        let pixel = ByteImage(width: 1, height: 1, channels: 3, samples: [12, 200, 77])  // MATLAB Y 127.446
        XCTAssertEqual(LumaDefinition.matlab.lumaBytes(pixel, gray: .useAsY, precision: .float64, rounding: .truncate).samples, [127])
    }

    func testGreyInputFollowsTheGrayChoice() {
        let gray = ByteImage(width: 2, height: 1, channels: 1, samples: [0, 255])
        let rgb = ByteImage(width: 2, height: 1, channels: 3, samples: [0, 0, 0, 255, 255, 255])
        for definition in LumaRegistry.standard.definitions {
            XCTAssertEqual(definition.luma(gray, gray: .useAsY, precision: .float32).samples, [0, 255])
            // through-rgb in float32 is numpy on the replicated array: the same as the RGB image.
            XCTAssertEqual(definition.luma(gray, gray: .throughRGB, precision: .float32).samples,
                           definition.luma(rgb, gray: .useAsY, precision: .float32).samples, definition.name)
        }
    }

    func testRegistryRefusesUnknownAndDuplicateNames() {
        XCTAssertThrowsError(try LumaRegistry.standard.definition(named: "bt601")) { error in
            XCTAssertEqual("\(error)", "Unknown luma definition 'bt601'; known definitions: matlab, bt601-256, bt709.")
        }
        var registry = LumaRegistry()
        XCTAssertNoThrow(try registry.register(.bt709))
        XCTAssertThrowsError(try registry.register(.bt709)) { error in
            XCTAssertEqual("\(error)", "Luma definition 'bt709' was already registered; pick another name.")
        }
    }
}
