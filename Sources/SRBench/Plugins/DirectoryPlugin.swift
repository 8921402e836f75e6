import Foundation
import SRImage

/// `--model dir:PATH`: scores SR images computed elsewhere (a paper's released results, a
/// PyTorch run), so they are measured under exactly the same protocol as built-in models.
///
/// For image `baby` of `set5` at ×4 the folders below are searched in order and the first that
/// holds a matching file wins (file names as ``SROutputLookup`` accepts: `baby.png`,
/// `baby_x4.png`, `baby_SR.png`, `baby_rlt.png`, …); dataset and scale folder names are matched
/// without regard to case (`Set5`, `X4`):
/// 1. `PATH/<dataset>/x<scale>/` (what `bench score --save-images` writes)
/// 2. `PATH/<dataset>/`
/// 3. `PATH/x<scale>/`
/// 4. `PATH/`
///
/// Each file must have the modcropped HR size. Under a Y protocol (`srcnn`) RGB files are scored
/// on their Y (an RGB file with equal channels as its grey values). No model runs, so the report
/// says timing `not-measured` and seconds per image read `n/a`.
public struct DirectoryPlugin: ModelPlugin {
    /// The folder as given after `dir:`.
    public let path: String

    /// A plugin reading from `path`; throws when it is not a folder.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BenchError.badModelSpec(spec: "dir:\(path)", reason: "'\(path)' is not a folder",
                                          fix: "pass the folder holding the SR images, e.g. dir:results/EDSR")
        }
        self.path = path
    }

    public var name: String { "dir:\(path)" }

    public var timing: ModelTiming { .notMeasured }

    public var reportDetails: [String: String] {
        ["folder": path, "timing": "not measured: precomputed outputs"]
    }

    /// The folders searched for `input`, in order (only those that exist).
    func folders(for input: ModelInput) -> [String] {
        var out = [String]()
        let scaleName = "x\(input.scale)"
        if let datasetFolder = Self.child(of: path, named: input.dataset) {
            if let scaleFolder = Self.child(of: datasetFolder, named: scaleName) { out.append(scaleFolder) }
            out.append(datasetFolder)
        }
        if let scaleFolder = Self.child(of: path, named: scaleName) { out.append(scaleFolder) }
        out.append(path)
        return out
    }

    /// The sub-folder of `folder` called `name` in any case: the exact spelling first, else the
    /// single case-insensitive match.
    static func child(of folder: String, named name: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "\(folder)/\(name)", isDirectory: &isDirectory), isDirectory.boolValue {
            return "\(folder)/\(name)"
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let hits = entries.filter { $0.lowercased() == name.lowercased() }.sorted().filter {
            FileManager.default.fileExists(atPath: "\(folder)/\($0)", isDirectory: &isDirectory) && isDirectory.boolValue
        }
        return hits.first.map { "\(folder)/\($0)" }
    }

    public func upscale(_ input: ModelInput) throws -> FloatImage {
        let folders = folders(for: input)
        return try SROutputLookup.read(try SROutputLookup.find(input, in: folders, model: name), for: input)
    }
}
