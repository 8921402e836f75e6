import Foundation
import SRPipeline
import XCTest

/// The manifest mistakes the reliability probe found poorly reported: each now has its line and
/// column (or says what the path is) and a hint; full text asserted.
final class ManifestMessageTests: XCTestCase {
    static let tail = """
        sources:
          images: {folder: imgs, glob: "*.png"}
        stages:
          - {id: decode, op: decode, input: images}
          - {id: write, op: shards, input: outputs}
        outputs:
          hr: decode
        """

    func describe(_ text: String, overrides: [String: String] = [:]) -> String {
        do {
            _ = try ManifestReader.parse(text, file: "m.yaml", baseDirectory: URL(fileURLWithPath: "/data"), overrides: overrides)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testRepeatedKeyIsLocatedAtItsFirstUse() {
        XCTAssertEqual(describe("seed: 1\n" + Self.tail + "\nseed: 2\n"),
                       "m.yaml:1:1: the key 'seed' appears more than once in this mapping (first here) (hint: keep one of each; YAML keys must be unique)")
        XCTAssertEqual(describe(Self.tail.replacingOccurrences(of: "{id: decode, op: decode, input: images}", with: "{id: decode, op: decode, id: d2, input: images}")),
                       "m.yaml:4:6: the key 'id' appears more than once in this mapping (first here) (hint: keep one of each; YAML keys must be unique)")
    }

    func testNULByteHasLineAndColumn() {
        XCTAssertEqual(describe("name: d\u{E9}mo \u{540D}\u{1F600}\nseed: 1\u{0}\n" + Self.tail),
                       "m.yaml:2:8: YAML cannot read this character (U+0000): control characters are not allowed (hint: a manifest is plain UTF-8 text: remove the character; a NUL byte often means the file was saved as UTF-16 or is not text)")
    }

    func testVariableMayUseOneDeclaredAfterIt() throws {
        let text = "variables:\n  root: ${data}/T91\n  data: /shared\n" + Self.tail.replacingOccurrences(of: "folder: imgs", with: "folder: \"${root}\"")
        XCTAssertEqual(describe(text), "no error")
        let m = try ManifestReader.parse(text, file: "m.yaml", baseDirectory: URL(fileURLWithPath: "/data"))
        XCTAssertEqual(m.variables, ["root": "/shared/T91", "data": "/shared"])
        // An override of the used variable reaches the one built from it.
        let o = try ManifestReader.parse(text, file: "m.yaml", baseDirectory: URL(fileURLWithPath: "/data"), overrides: ["data": "/mnt"])
        XCTAssertEqual(o.variables["root"], "/mnt/T91")
        guard case let .folder(url, _) = o.sources[0].selection else { return XCTFail("not a folder source") }
        XCTAssertEqual(url.path, "/mnt/T91")
    }

    func testVariablesInACircleAreNamed() {
        XCTAssertEqual(describe("variables:\n  a: ${b}\n  b: x${c}\n  c: ${a}\n" + Self.tail),
                       "m.yaml:2:6: variables use each other in a circle: a -> b -> c -> a (hint: give one of them a value without ${})")
    }

    func testUndefinedVariableInAVariableSuggestsTheDeclaredOnes() {
        XCTAssertEqual(describe("variables:\n  root: ${dta}/T91\n  data: /shared\n" + Self.tail),
                       "m.yaml:2:9: '${dta}' names no variable (hint: did you mean 'data'?)")
    }

    func testPythonObjectAndOtherTagsAreRefused() {
        XCTAssertEqual(describe("name: !!python/object/apply:os.system [echo pwned]\n" + Self.tail),
                       "m.yaml:1:7: the YAML tag '!!python/object/apply:os.system' is not allowed in a manifest (hint: remove it; manifests hold only plain values: text, numbers, lists and mappings)")
        XCTAssertEqual(describe(Self.tail.replacingOccurrences(of: "hr: decode", with: "hr: !field decode")),
                       "m.yaml:7:7: the YAML tag '!field' is not allowed in a manifest (hint: remove it; manifests hold only plain values: text, numbers, lists and mappings)")
        XCTAssertEqual(describe("seed: !!binary AAEC\n" + Self.tail),
                       "m.yaml:1:7: the YAML tag '!!binary' is not allowed in a manifest (hint: remove it; manifests hold only plain values: text, numbers, lists and mappings)")
        // Core-schema tags spell out what a plain value is anyway.
        XCTAssertEqual(describe("seed: !!int 3\nname: !!str demo\n" + Self.tail), "no error")
    }

    func testManifestPathThatIsAFolderSaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("srkit-manifest-\(UUID().uuidString).yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try ManifestReader.load(path: folder.path)) { error in
            XCTAssertEqual("\(error)", "\(folder.path): cannot read the manifest: it is a folder, not a file; pass the manifest's .yaml file, e.g. Pipelines/t91.yaml.")
        }
        XCTAssertThrowsError(try ManifestReader.load(path: folder.path + "/missing.yaml")) { error in
            XCTAssertEqual("\(error)", "\(folder.path)/missing.yaml: cannot read the manifest: no such file.")
        }
    }
}
