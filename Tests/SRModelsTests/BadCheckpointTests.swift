import Foundation
@testable import SRModels
import SRImage
import SRTestSupport
import XCTest

/// Bad input never executes code or crashes: each case is a clear ``ModelError``.
final class BadCheckpointTests: XCTestCase {
    func testPickleNamingOSSystemIsRefusedAndNothingRuns() throws {
        let marker = "/tmp/srkit-pwned"
        try? FileManager.default.removeItem(atPath: marker)
        let path = ModelFixtures.path("evil_os_system.pth")
        let e = ModelFixtures.modelError { _ = try SRNetwork.load(contentsOf: path) }
        XCTAssertEqual(e, .disallowedGlobal(path: path, global: "posix.system", allowed: PickleAllowList.globals))
        XCTAssertEqual(e?.description.hasPrefix("\(path): the pickle names the global 'posix.system', which is not on the allow-list (collections.OrderedDict, "), true)
        XCTAssertTrue(e?.description.hasSuffix("nothing was executed. Re-save only the state_dict (torch.save(model.state_dict(), path)) or convert it to safetensors.") ?? false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
    }

    func testHandBuiltGlobalOutsideTheAllowListIsRefused() throws {
        // PROTO 2, GLOBAL 'builtins\neval\n', STOP
        let pickle: [UInt8] = [0x80, 0x02, 0x63] + Array("builtins\neval\n".utf8) + [0x2E]
        var m = PickleMachine(bytes: pickle, path: "p.pth")
        XCTAssertThrowsError(try m.run()) { error in
            XCTAssertEqual(error as? ModelError, .disallowedGlobal(path: "p.pth", global: "builtins.eval", allowed: PickleAllowList.globals))
        }
    }

    func testUnknownArchitectureListsTheTensors() throws {
        let path = ModelFixtures.path("unknown_arch.pth")
        let e = ModelFixtures.modelError { _ = try SRNetwork.load(contentsOf: path) }
        XCTAssertEqual(e?.description,
                       "\(path): the tensors match no supported architecture (SRCNN, FSRCNN, ESPCN); found 9 tensor(s): 0.weight [4, 1, 3, 3], 0.bias [4], 1.weight [4], 1.bias [4], 1.running_mean [4], 1.running_var [4], 1.num_batches_tracked [], 3.weight [2, 4], 3.bias [2]. Check that this is an SR model checkpoint.")
    }

    func testShapeMismatchNamesTheTensor() throws {
        let path = ModelFixtures.path("srcnn_shape_mismatch.safetensors")
        let e = ModelFixtures.modelError { _ = try SRNetwork.load(contentsOf: path) }
        XCTAssertEqual(e?.description,
                       "\(path): tensor 'conv2.weight' has shape [4, 7, 3, 3] but the inferred architecture needs [out, 8, k, k] with k odd; the checkpoint is inconsistent, re-export it.")
    }

    /// Every prefix of every fixture checkpoint is refused with a ModelError, never a crash.
    func testEveryTruncationIsAnError() throws {
        for name in ["srcnn_small.pth", "srcnn_small.safetensors", "srcnn_small_single.mat", "srcnn_small_double_z.mat"] {
            let bytes = try ModelFixtures.bytes(name)
            let step = max(1, bytes.count / 97)
            for n in stride(from: 0, to: bytes.count, by: step) {
                do {
                    _ = try ArchitectureInference.network(for: try CheckpointReader.read(bytes: Array(bytes[..<n]), path: name))
                    // A MAT file cut right after a whole variable is a valid file with fewer variables;
                    // it must then fail architecture inference instead.
                    XCTFail("\(name) cut to \(n) bytes was accepted")
                } catch is ModelError {
                } catch {
                    XCTFail("\(name) cut to \(n) bytes: \(error)")
                }
            }
        }
    }

    func testTruncatedMATSaysHowManyBytesAreMissing() throws {
        let bytes = try ModelFixtures.bytes("srcnn_small_single.mat")
        let e = ModelFixtures.modelError { _ = try CheckpointReader.read(bytes: Array(bytes[..<300]), path: "cut.mat") }
        guard case let .truncated(path, _, _, needed, available) = e else { return XCTFail("\(String(describing: e))") }
        XCTAssertEqual(path, "cut.mat")
        XCTAssertGreaterThan(needed, available)
        XCTAssertTrue(e?.description.contains("the file is incomplete, copy or download it again.") ?? false)
    }

    func testTruncatedSafetensorsHeader() throws {
        var bytes = [UInt8](repeating: 0, count: 8)
        bytes[0] = 200
        bytes += Array("{\"a\":".utf8)
        let e = ModelFixtures.modelError { _ = try CheckpointReader.read(bytes: bytes, path: "s.safetensors") }
        // 200-byte header announced, 5 present: not even detected as safetensors.
        XCTAssertEqual(e, .unknownFormat(path: "s.safetensors", magic: "c8 00 00 00 00 00 00 00"))
    }

    func testPickleFuzzNeverCrashes() throws {
        // Random mutations of a real data.pkl: any outcome but a crash is fine.
        let pth = try ModelFixtures.bytes("srcnn_small.pth")
        var generator = SplitMix64(seed: 42)
        for _ in 0..<300 {
            var b = pth
            for _ in 0..<4 {
                let i = Int(generator.next() % UInt64(b.count))
                b[i] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = try? ArchitectureInference.network(for: try CheckpointReader.read(bytes: b, path: "fuzz.pth"))
        }
        // Random mutations and truncations of the pickle itself (data.pkl of the Lightning checkpoint).
        let ckpt = try ZipArchive(bytes: try ModelFixtures.bytes("srcnn_small_lightning.ckpt"), path: "l.ckpt")
        guard let entry = ckpt.entries.first(where: { $0.name.hasSuffix("data.pkl") }) else { return XCTFail("no data.pkl") }
        let pickle = try ckpt.contents(of: entry)
        for round in 0..<2000 {
            var b = pickle
            if round % 4 == 0 {
                b = Array(b[..<Int(generator.next() % UInt64(b.count))])
            } else {
                for _ in 0..<(1 + round % 3) {
                    let i = Int(generator.next() % UInt64(b.count))
                    b[i] = UInt8(truncatingIfNeeded: generator.next())
                }
            }
            var machine = PickleMachine(bytes: b, path: "fuzz")
            if let root = try? machine.run() { _ = try? machine.tensors(from: root) }
        }
        var m = PickleMachine(bytes: Array(repeating: 0x85, count: 10) + [0x2E], path: "p")
        XCTAssertThrowsError(try m.run())
        // Deeply nested tuples are refused rather than overflowing the stack.
        var m2 = PickleMachine(bytes: [0x4E] + Array(repeating: 0x85, count: 100_000) + [0x2E], path: "p")
        XCTAssertThrowsError(try m2.run())
    }

    func testChannelMismatchIsAClearError() throws {
        let net = try SRNetwork.load(contentsOf: ModelFixtures.path("srcnn_small.pth"))
        let rgb = FloatImageFactory.make(width: 4, height: 4, channels: 3)
        let e = ModelFixtures.modelError { _ = try net.upscale(rgb, scale: 2, width: 8, height: 8) }
        XCTAssertEqual(e?.description, "srcnn-9-3-5: the network takes 1 channel(s) but the image has 3; use --protocol srcnn (Y channel).")
    }
}

/// Constant test images for the model error paths.
enum FloatImageFactory {
    static func make(width: Int, height: Int, channels: Int) -> FloatImage {
        FloatImage(width: width, height: height, channels: channels, samples: [Float](repeating: 100, count: width * height * channels))
    }
}
