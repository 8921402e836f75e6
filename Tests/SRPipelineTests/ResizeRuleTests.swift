import Foundation
import SRTestSupport
@testable import SRImage
import XCTest
@testable import SRPipeline

/// The `resize` size rules: each one's arithmetic as the tool it follows computes it, and the
/// manifest keys that select them.
final class ResizeRuleTests: XCTestCase {
    func size(_ rule: any ResizeRule, _ w: Int, _ h: Int) throws -> [Int] {
        switch try rule.target(width: w, height: h) {
        case let .size(width, height): return [width, height]
        case let .scale(s): return try [ResizeTarget.scaledSide(w, s), ResizeTarget.scaledSide(h, s)]
        }
    }

    func testMultipleOfFloorsRoundsOrCeils() throws {
        // T91 t1.bmp is 197x176: prepare.py at x3 resizes it to 195x174.
        XCTAssertEqual(try size(MultipleOfRule(multiple: 3, rounding: .floor), 197, 176), [195, 174])
        XCTAssertEqual(try size(MultipleOfRule(multiple: 3, rounding: .ceil), 197, 176), [198, 177])
        XCTAssertEqual(try size(MultipleOfRule(multiple: 3, rounding: .round), 197, 176), [198, 177])
        XCTAssertEqual(try size(MultipleOfRule(multiple: 4, rounding: .round), 198, 201), [200, 200], "ties go up")
        XCTAssertEqual(try size(MultipleOfRule(multiple: 8, rounding: .floor), 64, 64), [64, 64])
        XCTAssertThrowsError(try MultipleOfRule(multiple: 8, rounding: .floor).target(width: 7, height: 20)) { error in
            XCTAssertEqual("\(error)", "resize (multiple of 8 (floor)) gives 0x16 for the 7x20 image; add a filter stage (min_size) before it")
        }
    }

    func testScaleRoundingIsMatlabCeilOrPythonIntOrRound() throws {
        // MATLAB: ceil(255 / 4) = 64; Python int(255 * 0.25) = 63; round(63.75) = 64.
        XCTAssertEqual(try ScaleRule(scale: 0.25, rounding: .ceil).target(width: 255, height: 100), .scale(0.25))
        XCTAssertEqual(try size(ScaleRule(scale: 0.25, rounding: .floor), 255, 101), [63, 25])
        XCTAssertEqual(try size(ScaleRule(scale: 0.25, rounding: .round), 255, 102), [64, 26], "round(25.5) is 26 (half to even)")
        XCTAssertEqual(try size(ScaleRule(scale: 0.25, rounding: .round), 255, 98), [64, 24], "round(24.5) is 24 (half to even)")
        // generate_multiscale_DF2K.py: int(2040 * (1 / 3)) = 680 in double.
        XCTAssertEqual(try size(ScaleRule(scale: 1.0 / 3, rounding: .floor), 2040, 1356), [680, 452])
    }

    func testShorterAndLongerSideFollowTorchvision() throws {
        // torchvision Resize(100): short 176 -> 100, long int(100 * 197 / 176) = int(111.93) = 111.
        XCTAssertEqual(try size(ShorterSideRule(shorter: 100, maxLonger: nil), 197, 176), [111, 100])
        XCTAssertEqual(try size(ShorterSideRule(shorter: 100, maxLonger: nil), 176, 197), [100, 111])
        XCTAssertEqual(try size(ShorterSideRule(shorter: 50, maxLonger: nil), 80, 80), [50, 50])
        // max_size 150: 400x100 -> 400x100 would give 400; capped: long 150, short int(150 * 100 / 400) = 37.
        XCTAssertEqual(try size(ShorterSideRule(shorter: 100, maxLonger: 150), 400, 100), [150, 37])
        // Resize(size=None, max_size=64) on 197x176: long 64, short int(64 * 176 / 197) = 57.
        XCTAssertEqual(try size(LongerSideRule(longer: 64), 197, 176), [64, 57])
        XCTAssertEqual(try size(LongerSideRule(longer: 64), 176, 197), [57, 64])
    }

