/// Everything `bench` can refuse: missing datasets, unreadable catalogs, bad reports, regressions.
///
/// Each case carries the facts; ``description`` is one sentence saying where, what is wrong and
/// what to do.
public enum BenchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A dataset catalog YAML could not be read or decoded.
    case badCatalog(path: String, reason: String)
    /// No catalog folder was found in any of the searched places.
    case catalogNotFound(searched: [String])
    /// A `--model` value that names no plugin.
    case unknownModel(spec: String, known: [String])
    /// A `--protocol` value that names no preset.
    case unknownProtocol(name: String, known: [String])
    /// An SR image whose size is not the HR's.
    case wrongOutputSize(image: String, expected: String, actual: String)
    /// `--lr provided` but the layout has no LR file for this image and scale.
    case missingLR(dataset: String, image: String, scale: Int)
    /// A report or baseline JSON that cannot be read.
    case badReport(path: String, reason: String)
    /// A file given to `bench merge` that is not a usable partial report.
    case badPart(path: String, reason: String)
    /// Two partial reports that are not from the same `bench score` command.
    case partsDiffer(path: String, other: String, what: String)
    /// One part number given twice to `bench merge`.
    case duplicatePart(part: Int, parts: Int, paths: [String])
    /// Parts missing from `bench merge`.
    case missingParts(missing: [Int], parts: Int, found: Int)
    /// A dataset name that the catalog does not define.
    case unknownDataset(name: String, known: [String])
    /// A dataset whose folder was not found under the data root in any known layout.
    case datasetNotFound(dataset: String, root: String, searched: [String])
    /// Some images of a dataset are missing; `lookedIn` is where the first missing one was sought.
    case missingImages(dataset: String, missing: [String], lookedIn: [String])
    /// An `exec:` or `dir:` model argument that cannot be used as given.
    case badModelSpec(spec: String, reason: String, fix: String)
    /// An external model command could not be started at all; `reason` ends with the fix.
    case commandNotStarted(command: String, reason: String)
    /// An external model command exited non-zero or was killed by a signal; `stderr` is its tail.
    case commandFailed(command: String, dataset: String, scale: Int, status: String, stderr: String)
    /// An external model command ran longer than `--model-timeout` and was killed.
    case commandTimedOut(command: String, dataset: String, scale: Int, seconds: Double)
    /// No SR output file was found for an image; `names` lists the naming conventions tried
    /// with the names they accept, `found` what the first folder holds.
    case missingOutput(model: String, dataset: String, image: String, scale: Int, folders: [String], names: [String],
                       extensions: [String], found: [String])
    /// A result folder holds outputs of several methods for an image and none was selected;
    /// `fix` says how to pick one.
    case severalMethods(model: String, dataset: String, image: String, scale: Int, folder: String, methods: [String], fix: String)
    /// `dir:PATH#METHOD` names a method with no output for an image; `present` are the methods found.
    case unknownMethod(model: String, method: String, dataset: String, image: String, scale: Int, present: [String])
    /// A `--save-naming` value that names no writable convention.
    case unknownNaming(name: String, known: [String])
    /// A `--save-method` that would not read back as a method (empty, a `/`, `HR` or `LR`).
    case badSaveMethod(method: String)
    /// More than one file could be the SR output of one image.
    case ambiguousOutput(model: String, dataset: String, image: String, scale: Int, candidates: [String])
    /// An `exec:` command's outputs could not be used; the message names files by `{output_dir}`
    /// and `{input_dir}`, since the temporary folders are removed before the message is read.
    case externalOutputRejected(String)
    /// A batch model returned a different number of images than it was given.
    case wrongOutputCount(model: String, dataset: String, scale: Int, expected: Int, actual: Int)
    /// Two models of a comparison would have the same name (column) or the same image folder.
    case duplicateModel(name: String, specs: [String], folder: String?)
    /// `--label` given, but not once per `--model`.
    case labelCount(labels: Int, models: Int)
    /// Two baselines given to `bench check` hold a model of the same name.
    case duplicateBaselineModel(name: String, baselines: [String])

    /// `3600`, `0.5`: whole seconds without a fraction.
    static func seconds(_ s: Double) -> String {
        s == s.rounded() && abs(s) < 1e15 ? String(Int(s)) : String(s)
    }

    public var description: String {
        switch self {
        case let .badCatalog(path, reason):
            return "\(path): cannot read the dataset catalog: \(reason)."
        case let .catalogNotFound(searched):
            return "No dataset catalog found (looked in \(searched.joined(separator: ", "))); run from the SRKit checkout or pass --catalog DIR."
        case let .unknownModel(spec, known):
            return "Unknown model '\(spec)'; built-in models: \(known.joined(separator: ", ")), a checkpoint file (.mat, torch.save, safetensors; no file '\(spec)' exists), exec:'COMMAND {input_dir} {output_dir} {scale}' or dir:PATH."
        case let .unknownProtocol(name, known):
            return "Unknown protocol '\(name)'; known protocols: \(known.joined(separator: ", "))."
        case let .wrongOutputSize(image, expected, actual):
            return "\(image): the SR image is \(actual) but the HR is \(expected); the model must output exactly \(expected)."
        case let .missingLR(dataset, image, scale):
            return "\(dataset)/\(image): no provided LR image for x\(scale) in this layout; use --lr generate or add the LR files (e.g. LRbicx\(scale)/)."
        case let .badReport(path, reason):
            return "\(path): not a bench report: \(reason); regenerate it with `bench score --format json --output FILE`."
        case let .badPart(path, reason):
            return "\(path): not a usable partial report: \(reason); score that part again with `bench score ... --partition K/N --format json --output FILE`."
        case let .partsDiffer(path, other, what):
            return "\(path): not from the same bench score command as \(other): \(what); merge the parts of one command only (run the odd part again with the same arguments)."
        case let .duplicatePart(part, parts, paths):
            return "part \(part)/\(parts) was given twice (\(paths.joined(separator: ", "))); pass each part once."
        case let .missingParts(missing, parts, found):
            return "\(missing.count) of \(parts) parts missing (\(missing.map { "\($0)/\(parts)" }.joined(separator: ", "))); found \(found); score the missing parts (bench score ... --partition K/\(parts)), then merge again."
        case let .unknownDataset(name, known):
            return "Unknown dataset '\(name)'; known datasets: \(known.joined(separator: ", "))."
        case let .datasetNotFound(dataset, root, searched):
            return "Dataset \(dataset) not found under \(root); looked for \(searched.joined(separator: ", ")); pass --data-root pointing at the folder that holds it."
        case let .missingImages(dataset, missing, lookedIn):
            let shown = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", … (\(missing.count) in all)" : "")
            return "Dataset \(dataset) is missing \(missing.count) image(s): \(shown); looked in \(lookedIn.joined(separator: ", "))."
        case let .badModelSpec(spec, reason, fix):
            return "--model \(spec): \(reason); \(fix)."
        case let .commandNotStarted(command, reason):
            return "Model command `\(command)` could not be started: \(reason)."
        case let .commandFailed(command, dataset, scale, status, stderr):
            let tail = stderr.isEmpty ? "it wrote nothing to stderr" : "its stderr ends with:\n\(stderr)"
            return "Model command `\(command)` failed on \(dataset) x\(scale) (\(status)); fix the command (run it by hand on the LR folder); \(tail)"
        case let .commandTimedOut(command, dataset, scale, seconds):
            return "Model command `\(command)` did not finish on \(dataset) x\(scale) within \(Self.seconds(seconds)) s and was killed; raise --model-timeout or make the command faster."
        case let .missingOutput(model, dataset, image, scale, folders, names, extensions, found):
            let seen = found.isEmpty ? "" : " (the first folder holds \(found.prefix(5).joined(separator: ", "))\(found.count > 5 ? ", …" : ""))"
            return "\(model): no SR output for \(dataset)/\(image) x\(scale); looked for the naming conventions \(names.joined(separator: "; ")), as .\(extensions.joined(separator: "/.")), in \(folders.joined(separator: ", "))\(seen); write the output under one of these names."
        case let .severalMethods(model, dataset, image, scale, folder, methods, fix):
            return "\(model): \(folder) holds outputs of several methods for \(dataset)/\(image) x\(scale): \(methods.joined(separator: ", ")); \(fix)."
        case let .unknownMethod(model, method, dataset, image, scale, present):
            return "\(model): no output of method '\(method)' for \(dataset)/\(image) x\(scale); the methods present are \(present.joined(separator: ", ")) (any case)."
        case let .unknownNaming(name, known):
            return "Unknown --save-naming '\(name)'; known namings: \(known.joined(separator: ", "))."
        case let .badSaveMethod(method):
            return "--save-method '\(method)' cannot name SR files: it must be non-empty, without '/', and not HR or LR (those are SelfExSR's reference and input); pass e.g. --save-method SRCNN."
        case let .ambiguousOutput(model, dataset, image, scale, candidates):
            return "\(model): several files could be the SR output of \(dataset)/\(image) x\(scale): \(candidates.joined(separator: ", ")); keep only one."
        case let .externalOutputRejected(message):
            return message
        case let .wrongOutputCount(model, dataset, scale, expected, actual):
            return "\(model) returned \(actual) images for \(dataset) x\(scale) but was given \(expected); return one image per input."
        case let .duplicateModel(name, specs, folder):
            let clash = folder.map { "would save images in the same folder \($0)" } ?? "are both named '\(name)'"
            return "Models \(specs.map { "'\($0)'" }.joined(separator: " and ")) \(clash); give each --model a --label (in the same order) so the columns can be told apart."
        case let .labelCount(labels, models):
            return "\(labels) --label value(s) for \(models) --model value(s); give one --label per --model, in the same order, or none."
        case let .duplicateBaselineModel(name, baselines):
            return "Model '\(name)' is in more than one baseline (\(baselines.joined(separator: ", "))); pass each model's baseline once."
        }
    }
}
