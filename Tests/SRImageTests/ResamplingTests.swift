import XCTest
@testable import SRImage

/// MATLAB reference vectors, output sizes, target validation and the registry.
final class ResamplingTests: XCTestCase {
    /// A `width` x 4 float image whose rows are 0, 1, 2, 3.
    func verticalRamp(width: Int = 4) -> FloatImage {
        FloatImage(width: width, height: 4, channels: 1,
                   samples: (0..<4).flatMap { y in [Float](repeating: Float(y), count: width) })
    }

    func column(_ image: FloatImage) -> [Float] { (0..<image.height).map { image[0, $0, 0] } }

    func testRampDownscaleByHalfMatchesMatlab() throws {
        let out = try MatlabBicubic().resize(verticalRamp(), to: .scale(0.5))
        XCTAssertEqual([out.width, out.height], [2, 2])
        XCTAssertEqual(column(out), [0.4609375, 2.5390625])
        // Constant along x, so every column must be the same.
        XCTAssertEqual(out.samples, [0.4609375, 0.4609375, 2.5390625, 2.5390625])
    }

    func testRampUpscaleByTwoMatchesMatlab() throws {
        let out = try MatlabBicubic().resize(verticalRamp(), to: .scale(2))
        XCTAssertEqual([out.width, out.height], [8, 8])
        XCTAssertEqual(column(out), [-0.09375, 0.1796875, 0.7265625, 1.25, 1.75, 2.2734375, 2.8203125, 3.09375])
        XCTAssertEqual(Set((0..<8).map { out[$0, 0, 0] }), [-0.09375])
    }

    func testRampWithoutAntialiasingUsesTheUnstretchedKernel() throws {
        // 4 -> 2 without antialiasing samples u = 1.5 with the plain cubic over rows
        // [0 (mirror of row 0), 0, 1, 2] at distances 1.5, 0.5, -0.5, -1.5, weights
        // -0.0625, 0.5625, 0.5625, -0.0625: 0.5625 - 0.125 = 0.4375 (the mirror bends the ramp).
        let out = try MatlabBicubic(antialiasing: false).resize(verticalRamp(), to: .scale(0.5))
        XCTAssertEqual(column(out), [0.4375, 2.5625])
    }

    func testByteRoundingIsHalfAwayFromZeroAndClips() throws {
        let ramp = ByteImage(width: 1, height: 4, channels: 1, samples: [0, 1, 2, 3])
        // Up by 2: -0.09375 -> 0, 0.1796875 -> 0, 0.7265625 -> 1, 1.25 -> 1, 1.75 -> 2, ... 3.09375 -> 3.
        let out = try MatlabBicubic().resize(ramp, to: .size(width: 1, height: 8))
        XCTAssertEqual(out.samples, [0, 0, 1, 1, 2, 2, 3, 3])
    }

    func testPerPassRoundingDiffersFromFinalRounding() throws {
        // Rounding the intermediate changes results; .final must equal the float path rounded.
        var samples = [UInt8]()
        for y in 0..<9 { for x in 0..<11 { samples.append(UInt8((x * 37 + y * 91 + x * y * 13) % 256)) } }
        let image = ByteImage(width: 11, height: 9, channels: 1, samples: samples)
        let final = try MatlabBicubic(rounding: .final).resize(image, to: .scale(0.3))
        let perPass = try MatlabBicubic(rounding: .perPass).resize(image, to: .scale(0.3))
        let viaFloat = try MatlabBicubic().resize(image.toFloat(), to: .scale(0.3))
        XCTAssertEqual([final.width, final.height], [4, 3])
        XCTAssertEqual(final.samples, viaFloat.samples.map { roundClipToByte(Double($0)) })
        XCTAssertNotEqual(final.samples, perPass.samples)
    }

    func testByteConversionOfPassesEqualsMatlabUint8() {
        // The passes' branch-free rounding must be exactly roundClipToByte (MATLAB uint8()).
        var values: [Double] = [0, -0.0, 0.5, 0.49999999999999994, -0.5, -0.49999999999999994, 1.5, 2.5,
                                254.49999999999997, 254.5, 254.50000000000003, 255, 255.5, 256, 1e300, -1e300,
                                .infinity, -.infinity, .nan, .leastNonzeroMagnitude, 127.5, 127.49999999999999]
        for k in 0...256 { values += [Double(k) - 0.5, Double(k) + 0.5, (Double(k) + 0.5).nextDown, (Double(k) + 0.5).nextUp] }
        for v in values {
            XCTAssertEqual(UInt8(resampled: v), roundClipToByte(v), "\(v)")
        }
    }