    func testRealESRGANsShortestEdgeTakesTheRatioFirst() throws {
        // generate_multiscale_DF2K.py: ratio = 402 / 400; height = int(400 * ratio) = 401, where
        // torchvision's int(400 * 402 / 400) gives 402.
        XCTAssertEqual(try size(ShorterSideRule(shorter: 400, maxLonger: nil, convention: .realESRGAN), 400, 402), [400, 401])
        XCTAssertEqual(try size(ShorterSideRule(shorter: 400, maxLonger: nil), 400, 402), [400, 402])
        XCTAssertEqual(try size(ShorterSideRule(shorter: 400, maxLonger: nil, convention: .realESRGAN), 2040, 1356), [601, 400])
        // Python's own arithmetic over every size pair near the edge agrees with the rule.
        let python = try Tools.run("/usr/bin/python3", ["-c", "print(' '.join(str(int(400 * (b / a))) for a in range(400, 420) for b in range(a, 900)))"])
        let expected = python.stdout.split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines))! }
        var got: [Int] = []
        for a in 400..<420 { for b in a..<900 { got.append(try size(ShorterSideRule(shorter: 400, maxLonger: nil, convention: .realESRGAN), a, b)[1]) } }
        XCTAssertEqual(got, expected)
        XCTAssertEqual(error(manifest("{shorter_side: 400, longer_side: 900, convention: real-esrgan}")),
                       "m.yaml:5:83: stage 'big' longer_side has no effect with convention real-esrgan (hint: generate_multiscale_DF2K.py caps nothing; drop longer_side or use convention torchvision)")
    }

    func testFitWithinIsPillowContain() throws {
        // ImageOps.contain((100, 100)): 197x176 is wider, height round(176 / 197 * 100) = 89.
        XCTAssertEqual(try size(FitWithinRule(width: 100, height: 100), 197, 176), [100, 89])
        XCTAssertEqual(try size(FitWithinRule(width: 100, height: 100), 176, 197), [89, 100])
        XCTAssertEqual(try size(FitWithinRule(width: 5, height: 5), 4, 2), [5, 2], "round(2.5) is 2 in Python")
        XCTAssertEqual(try size(FitWithinRule(width: 300, height: 200), 30, 20), [300, 200], "same aspect: exactly the box, enlarging")
    }

    // MARK: manifests

    func manifest(_ params: String) -> String {
        """
        sources:
          images: {folder: imgs}
        stages:
          - {id: decode, op: decode, input: images}
          - {id: big, op: resize, input: decode, params: \(params)}
          - {id: write, op: shards, input: outputs}
        outputs:
          hr: big
        """
    }

    func parse(_ text: String) throws -> PipelineManifest {
        try ManifestReader.parse(text, file: "m.yaml", baseDirectory: URL(fileURLWithPath: "/data"))
    }

    func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try parse(text)
            XCTFail("expected a manifest error", file: file, line: line)
        } catch {
            return "\(error)"
        }
        return ""
    }

    func testEachRuleIsSelectedByItsKeys() throws {
        let cases: [(String, String)] = [
            ("{kernel: pillow-bicubic, multiple_of: 3}", "pillow-bicubic, multiple of 3 (floor), uint8"),
            ("{multiple_of: 4, rounding: ceil}", "matlab-bicubic, multiple of 4 (ceil), uint8"),
            ("{scale: 0.5}", "matlab-bicubic, scale 0.5, uint8"),
            ("{scale: 0.75, rounding: floor, kernel: pillow-lanczos}", "pillow-lanczos, scale 0.75 (floor), uint8"),
            ("{width: 224, height: 200}", "matlab-bicubic, 224x200, uint8"),
            ("{shorter_side: 400}", "matlab-bicubic, shorter side 400, uint8"),
            ("{shorter_side: 400, longer_side: 600}", "matlab-bicubic, shorter side 400, longer at most 600, uint8"),
            ("{longer_side: 1024, kernel: nearest}", "nearest, longer side 1024, uint8"),
            ("{fit_width: 800, fit_height: 600}", "matlab-bicubic, fit within 800x600, uint8"),
        ]
        for (params, summary) in cases {
            let m = try parse(manifest(params))
            guard case let .resize(p) = m.stages[1].operation else { return XCTFail(params) }
            XCTAssertEqual(p.rule.summary, summary.split(separator: ",").dropFirst().dropLast().joined(separator: ",").trimmingCharacters(in: .whitespaces), params)
            XCTAssertEqual(GraphRendering.describe(m.stages[1].operation), "(\(summary))", params)
        }
    }

    func testConflictingOrMissingRulesAreRefusedWithTheLine() {
        XCTAssertEqual(error(manifest("{scale: 0.5, multiple_of: 3}")),
                       "m.yaml:5:76: stage 'big' gives both scale and multiple_of (hint: use one size rule: scale: 0.5; width: 224, height: 224; multiple_of: 3, rounding: floor; shorter_side: 256; longer_side: 1024; fit_width: 800, fit_height: 600)")
        XCTAssertEqual(error(manifest("{kernel: nearest}")),
                       "m.yaml:5:50: stage 'big' resize needs a size rule (hint: one of: scale: 0.5; width: 224, height: 224; multiple_of: 3, rounding: floor; shorter_side: 256; longer_side: 1024; fit_width: 800, fit_height: 600)")
        XCTAssertEqual(error(manifest("{width: 10, rounding: floor}")),
                       "m.yaml:5:72: stage 'big' rounding has no effect with width (hint: rounding goes with scale or multiple_of)")
        XCTAssertEqual(error(manifest("{fit_width: 10}")),
                       "m.yaml:5:50: stage 'big' params is missing 'fit_height' (hint: fit within a box needs fit_width and fit_height together)")
        XCTAssertEqual(error(manifest("{shorter_side: 400, longer_side: 300}")),
                       "m.yaml:5:83: stage 'big' longer_side 300 must be larger than shorter_side 400 (hint: longer_side caps the longer side (torchvision max_size); drop it or raise it)")
        XCTAssertEqual(error(manifest("{multiple_of: 3, rounding: nearest}")),
                       "m.yaml:5:77: stage 'big' rounding must be one of floor, round, ceil, got 'nearest' (hint: expected one of: floor, round, ceil)")
    }
}

