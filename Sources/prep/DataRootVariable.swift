import Foundation
import SRFetch
import SRPipeline

/// The manifest variable `data` is the data root: shipped Pipelines name their sources
/// `${data}/T91`, and `prep run` sets `data` to the resolved data root unless `--set data=`
/// is given, so the same manifest runs on any machine.
enum DataRootVariable {
    static func load(_ manifest: String, overrides: [String: String], sourceFolders: [String: String], root: DataRoot) throws -> PipelineManifest {
        let plain = try ManifestReader.load(path: manifest, overrides: overrides, sourceFolders: sourceFolders)
        guard overrides["data"] == nil, plain.variables["data"] != nil else { return plain }
        var withRoot = overrides
        withRoot["data"] = root.path
        return try ManifestReader.load(path: manifest, overrides: withRoot, sourceFolders: sourceFolders)
    }
}

/// A missing source folder under the data root, with the command that fetches it.
struct FetchHintError: Error, CustomStringConvertible {
    let underlying: Error
    let hint: String
    var description: String { "\(underlying)\nTo fetch it: \(hint)" }
}
