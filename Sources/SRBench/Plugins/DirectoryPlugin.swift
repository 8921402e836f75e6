import Foundation
import SRImage

/// `--model dir:PATH[#METHOD]`: scores SR images computed elsewhere (a paper's released results,
/// a PyTorch run, `bench score --save-images`), so they are measured under exactly the same
/// protocol as built-in models, without renaming a file.
///
/// For image `baby` of `set5` at ×4 the folders below are searched in order and the first that
/// holds a matching file wins. Dataset folders are any of the dataset's usual folder names
/// (``DatasetLayout/folderNames``: `Set5`, `B100`, …) or its key, scale folders `x4` or
/// `image_SRF_4` (SelfExSR), all matched without regard to case:
/// 1. `PATH/<dataset>/<scale>/` (`--save-images` writes `set5/x4/`, SelfExSR `Set5/image_SRF_4/`)
/// 2. `PATH/<dataset>/`
/// 3. `PATH/<scale>/`
/// 4. `PATH/`
///
/// File names follow any convention of ``SROutputNamings`` (`baby.png`, `baby_SwinIR.png`,
/// `0801x4.png`, `img_001_SRF_4_SRCNN.png`), with the image's catalogue aliases (SelfExSR's
/// `img_001` is Set5 `baby`). A folder with outputs of several methods (SelfExSR's result folders
/// hold `bicubic`, `SRCNN`, `A+`, …) needs `#METHOD`, compared without regard to case; with one
/// method it is used. Each file must have the modcropped HR size and is read as stored (the
/// protocol's grey rule applies to it as to the HR). No model runs, so the report says timing
/// `not-measured` and seconds per image read `n/a`.
public struct DirectoryPlugin: ModelPlugin {
    /// The folder as given after `dir:` (without `#METHOD`).
    public let path: String
    /// The method selected with `#METHOD`, if any.
    public let method: String?

    /// A plugin reading from `spec` (what follows `dir:`): a folder, optionally followed by
    /// `#METHOD`. A folder whose own name contains `#` is taken whole when it exists. Throws
    /// when there is no such folder or the method is empty.
    public init(path spec: String) throws {
        var folder = spec, method: String?
        if !Self.isFolder(spec), let hash = spec.lastIndex(of: "#") {
            folder = String(spec[..<hash])
            method = String(spec[spec.index(after: hash)...])
            guard !method!.isEmpty else {
                throw BenchError.badModelSpec(spec: "dir:\(spec)", reason: "the method after '#' is empty",
                                              fix: "name one, e.g. dir:\(folder)#SRCNN, or drop the '#'")
            }
        }
        guard !folder.isEmpty, Self.isFolder(folder) else {
            throw BenchError.badModelSpec(spec: "dir:\(spec)", reason: "'\(folder)' is not a folder",
                                          fix: "pass the folder holding the SR images, e.g. dir:results/EDSR")
        }
        self.path = folder
        self.method = method
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return !path.isEmpty && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public var name: String { "dir:\(path)" + (method.map { "#\($0)" } ?? "") }

    public var timing: ModelTiming { .notMeasured }

    public var reportDetails: [String: String] {
        var details = ["folder": path, "timing": "not measured: precomputed outputs"]
        if let method { details["method"] = method }
        return details
    }

    /// The folders searched for `input`, in order (only those that exist).
    func folders(for input: ModelInput) -> [String] {
        var out = [String]()
        let datasetNames = [input.dataset] + (DatasetLayout.folderNames[input.dataset] ?? []).filter { $0 != "." }
        let scaleNames = ["x\(input.scale)", "image_SRF_\(input.scale)"]
        if let datasetFolder = Self.child(of: path, named: datasetNames) {
            if let scaleFolder = Self.child(of: datasetFolder, named: scaleNames) { out.append(scaleFolder) }
            out.append(datasetFolder)
        }
        if let scaleFolder = Self.child(of: path, named: scaleNames) { out.append(scaleFolder) }
        out.append(path)
        return out
    }

    /// The sub-folder of `folder` called one of `names` in any case: an exact spelling first (in
    /// the order of `names`), else the first case-insensitive match in sorted order.
    static func child(of folder: String, named names: [String]) -> String? {
        for name in names where isFolder("\(folder)/\(name)") { return "\(folder)/\(name)" }
        let wanted = Set(names.map { $0.lowercased() })
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.sorted().first { wanted.contains($0.lowercased()) && isFolder("\(folder)/\($0)") }.map { "\(folder)/\($0)" }
    }

    public func upscale(_ input: ModelInput) throws -> FloatImage {
        let file = try SROutputLookup.find(input, in: folders(for: input), model: name, method: method,
                                           choose: "pick one with dir:\(path)#METHOD (any case)")
        return try SROutputLookup.read(file, for: input)
    }
}
