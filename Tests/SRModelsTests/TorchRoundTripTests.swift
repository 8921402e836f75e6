import Foundation
@testable import SRModels
import SRTestSupport
import XCTest

/// Swift's output against torch's (recorded by the fixture script) within 1e-4, before rounding.
final class TorchRoundTripTests: XCTestCase {
    func run(_ checkpoint: String, scale: Int = 1) throws -> (SRNetwork, [Float]) {
        let net = try SRNetwork.load(contentsOf: ModelFixtures.path(checkpoint))
        return (net, try net.forward(try ModelFixtures.input(), scale: scale).values)
    }

    func testPthMatchesTorch() throws {
        let (net, out) = try run("srcnn_small.pth")
        XCTAssertEqual(net.name, "srcnn-9-3-5")
        XCTAssertEqual(net.channels, 1)
        let expected = try ModelFixtures.floats("srcnn_small_expected.f32")
        XCTAssertEqual(out.count, expected.count)
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, expected), 1e-4)
    }

    func testLightningCheckpointMatchesTorch() throws {
        let (net, out) = try run("srcnn_small_lightning.ckpt")
        XCTAssertEqual(net.name, "srcnn-9-3-5")
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, try ModelFixtures.floats("srcnn_small_expected.f32")), 1e-4)
    }

    func testSafetensorsMatchesTorch() throws {
        let (net, out) = try run("srcnn_small.safetensors")
        XCTAssertEqual(net.name, "srcnn-9-3-5")
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, try ModelFixtures.floats("srcnn_small_expected.f32")), 1e-4)
    }

    func testFloat16WeightsMatchTorch() throws {
        let (_, out) = try run("srcnn_small_fp16.pth")
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, try ModelFixtures.floats("srcnn_small_fp16_expected.f32")), 1e-4)
    }

    func testMATFilesUseReplicatePaddingAsTheAuthorsDemo() throws {
        let expected = try ModelFixtures.floats("srcnn_small_replicate_expected.f32")
        for name in ["srcnn_small_single.mat", "srcnn_small_double_z.mat"] {
            let (net, out) = try run(name)
            XCTAssertEqual(net.name, "srcnn-9-3-5", name)
            XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, expected), 1e-4, name)
        }
    }

    func testESPCNMatchesTorch() throws {
        let (net, out) = try run("espcn_small_x2.pth", scale: 2)
        XCTAssertEqual(net.architecture, .espcn)
        XCTAssertEqual(net.upsampling, .inNetwork(scale: 2))
        let expected = try ModelFixtures.floats("espcn_small_x2_expected.f32")
        XCTAssertEqual(out.count, expected.count)
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, expected), 1e-4)
    }

    func testFSRCNNMatchesTorch() throws {
        let (net, out) = try run("fsrcnn_small.pth", scale: 2)
        XCTAssertEqual(net.architecture, .fsrcnn)
        XCTAssertEqual(net.name, "fsrcnn-8-4-1")
        let expected = try ModelFixtures.floats("fsrcnn_small_x2_expected.f32")
        XCTAssertEqual(out.count, expected.count)
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, expected), 1e-4)
    }

    /// Laid out by name, as `safetensors.torch.save_file` writes it: `last_part` before
    /// `mid_part`, `mid_part.10` before `mid_part.2`. Read in registration order, it matches torch.
    func testNameSortedSafetensorsFSRCNNMatchesTorch() throws {
        let checkpoint = try CheckpointReader.read(contentsOf: ModelFixtures.path("fsrcnn_m4_sorted.safetensors"))
        XCTAssertEqual(checkpoint.order, .names)
        let names = checkpoint.tensors.map(\.name)
        XCTAssertLessThan(try XCTUnwrap(names.firstIndex(of: "mid_part.2.weight")), try XCTUnwrap(names.firstIndex(of: "mid_part.10.weight")))
        let (net, out) = try run("fsrcnn_m4_sorted.safetensors", scale: 3)
        XCTAssertEqual(net.architecture, .fsrcnn)
        XCTAssertEqual(net.name, "fsrcnn-8-4-4")
        let expected = try ModelFixtures.floats("fsrcnn_m4_sorted_x3_expected.f32")
        XCTAssertEqual(out.count, expected.count)
        XCTAssertLessThan(ModelFixtures.maxAbsDiff(out, expected), 1e-4)
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
