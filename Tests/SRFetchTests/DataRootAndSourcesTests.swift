import Foundation
import SRTestSupport
import XCTest
@testable import SRFetch

/// Data-root resolution order, mirror rewriting and the pinned-source tables.
final class DataRootAndSourcesTests: XCTestCase {
    func testDataRootOrder() throws {
        let tmp = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let checkout = tmp.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: checkout, withIntermediateDirectories: true)
        let env = ["SRKIT_DATA": "/data/sr", "XDG_CACHE_HOME": "/xdg", "HOME": "/home/u"]
        XCTAssertEqual(DataRoot.resolve(explicit: "/x", environment: env, checkout: checkout), DataRoot(path: "/x", origin: "--data-root"))
        XCTAssertEqual(DataRoot.resolve(explicit: nil, environment: env, checkout: checkout), DataRoot(path: "/data/sr", origin: "SRKIT_DATA"))
        XCTAssertEqual(DataRoot.resolve(explicit: nil, environment: ["XDG_CACHE_HOME": "/xdg"], checkout: checkout).path, "/xdg/srkit/datasets")
        XCTAssertEqual(DataRoot.resolve(explicit: nil, environment: ["XDG_CACHE_HOME": "rel", "HOME": "/home/u"], checkout: checkout).path, "/home/u/.cache/srkit/datasets")
        try FileManager.default.createDirectory(at: tmp.appendingPathComponent("shared/datasets"), withIntermediateDirectories: true)
        XCTAssertEqual(DataRoot.resolve(explicit: nil, environment: ["HOME": "/home/u"], checkout: checkout),
                       DataRoot(path: tmp.appendingPathComponent("shared/datasets").standardized.path, origin: "../shared/datasets beside the checkout"))
    }

    func testMirrorKeepsThePath() throws {
        let m = try XCTUnwrap(try Mirror.fromEnvironment(["SRKIT_MIRROR": "http://127.0.0.1:8123/"]))
        XCTAssertEqual(m.rewrite("https://raw.githubusercontent.com/a/b/0123/T91/t1.bmp"), "http://127.0.0.1:8123/a/b/0123/T91/t1.bmp")
        XCTAssertNil(try Mirror.fromEnvironment([:]))
        XCTAssertThrowsError(try Mirror.fromEnvironment(["SRKIT_MIRROR": "ftp://x"])) {
            XCTAssertEqual("\($0)", "SRKIT_MIRROR=ftp://x is not an http:// or https:// URL; give e.g. SRKIT_MIRROR=http://127.0.0.1:8000.")
        }
    }

    func testPinnedSourcesMatchSOURCESmd() throws {
        let cat = try SourceCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets/sources"))
        XCTAssertEqual(cat.names, ["bsd100", "div2k", "div2k-train", "set14", "set5", "t91", "urban100"])
        // Counts and byte totals as ../shared/datasets/SOURCES.md gives them (Urban100: the full set).
        let expected: [String: (Int, Int64)] = ["t91": (91, 16_102_570), "set5": (5, 851_881), "set14": (14, 4_983_382),
                                                "bsd100": (100, 27_204_489), "urban100": (100, 135_627_074)]
        for (name, (count, bytes)) in expected {
            let d = try cat.dataset(name)
            XCTAssertEqual(d.files.count, count, name)
            XCTAssertEqual(d.files.reduce(0) { $0 + $1.bytes }, bytes, name)
            for f in d.files {
                // Pinned: the URL carries a full 40-hex commit.
                XCTAssertTrue(f.url.split(separator: "/").contains { $0.count == 40 && $0.allSatisfy(\.isHexDigit) }, f.url)
            }
        }
        XCTAssertEqual(cat.dataset(forFolder: "T91")?.name, "t91")
        // DIV2K: the authors' archives, unpacked under DIV2K/, sizes as TensorFlow Datasets publishes them.
        for (name, split, bytes) in [("div2k", "valid", Int64(652_776_766)), ("div2k-train", "train", Int64(5_130_755_626))] {
            let d = try cat.dataset(name)
            XCTAssertEqual(d.files.map(\.path), ["HR", "LR_bicubic_X2", "LR_bicubic_X3", "LR_bicubic_X4"].map { "DIV2K/DIV2K_\(split)_\($0).zip" })
            XCTAssertEqual(d.files.map(\.unpack), Array(repeating: "DIV2K", count: 4))
            XCTAssertEqual(d.files.reduce(0) { $0 + $1.bytes }, bytes)
            XCTAssertTrue(d.files.allSatisfy { $0.url == "https://data.vision.ee.ethz.ch/cvl/" + $0.path }, "\(d.files.map(\.url))")
        }
        XCTAssertEqual(cat.dataset(forFolder: "DIV2K")?.name, "div2k")
        XCTAssertThrowsError(try cat.dataset("manga109")) {
            XCTAssertEqual("\($0)", "No pinned sources for dataset 'manga109'; known: bsd100, div2k, div2k-train, set14, set5, t91, urban100.")
        }
    }

    func testBadSourceLine() throws {
        let tmp = try CommandRunner.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        try "# header\nT91/t1.bmp\t12\tabc\thttps://x/y\n".write(to: tmp.appendingPathComponent("t91.tsv"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SourceCatalog(folder: tmp)) {
            XCTAssertEqual("\($0)", "\(tmp.path)/t91.tsv:2: 'abc' is not a SHA-256; each line is PATH<TAB>BYTES<TAB>SHA256<TAB>URL, with <TAB>unpack:FOLDER after an archive (regenerate with Manifests/datasets/make_sources.py).")
        }
    }

    func testHintForMissingFolder() throws {
        let cat = try SourceCatalog(folder: SharedData.repositoryRoot.appendingPathComponent("Manifests/datasets/sources"))
        XCTAssertEqual(MissingDatasetHint.command(forMissing: "/r/T91", root: "/r", sources: cat), "bench datasets fetch t91 --data-root /r")
        XCTAssertNil(MissingDatasetHint.command(forMissing: "/elsewhere/T91", root: "/r", sources: cat))
    }
}
