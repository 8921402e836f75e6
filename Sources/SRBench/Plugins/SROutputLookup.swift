import Foundation
import SRImage

/// Finds and reads the SR output file of one image among files a model wrote (`exec:`) or a
/// researcher saved (`dir:`).
///
/// A file matches image `baby` at ×4 when its name is `baby` + one of ``suffixes(scale:)`` +
/// `.` + one of ``extensions``, compared without regard to case: `baby.png`, `baby_x4.png`,
/// `babyx4.png` (DIV2K LR style), `baby_SR.png`, `baby_rlt.png` (BasicSR), `baby_x4_SR.png`,
/// `baby_SR_x4.png`, `baby_out.png`. Suffixes for other scales never match, so one flat folder
/// may hold ×2, ×3 and ×4 outputs. Two matching files in one folder are an error, never a guess.
/// JPEG is not accepted: lossy outputs would not measure the model.
enum SROutputLookup {
    /// Accepted file extensions (lossless formats the decoder reads).
    static let extensions = ["png", "bmp", "tif", "tiff"]

    /// Accepted suffixes after the image name at `scale`, in the order they are documented.
    static func suffixes(scale: Int) -> [String] {
        ["", "_x\(scale)", "x\(scale)", "_SR", "_rlt", "_x\(scale)_SR", "_SR_x\(scale)", "_out"]
    }

    /// The accepted names as one pattern, for error messages: `baby{,_x4,…}.{png,bmp,tif,tiff}`.
    static func pattern(name: String, scale: Int) -> String {
        "\(name){\(suffixes(scale: scale).joined(separator: ","))}.{\(extensions.joined(separator: ","))}"
    }

    /// Entries of `folder` that are the output of `name` at `scale`, sorted.
    static func matches(in entries: [String], name: String, scale: Int) -> [String] {
        let stemName = name.lowercased()
        let accepted = Set(suffixes(scale: scale).map { $0.lowercased() })
        return entries.filter { entry in
            guard let dot = entry.lastIndex(of: ".") else { return false }
            let ext = entry[entry.index(after: dot)...].lowercased()
            let stem = entry[..<dot].lowercased()
            guard extensions.contains(ext), stem.hasPrefix(stemName) else { return false }
            return accepted.contains(String(stem.dropFirst(stemName.count)))
        }.sorted()
    }

    /// The one output file of `input`'s image, searching `folders` in order; the first folder
    /// with any match wins. Throws when none matches (listing what was tried) or when one folder
    /// holds several matches.
    static func find(_ input: ModelInput, in folders: [String], model: String) throws -> String {
        var firstListing: [String]?
        for folder in folders {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            if firstListing == nil { firstListing = entries.sorted() }
            let found = matches(in: entries, name: input.imageName, scale: input.scale)
            if found.count > 1 {
                throw BenchError.ambiguousOutput(model: model, dataset: input.dataset, image: input.imageName, scale: input.scale,
                                                 candidates: found.map { "\(folder)/\($0)" })
            }
            if let file = found.first { return "\(folder)/\(file)" }
        }
        throw BenchError.missingOutput(model: model, dataset: input.dataset, image: input.imageName, scale: input.scale,
                                       folders: folders, names: [pattern(name: input.imageName, scale: input.scale)],
                                       found: firstListing ?? [])
    }

    /// Decodes `path` and makes it what the protocol scores: the input's channel count at the
    /// input's output size.
    ///
    /// A grey (Y) model input accepts an RGB file: three equal channels are read as the grey
    /// values (a grey image saved as RGB), otherwise Y is computed (BT.601, as MATLAB
    /// `rgb2ycbcr`), which is how published evaluation scripts score RGB outputs on Y. An RGB
    /// input accepts a grey file as three equal channels.
    static func read(_ path: String, for input: ModelInput) throws -> FloatImage {
        var image = try ImageDecoder.decode(contentsOf: path)
        guard image.width == input.outputWidth, image.height == input.outputHeight else {
            throw BenchError.wrongOutputSize(image: path, expected: "\(input.outputWidth)x\(input.outputHeight)",
                                             actual: "\(image.width)x\(image.height)")
        }
        if input.lr.channels == 1, image.channels == 3 {
            if image.hasEqualChannels { return image.channel0().toFloat() }
            return YCbCr.luma(image, gray: .useAsY)
        }
        if input.lr.channels == 3, image.channels == 1 { image = image.expandedToRGB() }
        return image.toFloat()
    }
}
