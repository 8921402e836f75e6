import Foundation
@testable import SRModels
import SRTestSupport
import XCTest

/// Each reader on good files: format detection from bytes, names, shapes, dtypes.
final class CheckpointReaderTests: XCTestCase {
    func testFormatIsDetectedFromBytesNotExtension() throws {
        XCTAssertEqual(CheckpointFormat.detect(try ModelFixtures.bytes("srcnn_small_single.mat")), .mat)
        XCTAssertEqual(CheckpointFormat.detect(try ModelFixtures.bytes("srcnn_small.pth")), .torch)
        XCTAssertEqual(CheckpointFormat.detect(try ModelFixtures.bytes("srcnn_small.safetensors")), .safetensors)
        XCTAssertNil(CheckpointFormat.detect(Array("hello world".utf8)))
        // A safetensors file saved as srcnn.ckpt still reads as safetensors.
        let dir = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let renamed = dir.appendingPathComponent("srcnn.ckpt")
        try FileManager.default.copyItem(atPath: ModelFixtures.path("srcnn_small.safetensors"), toPath: renamed.path)
        XCTAssertEqual(try CheckpointReader.read(contentsOf: renamed.path).format, .safetensors)
    }

    func testUncompressedSingleMAT() throws {
        let c = try CheckpointReader.read(contentsOf: ModelFixtures.path("srcnn_small_single.mat"))
        XCTAssertEqual(c.format, .mat)
        // MATLAB dims reversed: weights_conv1 is 81×8 in MATLAB.
        XCTAssertEqual(c["weights_conv1"]?.shape, [8, 81])
        XCTAssertEqual(c["weights_conv2"]?.shape, [4, 9, 8])
        XCTAssertEqual(c["weights_conv3"]?.shape, [25, 4])
        XCTAssertEqual(c["biases_conv3"]?.shape, [1, 1])
    }

    func testCompressedDoubleMATHoldsTheSameValues() throws {
        let single = try CheckpointReader.read(contentsOf: ModelFixtures.path("srcnn_small_single.mat"))
        let double = try CheckpointReader.read(contentsOf: ModelFixtures.path("srcnn_small_double_z.mat"))
        XCTAssertEqual(single.tensors.map(\.name).sorted(), double.tensors.map(\.name).sorted())
        for (name, t) in single.tensors {
            XCTAssertEqual(double[name]?.values, t.values, name)
        }
    }

    func testOfficialSRCNNWeights() throws {
        let file = try SharedData.require(SharedData.weights.appendingPathComponent("SRCNN_v1_official/model/9-5-5(ImageNet)/x3.mat"))
        let c = try CheckpointReader.read(contentsOf: file.path)
        XCTAssertEqual(c["weights_conv1"]?.shape, [64, 81])
        XCTAssertEqual(c["weights_conv2"]?.shape, [32, 25, 64])
        XCTAssertEqual(c["weights_conv3"]?.shape, [25, 32])
        XCTAssertEqual(c["biases_conv2"]?.count, 32)
        let net = try ArchitectureInference.network(for: c)
        XCTAssertEqual(net.name, "srcnn-9-5-5")
        let net915 = try SRNetwork.load(contentsOf: SharedData.weights.appendingPathComponent("SRCNN_v1_official/model/9-1-5(91 images)/x3.mat").path)
        XCTAssertEqual(net915.name, "srcnn-9-1-5")
    }

    func testStateDictNamesAndDTypes() throws {
        let pth = try CheckpointReader.read(contentsOf: ModelFixtures.path("srcnn_small.pth"))
        XCTAssertEqual(pth.tensors.map(\.name), ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "conv3.weight", "conv3.bias"])
        XCTAssertEqual(pth["conv1.weight"]?.shape, [8, 1, 9, 9])
        let half = try CheckpointReader.read(contentsOf: ModelFixtures.path("srcnn_small_fp16.pth"))
        XCTAssertEqual(half["conv2.weight"]?.shape, [4, 8, 3, 3])
        let st = try CheckpointReader.read(contentsOf: ModelFixtures.path("srcnn_small.safetensors"))
        XCTAssertEqual(st.tensors.map(\.name), pth.tensors.map(\.name))
        XCTAssertEqual(st["conv3.weight"]?.values, pth["conv3.weight"]?.values)
    }

    /// A safetensors file in registration order (`conv1.weight` before `conv1.bias`) keeps it.
    func testRegistrationOrderedSafetensorsKeepsFileOrder() throws {
        let st = try CheckpointReader.read(contentsOf: ModelFixtures.path("srcnn_small.safetensors"))
        XCTAssertEqual(st.order, .file)
        XCTAssertEqual(st.tensors.map(\.name).prefix(2), ["conv1.weight", "conv1.bias"])
    }

    func testNaturalOrderComparesDigitRunsByValue() {
        let names = ["mid_part.10.weight", "last_part.weight", "mid_part.2.weight", "mid_part.02.weight", "mid_part.1.weight", "conv10", "conv9", "mid_part"]
        XCTAssertEqual(names.sorted(by: NaturalOrder.precedes),
                       ["conv9", "conv10", "last_part.weight", "mid_part", "mid_part.1.weight", "mid_part.2.weight", "mid_part.02.weight", "mid_part.10.weight"])
    }

    func testLightningCheckpointKeepsNestedNamesAndOptimizerState() throws {
        let c = try CheckpointReader.read(contentsOf: ModelFixtures.path("srcnn_small_lightning.ckpt"))
        XCTAssertEqual(c["state_dict.model.conv1.weight"]?.shape, [8, 1, 9, 9])
        XCTAssertNotNil(c["optimizer_states.0.state.0.exp_avg"])
    }

    func testUnknownBytesAreRefusedWithTheirMagic() throws {
        let e = ModelFixtures.modelError { _ = try CheckpointReader.read(bytes: Array("hello world".utf8), path: "x.ckpt") }
        XCTAssertEqual(e?.description,
                       "x.ckpt: not a MATLAB v5 MAT file, torch.save zip or safetensors file (first bytes 68 65 6c 6c 6f 20 77 6f); pass a checkpoint in one of those formats.")
    }
}
