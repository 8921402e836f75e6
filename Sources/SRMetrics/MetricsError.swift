/// Everything that can go wrong computing a metric.
///
/// Cases hold the facts (sizes, names); ``description`` turns them into one sentence that says
/// what is wrong and what to do, so `bench` can print it as is and tests can assert it verbatim.
public enum MetricsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The SR image and the reference differ in size; the reference's size is the expected one.
    case sizeMismatch(imageWidth: Int, imageHeight: Int, referenceWidth: Int, referenceHeight: Int)
    /// The SR image and the reference differ in channel count (1 = grey or Y, 3 = RGB).
    case channelMismatch(image: Int, reference: Int)
    /// The images have no pixels at all (width or height is 0).
    case empty(width: Int, height: Int)
    /// `shave` is negative.
    case negativeShave(Int)
    /// Shaving `shave` pixels from every side of a `width`x`height` image leaves no pixels.
    case shaveTooLarge(shave: Int, width: Int, height: Int)
    /// After shaving, the image (`width`x`height`) is smaller than the metric's `window`x`window`
    /// sliding window (SSIM's 11x11 Gaussian).
    case smallerThanWindow(metric: String, width: Int, height: Int, shave: Int, window: Int)
    /// No metric is registered under `name`; `known` lists the registered names.
    case unknownMetric(name: String, known: [String])
    /// A metric with this name is already registered.
    case duplicateMetric(name: String)

    /// One sentence: what is wrong, with the sizes or names involved, and what to do.
    public var description: String {
        switch self {
        case let .sizeMismatch(iw, ih, rw, rh):
            return "SR image is \(iw)x\(ih) but the reference is \(rw)x\(rh); expected the SR image to be \(rw)x\(rh)."
        case let .channelMismatch(image, reference):
            return "SR image has \(Self.channels(image)) but the reference has \(Self.channels(reference)); give both images the same channels (grey or RGB)."
        case let .empty(width, height):
            return "The images are \(width)x\(height) and have no pixels; metrics need at least one pixel."
        case let .negativeShave(shave):
            return "Shave must be 0 or more pixels per side, got \(shave)."
        case let .shaveTooLarge(shave, width, height):
            let largest = (min(width, height) - 1) / 2
            return "Shaving \(shave) pixels per side leaves no pixels of the \(width)x\(height) images; use a shave of at most \(largest)."
        case let .smallerThanWindow(metric, width, height, shave, window):
            let after = shave > 0 ? " after shaving \(shave) pixels per side" : ""
            return "Images are \(width)x\(height)\(after), smaller than the \(window)x\(window) \(metric) window; use larger images\(shave > 0 ? " or a smaller shave" : "")."
        case let .unknownMetric(name, known):
            return "Unknown metric '\(name)'; known metrics: \(known.joined(separator: ", "))."
        case let .duplicateMetric(name):
            return "Metric '\(name)' was already registered; give the new metric another name."
        }
    }

    /// "1 channel" / "3 channels".
    private static func channels(_ n: Int) -> String { n == 1 ? "1 channel" : "\(n) channels" }
}
