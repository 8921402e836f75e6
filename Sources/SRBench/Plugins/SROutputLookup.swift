import Foundation
import SRImage

/// Finds and reads the SR output file of one image among files a model wrote (`exec:`) or a
/// researcher saved (`dir:`), under any of the naming conventions in ``SROutputNamings``.
///
/// A file is a candidate for image `baby` at ×4 when one convention reads its name as the output
/// of `baby` or one of its catalogue aliases (`img_001` in SelfExSR's naming) at ×4, and its
/// extension is one of ``extensions`` (any case). Each candidate has a method (`SRCNN`, `SwinIR`,
/// or none for `baby.png`). With a method selected (`dir:PATH#SRCNN`, case-insensitive) only its
/// files count. Otherwise one method must be present: several are an error that lists them.
/// Two files of one method in one folder are an error too, never a guess. JPEG is not accepted:
/// lossy outputs would not measure the model.
enum SROutputLookup {
    /// Accepted file extensions (lossless formats the decoder reads).
    static let extensions = ["png", "bmp", "tif", "tiff"]

    /// One file that may be the output, with the method its name carries.
    struct Candidate: Equatable {
        let file: String
        let method: String
    }

    /// Entries of a folder that are outputs of an image called `names` (first the catalogue
    /// name, then aliases) at `scale`, sorted by file name.
    static func candidates(in entries: [String], names: [String], scale: Int) -> [Candidate] {
        let lowered = names.map { $0.lowercased() }
        return entries.sorted().compactMap { entry in
            guard let dot = entry.lastIndex(of: "."), extensions.contains(entry[entry.index(after: dot)...].lowercased()) else { return nil }
            guard case let .output(method) = SROutputNamings.read(stem: String(entry[..<dot]), names: lowered, scale: scale) else { return nil }
            return Candidate(file: entry, method: method)
        }
    }

    /// The file names of the candidates (for tests and messages).
    static func matches(in entries: [String], name: String, aliases: [String] = [], scale: Int) -> [String] {
        candidates(in: entries, names: [name] + aliases, scale: scale).map(\.file)
    }

    /// The conventions tried, for messages: `plain baby`, `suffix baby_<suffix> (_x4, _SR, …)`, ….
    static func conventionsTried(names: [String], scale: Int) -> [String] {
        let orderForPeople = SROutputNamings.registry.sorted { order($0.name) < order($1.name) }
        return orderForPeople.map { c in
            "\(c.name) " + names.map { c.pattern(name: $0, scale: scale) }.joined(separator: " or ")
                + (c.examples(scale: scale).map { " (\($0))" } ?? "")
        }
    }

    private static func order(_ name: String) -> Int { ["plain", "suffix", "div2k", "selfexsr"].firstIndex(of: name) ?? 9 }

    /// `(none)` for the plain name, else the method as written.
    static func display(_ method: String) -> String { method.isEmpty ? "(none)" : method }

    /// The one output file of `input`'s image, searching `folders` in order; the first folder
    /// with a candidate (of `method`, when given) wins. Throws when none matches (listing what
    /// was tried), when several methods are present and none was selected, or when one folder
    /// holds two files of the method. `choose` is the fix named when several methods are present.
    static func find(_ input: ModelInput, in folders: [String], model: String, method: String? = nil,
                     choose: String = "keep only one") throws -> String {
        var firstListing: [String]?
        var methodsSeen = [String]()
        let names = [input.imageName] + input.aliases
        for folder in folders {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            if firstListing == nil { firstListing = entries.sorted() }
            let all = candidates(in: entries, names: names, scale: input.scale)
            for c in all where !methodsSeen.contains(where: { $0.lowercased() == c.method.lowercased() }) { methodsSeen.append(c.method) }
            let found = method.map { m in all.filter { $0.method.lowercased() == m.lowercased() } } ?? all
            guard !found.isEmpty else { continue }
            let methods = found.reduce(into: [String]()) { list, c in
                if !list.contains(where: { $0.lowercased() == c.method.lowercased() }) { list.append(c.method) }
            }
            if methods.count > 1 {
                throw BenchError.severalMethods(model: model, dataset: input.dataset, image: input.imageName, scale: input.scale,
                                                folder: folder, methods: methods.map(display), fix: choose)
            }
            if found.count > 1 {
                throw BenchError.ambiguousOutput(model: model, dataset: input.dataset, image: input.imageName, scale: input.scale,
                                                 candidates: found.map { "\(folder)/\($0.file)" })
            }
            return "\(folder)/\(found[0].file)"
        }
        if let method, !methodsSeen.isEmpty {
            throw BenchError.unknownMethod(model: model, method: method, dataset: input.dataset, image: input.imageName,
                                           scale: input.scale, present: methodsSeen.map(display))
        }
        throw BenchError.missingOutput(model: model, dataset: input.dataset, image: input.imageName, scale: input.scale,
                                       folders: folders, names: conventionsTried(names: names, scale: input.scale),
                                       extensions: extensions, found: firstListing ?? [])
    }

    /// Decodes `path` and checks its size; the image keeps the channels its file stores (the
    /// runner applies the protocol's grey rule, ``EvaluationProtocol/metricLuma(_:)``, to it as
    /// to the HR), so an RGB file with equal channels stays RGB.
    static func read(_ path: String, for input: ModelInput) throws -> FloatImage {
        let image = try ImageDecoder.decode(contentsOf: path)
        guard image.width == input.outputWidth, image.height == input.outputHeight else {
            throw BenchError.wrongOutputSize(image: path, expected: "\(input.outputWidth)x\(input.outputHeight)",
                                             actual: "\(image.width)x\(image.height)")
        }
        return image.toFloat()
    }
}
