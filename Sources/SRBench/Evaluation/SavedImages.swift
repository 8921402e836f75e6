import Foundation
import SRImage

/// `bench score --save-images DIR`: every SR image exactly as it was scored (the uint8 image
/// after the model, before the grey rule), written under `DIR` in a naming that `dir:DIR` reads
/// back, so scoring the folder again gives identical numbers.
///
/// - `plain` (default): `DIR/<dataset>/x<scale>/<image>.png`, catalogue names (`set5/x4/baby.png`).
/// - `selfexsr`: `DIR/<Set>/image_SRF_<s>/img_NNN_SRF_<s>_<Method>.png`, SelfExSR's result layout
///   and names (`Set5/image_SRF_4/img_001_SRF_4_bicubic-uint8.png`), beside which SelfExSR's own
///   results can be dropped and compared with `dir:DIR#METHOD`.
///
/// Each file is written to a temporary name and renamed (``ImageEncoder``), so a file that exists
/// is complete. The image keeps its channels: a grey (one-channel) SR is a one-channel PNG.
struct SavedImages: Sendable {
    /// The save folder.
    let directory: String
    /// How files are named.
    let naming: any SROutputWritableNaming
    /// The method written into SelfExSR-style names.
    let method: String

    /// Resolves `naming` and the method (``defaultMethod(model:)`` when nil); throws for an
    /// unknown naming or a method that would not read back.
    init(directory: String, naming: String, method: String?, model: String) throws {
        self.directory = directory
        self.naming = try SROutputNamings.writable(named: naming)
        let m = method ?? Self.defaultMethod(model: model)
        guard !m.isEmpty, !m.contains("/"), !["hr", "lr"].contains(m.lowercased()) else {
            throw BenchError.badSaveMethod(method: m)
        }
        self.method = m
    }

    /// The method name for a model: the built-in name (`bicubic-uint8`), a native network's
    /// architecture (`srcnn-9-5-5` from `srcnn-9-5-5:x3.mat`), the selected method of a `dir:`
    /// model, else `SR`; characters that cannot be in a file name become `-`.
    static func defaultMethod(model: String) -> String {
        let raw: String
        if model.hasPrefix("exec:") {
            raw = "SR"
        } else if model.hasPrefix("dir:") {
            raw = model.lastIndex(of: "#").map { String(model[model.index(after: $0)...]) } ?? "SR"
        } else {
            raw = String(model.split(separator: ":", maxSplits: 1).first ?? "SR")
        }
        return String(raw.map { $0 == "/" || $0.isWhitespace ? "-" : $0 })
    }

    /// Writes `sr`, the scored image of `image` of `dataset` at `scale`.
    func write(_ sr: ByteImage, dataset: String, image: CatalogImage, scale: Int) throws {
        let folder = DatasetLayout.folderNames[dataset]?.first ?? dataset
        let path = directory + "/" + naming.relativePath(dataset: dataset, folder: folder, image: image, scale: scale, method: method)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try ImageEncoder.write(sr, to: path)
    }
}
