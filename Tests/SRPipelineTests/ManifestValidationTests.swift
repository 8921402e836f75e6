import Foundation
import SRPipeline
import XCTest

/// Every kind of manifest mistake is reported with file:line:column, a message and a hint.
final class ManifestValidationTests: XCTestCase {
    static let valid = """
        version: 1
        name: demo
        seed: 7
        variables:
          scale: 4
        sources:
          images: {folder: imgs, glob: "*.png"}
        stages:
          - id: decode
            op: decode
            input: images
          - id: hr
            op: patches
            input: decode
            params: {size: 32, stride: 14}
          - id: lr
            op: degrade
            input: hr
            params: {scale: "${scale}", up: true}
          - id: write
            op: shards
            input: outputs
        outputs:
          hr: {from: hr}
          lr: {from: lr}
        """

    func parse(_ text: String, overrides: [String: String] = [:]) throws -> PipelineManifest {
        try ManifestReader.parse(text, file: "m.yaml", baseDirectory: URL(fileURLWithPath: "/data"), overrides: overrides)
    }

    func diagnostic(_ text: String, overrides: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) -> ManifestDiagnostic? {
        do {
            _ = try parse(text, overrides: overrides)
            XCTFail("expected a manifest error", file: file, line: line)
            return nil
        } catch let d as ManifestDiagnostic {
            return d
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testValidManifestParses() throws {
        let m = try parse(Self.valid)
        XCTAssertEqual(m.name, "demo")
        XCTAssertEqual(m.seed, 7)
        XCTAssertEqual(m.stages.map(\.id), ["decode", "hr", "lr"])
        XCTAssertEqual(m.recordStages.map(\.id), ["write"])
        XCTAssertEqual(m.fields.map(\.name), ["hr", "lr"])
        guard case let .degrade(p) = m.stages[2].operation else { return XCTFail("lr is not degrade") }
        XCTAssertEqual(p.scale, 4)
        XCTAssertTrue(p.up)
        XCTAssertEqual(p.kernel, "matlab-bicubic")
        guard case let .folder(url, glob) = m.sources[0].selection else { return XCTFail("not a folder source") }
        XCTAssertEqual(url.path, "/data/imgs")
        XCTAssertEqual(glob, "*.png")
    }

    func testSetOverridesVariable() throws {
        let m = try parse(Self.valid, overrides: ["scale": "3"])
        guard case let .degrade(p) = m.stages[2].operation else { return XCTFail("lr is not degrade") }
        XCTAssertEqual(p.scale, 3)
        XCTAssertEqual(m.variables["scale"], "3")
    }

    func testUnknownSetVariable() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid, overrides: ["scael": "3"]))
        XCTAssertEqual(d.kind, .undefinedVariable)
        XCTAssertEqual(d.description, "m.yaml: --set scael=3 names no variable of this manifest (hint: did you mean 'scale'?)")
    }

    func testUnknownTopLevelKey() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid.replacingOccurrences(of: "seed: 7", with: "sead: 7")))
        XCTAssertEqual(d.description, "m.yaml:3:1: unknown key 'sead' in the manifest (hint: did you mean 'seed'?)")
    }

    func testUnknownParameter() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid.replacingOccurrences(of: "stride: 14", with: "strid: 14")))
        XCTAssertEqual(d.kind, .unknownKey)
        XCTAssertEqual(d.description, "m.yaml:15:24: unknown key 'strid' in stage 'hr' params (hint: did you mean 'stride'?)")
    }

    func testUnknownOperation() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid.replacingOccurrences(of: "op: degrade", with: "op: degrad")))
        XCTAssertEqual(d.kind, .unknownOperation)
        XCTAssertEqual(d.description, "m.yaml:17:9: unknown operation 'degrad' in stage 'lr' (hint: did you mean 'degrade'?)")
    }

    func testWrongType() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid.replacingOccurrences(of: "size: 32", with: "size: big")))
        XCTAssertEqual(d.kind, .wrongType)
        XCTAssertEqual(d.line, 15)
        XCTAssertTrue(d.message.contains("stage 'hr' size must be a whole number, got 'big'"), d.description)
    }

    func testWrongTypeFromVariable() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid, overrides: ["scale": "x4"]))
        XCTAssertEqual(d.kind, .wrongType)
        XCTAssertEqual(d.line, 19)
        XCTAssertTrue(d.message.contains("got 'x4'"), d.description)
    }

    func testMissingParameter() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid.replacingOccurrences(of: "{size: 32, stride: 14}", with: "{size: 32}")))
        XCTAssertEqual(d.kind, .missingKey)
        XCTAssertEqual(d.line, 15)
        XCTAssertTrue(d.description.contains("stage 'hr' params is missing 'stride'"), d.description)
    }

    func testUndefinedStage() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid.replacingOccurrences(of: "input: hr\n", with: "input: hrr\n")))
        XCTAssertEqual(d.kind, .undefinedReference)
        XCTAssertEqual(d.description, "m.yaml:18:12: stage 'lr' refers to 'hrr', which is not defined (hint: did you mean 'hr'?)")
    }

    func testCycle() throws {
        let text = Self.valid.replacingOccurrences(of: "input: decode\n", with: "input: lr\n")
        let d = try XCTUnwrap(diagnostic(text))
        XCTAssertEqual(d.kind, .cycle)
        XCTAssertTrue(d.message.contains("cycle"), d.description)
        XCTAssertTrue(d.message.contains("hr -> lr -> hr") || d.message.contains("lr -> hr -> lr"), d.description)
        XCTAssertGreaterThan(d.line, 0)
    }

    func testUndefinedVariable() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid.replacingOccurrences(of: "${scale}", with: "${scal}")))
        XCTAssertEqual(d.kind, .undefinedVariable)
        XCTAssertEqual(d.line, 19)
        XCTAssertTrue(d.description.contains("did you mean 'scale'"), d.description)
    }

    func testMissingPortOnMultiInputStage() throws {
        let text = Self.valid.replacingOccurrences(of: "  - id: write", with: """
              - id: aug
                op: augment
                inputs: {hr: hr, lr: lr}
              - id: write
            """).replacingOccurrences(of: "hr: {from: hr}", with: "hr: {from: aug}")
        let d = try XCTUnwrap(diagnostic(text))
        XCTAssertEqual(d.kind, .undefinedReference)
        XCTAssertTrue(d.description.contains("hint: one of: aug.hr, aug.lr"), d.description)
    }

    func testMissingShardsStage() throws {
        let text = Self.valid.replacingOccurrences(of: "  - id: write\n    op: shards\n    input: outputs\n", with: "")
        let d = try XCTUnwrap(diagnostic(text))
        XCTAssertEqual(d.kind, .missingKey)
        XCTAssertTrue(d.message.contains("no shards stage"), d.description)
    }

    func testSyntaxError() throws {
        let d = try XCTUnwrap(diagnostic("stages: [a, b\nname: x"))
        XCTAssertEqual(d.kind, .syntax)
        XCTAssertGreaterThan(d.line, 0)
    }

    func testDuplicateStageID() throws {
        let d = try XCTUnwrap(diagnostic(Self.valid.replacingOccurrences(of: "id: lr", with: "id: hr")))
        XCTAssertEqual(d.kind, .duplicateID)
        XCTAssertTrue(d.message.contains("already used at line 12"), d.description)
    }

    func testShippedPipelinesValidate() throws {
        let folder = SharedDataLocator.repository.appendingPathComponent("Pipelines")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for file in files {
            XCTAssertNoThrow(try ManifestReader.load(path: folder.appendingPathComponent(file).path), file)
        }
    }
}

enum SharedDataLocator {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
