import Foundation
@testable import SRModels
import SRTestSupport
import XCTest

/// Paths and helpers for the checkpoints written by `Fixtures/scripts/make_model_fixtures.py`.
enum ModelFixtures {
    static var folder: URL { SharedData.fixtures.appendingPathComponent("models") }
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A little-endian float32 file as values.
    static func floats(_ name: String) throws -> [Float] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }

    /// The fixture image: 1×20×24 in 0...1.
    static func input() throws -> FeatureMap {
        FeatureMap(channels: 1, height: 20, width: 24, values: try floats("input_24x20.f32"))
    }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))) }

    /// Largest |a - b|.
    static func maxAbsDiff(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
    }

    /// The error a throwing call produced, as ModelError.
    static func modelError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> ModelError? {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let e as ModelError {
            return e
        } catch {
            XCTFail("expected ModelError, got \(error)", file: file, line: line)
            return nil
        }
    }
}
