import SRImage

/// How `resize` derives its output size from each input's size: a factor, a fixed size, a
/// multiple of N, a side length, a box to fit in.
///
/// Rules are picked in manifests by their parameter keys (``ResizeRuleRegistry``); each rule is
/// one file. The arithmetic of each follows the tool whose recipes use it (Python `int()`,
/// torchvision, Pillow), named in its doc, so derived sizes match those scripts to the pixel.
protocol ResizeRule: Sendable {
    /// The size (or MATLAB scale) for an input of `width` × `height`; throws
    /// ``ImageError/invalidArgument(_:)`` when the rule gives an empty side.
    func target(width: Int, height: Int) throws -> ResizeTarget
    /// Parameters as `prep graph` prints them, e.g. `multiple of 3 (floor)`.
    var summary: String { get }
}

/// How a derived side that is not a whole number (or not a multiple) becomes one.
enum SideRounding: String, Sendable, CaseIterable {
    /// Down (Python `int()` on a positive value, `//` for multiples).
    case floor
    /// To the nearest (see each rule for ties).
    case round
    /// Up (MATLAB `imresize`'s `ceil(in × scale)`).
    case ceil
}

extension ResizeRule {
    /// Both sides at least one pixel, or an error naming the rule and the input size.
    func checked(_ width: Int, _ height: Int, input: (Int, Int)) throws -> ResizeTarget {
        guard width >= 1, height >= 1 else {
            throw ImageError.invalidArgument("resize (\(summary)) gives \(width)x\(height) for the \(input.0)x\(input.1) image; add a filter stage (min_size) before it")
        }
        return .size(width: width, height: height)
    }
}