    func testFloatFastPathEqualsDoublePathIncludingExactTies() throws {
        // Integer ramps and steps enlarged by 2 or 4 hit exact .5 ties (dyadic weights), and
        // noise shrunk by odd factors lands near them; the byte API's Float passes must repair
        // every one to the Double result, for both pass orders and both roundings.
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> UInt8 { state = state &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: state >> 56) }
        let inputs: [ByteImage] = [
            ByteImage(width: 9, height: 7, channels: 1, samples: (0..<63).map { UInt8(($0 % 9) * 3 + ($0 / 9)) }),
            ByteImage(width: 16, height: 12, channels: 3, samples: (0..<576).map { UInt8(($0 / 48) % 2 == 0 ? 10 : 11) }),
            ByteImage(width: 31, height: 27, channels: 3, samples: (0..<2511).map { _ in next() }),
        ]
        let targets: [ResizeTarget] = [.scale(2), .scale(4), .scale(0.5), .scale(0.25), .scale(1.0 / 3),
                                       .size(width: 7, height: 19), .size(width: 40, height: 5)]
        var repairedSomewhere = false
        for image in inputs {
            for target in targets {
                let plan = try MatlabPlan(width: image.width, height: image.height, target: target, antialiasing: true)
                let exactFinal: ByteImage = plan.run(image, intermediate: Double.self)
                let exactPerPass: ByteImage = plan.run(image, intermediate: UInt8.self)
                XCTAssertEqual(plan.runBytesFinal(image), exactFinal, "\(image.width)x\(image.height) \(target)")
                XCTAssertEqual(plan.runBytesFinal(image, useKernel: false), exactFinal,
                               "\(image.width)x\(image.height) \(target) portable passes")
                XCTAssertEqual(plan.runBytesPerPass(image), exactPerPass, "\(image.width)x\(image.height) \(target) per pass")
                let floats: FloatImage = plan.run(image, vector: SIMD16<Float>.self, intermediate: Float.self)
                if floats.samples.map({ UInt8(resampled: Double($0)) }) != exactFinal.samples { repairedSomewhere = true }
            }
        }
        // The test only means something if plain Float rounding would have been wrong somewhere.
        XCTAssertTrue(repairedSomewhere, "no input exercised the near-tie repair")
    }

    func testMirroredIndicesStayInsideTinyInputs() {
        // 1 pixel shrunk by 1/4 reaches 9 pixels to each side; mirroring must fold them all to 0.
        let axis = AxisWeights.matlabCubic(inputCount: 1, outputCount: 1, scale: 0.25, antialiasing: true)
        XCTAssertEqual(Set(axis.indices), [0])
        XCTAssertEqual(axis.weights.reduce(0, +), 1, accuracy: 1e-12)
        let three = AxisWeights.matlabCubic(inputCount: 3, outputCount: 6, scale: 2, antialiasing: true)
        XCTAssertTrue(three.indices.allSatisfy { (0..<3).contains($0) })
        // Output 1 samples u = 0.75: the 6 taps -2...3 (1-based) lose their always-zero first and
        // last columns, leaving -1, 0, 1, 2, which mirror (x1 x0 | x0 x1 x2) to 0-based 1, 0, 0, 1.
        XCTAssertEqual(three.taps, 4)
        XCTAssertEqual(Array(three.indices[0..<4]), [1, 0, 0, 1])
        XCTAssertEqual(Array(three.indices[20..<24]), [1, 2, 2, 1])
    }

    func testScaleGivesCeilingOfScaledSize() throws {
        XCTAssertEqual(try ResizeTarget.scale(0.25).resolve(width: 512, height: 510),
                       ResolvedResize(width: 128, height: 128, xScale: 0.25, yScale: 0.25))
        XCTAssertEqual(try ResizeTarget.scale(1.0 / 3).resolve(width: 255, height: 256).width, 85)
        XCTAssertEqual(try ResizeTarget.scale(1.0 / 3).resolve(width: 255, height: 256).height, 86)
        XCTAssertEqual(try ResizeTarget.scale(0.1).resolve(width: 3, height: 3).width, 1)
        let image = ByteImage(width: 37, height: 23, channels: 3)
        for name in ResamplerRegistry.standard.names {
            let out = try ResamplerRegistry.standard.resampler(named: name).resize(image, to: .scale(0.3))
            XCTAssertEqual([out.width, out.height, out.channels], [12, 7, 3], name)
        }
    }

    func testExplicitSizeUsesPerAxisScales() throws {
        XCTAssertEqual(try ResizeTarget.size(width: 20, height: 9).resolve(width: 40, height: 36),
                       ResolvedResize(width: 20, height: 9, xScale: 0.5, yScale: 0.25))
    }

    func testInvalidTargetsThrow() {
        let image = ByteImage(width: 8, height: 8, channels: 1)
        let bad: [(ResizeTarget, String)] = [
            (.scale(0), "Resize scale must be a positive finite number, got 0.0."),
            (.scale(-2), "Resize scale must be a positive finite number, got -2.0."),
            (.scale(.nan), "Resize scale must be a positive finite number, got nan."),
            (.scale(.infinity), "Resize scale must be a positive finite number, got inf."),
            (.size(width: 0, height: 4), "Resize output size must be positive, got 0x4."),
            (.size(width: 4, height: -1), "Resize output size must be positive, got 4x-1."),
            (.scale(1e9), "Resizing a side of 8 pixels by 1000000000.0 gives 8000000000.0 pixels, above the limit of 1048576."),
        ]
        for name in ResamplerRegistry.standard.names {
            let resampler = try! ResamplerRegistry.standard.resampler(named: name)
            for (target, message) in bad {
                XCTAssertThrowsError(try resampler.resize(image, to: target), "\(name) \(target)") { error in
                    XCTAssertEqual(error as? ImageError, .invalidArgument(message))
                }
            }
            XCTAssertThrowsError(try resampler.resize(ByteImage(width: 0, height: 3, channels: 1), to: .scale(2))) { error in
                XCTAssertEqual((error as? ImageError)?.description,
                               "Cannot resize an empty 0x3 image; the input needs at least one pixel.")
            }
        }
    }

    func testRegistryListsKnownNamesForUnknownName() {
        XCTAssertEqual(ResamplerRegistry.standard.names,
                       ["matlab-bicubic", "matlab-bicubic-uint8", "pillow-bicubic", "pillow-bilinear", "pillow-lanczos", "nearest"])
        XCTAssertThrowsError(try ResamplerRegistry.standard.resampler(named: "bicubic")) { error in
            XCTAssertEqual((error as? ImageError)?.description,
                           "Unknown resampler 'bicubic'; known resamplers: matlab-bicubic, matlab-bicubic-uint8, pillow-bicubic, pillow-bilinear, pillow-lanczos, nearest.")
        }
    }

    func testRegistryRejectsDuplicates() {
        var registry = ResamplerRegistry()
        XCTAssertNoThrow(try registry.register(MatlabBicubic()))
        XCTAssertThrowsError(try registry.register(MatlabBicubic())) { error in
            XCTAssertEqual((error as? ImageError)?.description,
                           "Resampler 'matlab-bicubic' was already registered; pick another name.")
        }
    }

    func testRegistryNamesMatchTheirResamplers() throws {
        for name in ResamplerRegistry.standard.names {
            XCTAssertEqual(try ResamplerRegistry.standard.resampler(named: name).name, name)
        }
        XCTAssertTrue((try ResamplerRegistry.standard.resampler(named: "matlab-bicubic-uint8") as? MatlabBicubic)?.rounding == .perPass)
    }

    func testSameSizeIsIdentityForEveryKernel() throws {
        var samples = [UInt8]()
        for i in 0..<(13 * 7 * 3) { samples.append(UInt8((i * 97) % 256)) }
        let image = ByteImage(width: 13, height: 7, channels: 3, samples: samples)
        for name in ResamplerRegistry.standard.names {
            XCTAssertEqual(try ResamplerRegistry.standard.resampler(named: name).resize(image, to: .scale(1)), image, name)
        }
    }
}
