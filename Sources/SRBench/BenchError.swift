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
    /// A dataset name that the catalog does not define.
    case unknownDataset(name: String, known: [String])
    /// A dataset whose folder was not found under the data root in any known layout.
    case datasetNotFound(dataset: String, root: String, searched: [String])
    /// Some images of a dataset are missing; `lookedIn` is where the first missing one was sought.
    case missingImages(dataset: String, missing: [String], lookedIn: [String])

    public var description: String {
        switch self {
        case let .badCatalog(path, reason):
            return "\(path): cannot read the dataset catalog: \(reason)."
        case let .catalogNotFound(searched):
            return "No dataset catalog found (looked in \(searched.joined(separator: ", "))); run from the SRKit checkout or pass --catalog DIR."
        case let .unknownModel(spec, known):
            return "Unknown model '\(spec)'; built-in models: \(known.joined(separator: ", "))."
        case let .unknownProtocol(name, known):
            return "Unknown protocol '\(name)'; known protocols: \(known.joined(separator: ", "))."
        case let .wrongOutputSize(image, expected, actual):
            return "\(image): the SR image is \(actual) but the HR is \(expected); the model must output exactly \(expected)."
        case let .missingLR(dataset, image, scale):
            return "\(dataset)/\(image): no provided LR image for x\(scale) in this layout; use --lr generate or add the LR files (e.g. LRbicx\(scale)/)."
        case let .badReport(path, reason):
            return "\(path): not a bench report: \(reason); regenerate it with `bench score --format json --output FILE`."
        case let .unknownDataset(name, known):
            return "Unknown dataset '\(name)'; known datasets: \(known.joined(separator: ", "))."
        case let .datasetNotFound(dataset, root, searched):
            return "Dataset \(dataset) not found under \(root); looked for \(searched.joined(separator: ", ")); pass --data-root pointing at the folder that holds it."
        case let .missingImages(dataset, missing, lookedIn):
            let shown = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", … (\(missing.count) in all)" : "")
            return "Dataset \(dataset) is missing \(missing.count) image(s): \(shown); looked in \(lookedIn.joined(separator: ", "))."
        }
    }
}
