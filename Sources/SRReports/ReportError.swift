/// Everything `bench report` and `bench figure` can refuse: a bad `--region`, an image or cell
/// the report does not have, saved SR images that are missing or are not the ones the report
/// scored, an output that cannot be written.
///
/// Each case carries the facts; ``description`` is one sentence: where, what is wrong, what to
/// do. Errors of the layers below (a dataset not found, an unreadable report) pass through as
/// their own types.
public enum ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `--region` text that is not four integers with a positive size.
    case badRegion(text: String, reason: String)
    /// A region that does not lie inside the image it is applied to.
    case regionOutside(region: CropRegion, image: String, width: Int, height: Int)
    /// A dataset × scale the report does not hold.
    case unknownCell(report: String, cell: String, known: [String])
    /// An image name the report does not hold at that dataset × scale.
    case unknownImage(report: String, cell: String, image: String, known: [String])
    /// A saved SR image that is not in the images folder.
    case missingImage(path: String, model: String)
    /// A saved SR image whose size or channels differ from the HR it was scored against.
    case imageShape(path: String, expected: String, actual: String)
    /// A saved SR image that does not reproduce the report's scores.
    case imageMismatch(path: String, model: String, cell: String, image: String, reported: String, recomputed: String)
    /// The HTML or SVG could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .badRegion(text, reason):
            return "--region '\(text)': \(reason); give x,y,w,h in pixels of the HR as scored, e.g. --region 120,80,48,48."
        case let .regionOutside(region, image, width, height):
            return "--region \(region) lies outside \(image), which is \(width)x\(height) as scored; choose x+w <= \(width) and y+h <= \(height)."
        case let .unknownCell(report, cell, known):
            return "\(report) has no \(cell); it holds \(known.joined(separator: ", ")); pass one of these with --dataset and --scale."
        case let .unknownImage(report, cell, image, known):
            let shown = known.prefix(20).joined(separator: ", ") + (known.count > 20 ? ", … (\(known.count) in all)" : "")
            return "\(report) has no image '\(image)' in \(cell); its images are \(shown)."
        case let .missingImage(path, model):
            return "\(path): no saved SR image of model '\(model)'; pass --images the folder given to bench score --save-images (with several models it holds one folder per model)."
        case let .imageShape(path, expected, actual):
            return "\(path): the saved SR image is \(actual) but the HR as scored is \(expected); pass --images the folder this report's run saved."
        case let .imageMismatch(path, model, cell, image, reported, recomputed):
            return "\(path): this image of model '\(model)' scores \(recomputed) on \(cell) \(image) but the report says \(reported); the --images folder or the dataset is not the one the report was made from."
        case let .cannotWrite(path, reason):
            return "\(path): cannot write the file: \(reason); check that the folder exists and is writable."
        }
    }
}
