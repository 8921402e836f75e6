import Foundation
@testable import SRModels
import SRTestSupport
import XCTest

/// Swift's output against torch's (recorded by the fixture script) within 1e-4, before rounding.
final class TorchRoundTripTests: XCTestCase {
    /// Loads `checkpoint`, runs it on the fixture image and checks the network's name and its
    /// output against torch's recorded output `expected` (same size, max abs error < 1e-4).
    @discardableResult
    func assertMatchesTorch(_ checkpoint: String, scale: Int = 1, name: String, expected: String,
                            line: UInt = #line) throws -> SRNetwork {
        let net = try SRNetwork.load(contentsOf: ModelFixtures.path(checkpoint))
        let out = try net.forward(try ModelFixtures.input(), scale: scale).values
        let reference = try ModelFixtures.floats(expected)
        XCTAssertEqual(net.name, name, checkpoint, line: line)
        XCTAssertEqual(out.count, reference.count, checkpoint, line: line)
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, reference), 1e-4, checkpoint, line: line)
        return net
    }

    func testPthMatchesTorch() throws {
        let net = try assertMatchesTorch("srcnn_small.pth", name: "srcnn-9-3-5", expected: "srcnn_small_expected.f32")
        XCTAssertEqual(net.channels, 1)
    }

    func testLightningCheckpointMatchesTorch() throws {
        try assertMatchesTorch("srcnn_small_lightning.ckpt", name: "srcnn-9-3-5", expected: "srcnn_small_expected.f32")
    }

    func testSafetensorsMatchesTorch() throws {
        try assertMatchesTorch("srcnn_small.safetensors", name: "srcnn-9-3-5", expected: "srcnn_small_expected.f32")
    }

    func testFloat16WeightsMatchTorch() throws {
        try assertMatchesTorch("srcnn_small_fp16.pth", name: "srcnn-9-3-5", expected: "srcnn_small_fp16_expected.f32")
    }

    func testMATFilesUseReplicatePaddingAsTheAuthorsDemo() throws {
        for file in ["srcnn_small_single.mat", "srcnn_small_double_z.mat"] {
            try assertMatchesTorch(file, name: "srcnn-9-3-5", expected: "srcnn_small_replicate_expected.f32")
        }
    }

    func testESPCNMatchesTorch() throws {
        let net = try assertMatchesTorch("espcn_small_x2.pth", scale: 2, name: "espcn-x2-5-3-3", expected: "espcn_small_x2_expected.f32")
        XCTAssertEqual(net.architecture, .espcn)
        XCTAssertEqual(net.upsampling, .inNetwork(scale: 2))
    }

    func testFSRCNNMatchesTorch() throws {
        let net = try assertMatchesTorch("fsrcnn_small.pth", scale: 2, name: "fsrcnn-8-4-1", expected: "fsrcnn_small_x2_expected.f32")
        XCTAssertEqual(net.architecture, .fsrcnn)
    }

    /// Laid out by name, as `safetensors.torch.save_file` writes it: `last_part` before
    /// `mid_part`, `mid_part.10` before `mid_part.2`. Read in registration order, it matches torch.
    func testNameSortedSafetensorsFSRCNNMatchesTorch() throws {
        let checkpoint = try CheckpointReader.read(contentsOf: ModelFixtures.path("fsrcnn_m4_sorted.safetensors"))
        XCTAssertEqual(checkpoint.order, .names)
        let names = checkpoint.tensors.map(\.name)
        XCTAssertLessThan(try XCTUnwrap(names.firstIndex(of: "mid_part.2.weight")), try XCTUnwrap(names.firstIndex(of: "mid_part.10.weight")))
        let net = try assertMatchesTorch("fsrcnn_m4_sorted.safetensors", scale: 3, name: "fsrcnn-8-4-4",
                                         expected: "fsrcnn_m4_sorted_x3_expected.f32")
        XCTAssertEqual(net.architecture, .fsrcnn)
    }
}

extension TorchRoundTripTests {
    func testThreeChannelSRCNNWithA1x1MiddleLayer() throws {
        let net = try SRNetwork.load(contentsOf: ModelFixtures.path("srcnn_rgb_915.safetensors"))
        XCTAssertEqual(net.name, "srcnn-9-1-5")
        XCTAssertEqual(net.channels, 3)
        let input = FeatureMap(channels: 3, height: 20, width: 24, values: try ModelFixtures.floats("input_rgb_24x20.f32"))
        let out = try net.forward(input, scale: 1)
        let expected = try ModelFixtures.floats("srcnn_rgb_915_expected.f32")
        XCTAssertEqual(out.values.count, expected.count)
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out.values, expected), 1e-4)
        // The interleaved 0...255 path gives the same numbers.
        let image = SRNetwork.interleaved(input)
        XCTAssertEqual(SRNetwork.planar(image).values.count, input.values.count)
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(SRNetwork.planar(image).values, input.values), 1e-6)
    }
}