/// `to-y` parameters in manifests.
final class LumaParameterTests: XCTestCase {
    func manifest(_ params: String) -> String {
        """
        sources:
          images: {folder: imgs}
        stages:
          - {id: decode, op: decode, input: images}
          - {id: y, op: to-y, input: decode, params: \(params)}
          - {id: write, op: shards, input: outputs}
        outputs:
          y: y
        """
    }

    func luma(_ params: String) throws -> LumaParameters {
        let m = try ManifestReader.parse(manifest(params), file: "m.yaml", baseDirectory: URL(fileURLWithPath: "/data"))
        guard case let .toY(p) = m.stages[1].operation else { throw PipelineError.unreadableManifest(path: "", reason: "not to-y") }
        return p
    }

    func testDefaultsAreMatlabDoubleRoundedHalfAway() throws {
        let p = try luma("{}")
        XCTAssertEqual([p.definition.name, p.arithmetic.rawValue, p.rounding.rawValue, p.gray.rawValue], ["matlab", "float64", "half-away", "use-as-y"])
        XCTAssertEqual(GraphRendering.describe(.toY(p)), "(matlab float64, rounded, grey use-as-y)")
    }

    func testEveryChoiceIsRead() throws {
        let p = try luma("{luma: bt601-256, arithmetic: float32, round: false, gray: through-rgb}")
        XCTAssertEqual([p.definition.name, p.arithmetic.rawValue, p.rounding.rawValue, p.gray.rawValue], ["bt601-256", "float32", "none", "through-rgb"])
        XCTAssertEqual(GraphRendering.describe(.toY(p)), "(bt601-256 float32, float, grey through-rgb)")
        XCTAssertEqual(try luma("{luma: bt709, round: half-even}").rounding, .halfEven)
        XCTAssertEqual(try luma("{round: truncate}").rounding, .truncate)
        XCTAssertEqual(try luma("{round: true}").rounding, .halfAway)
    }

    func testUnknownNamesListTheKnownOnes() {
        XCTAssertThrowsError(try luma("{luma: bt601}")) { error in
            XCTAssertEqual("\(error)", "m.yaml:5:53: unknown luma definition 'bt601' in stage 'y'; known: matlab, bt601-256, bt709 (hint: did you mean 'bt709'?)")
        }
        XCTAssertThrowsError(try luma("{round: floor}")) { error in
            XCTAssertEqual("\(error)", "m.yaml:5:54: stage 'y' round must be one of true, false, none, half-away, half-even, truncate, got 'floor' (hint: expected one of: true, false, none, half-away, half-even, truncate)")
        }
        XCTAssertThrowsError(try luma("{arithmetic: double}")) { error in
            XCTAssertEqual("\(error)", "m.yaml:5:59: stage 'y' arithmetic must be one of float64, float32, got 'double' (hint: expected one of: float64, float32)")
        }
    }
}
