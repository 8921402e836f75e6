/// Resamplers by name, so options and command lines pick a kernel with a string.
///
/// An unknown name is an error that lists the known names; there is no silent fallback.
public struct ResamplerRegistry: Sendable {
    /// The kernels SRKit ships:
    /// - `matlab-bicubic`: MATLAB `imresize(I, s, 'bicubic')` on double input, one rounding at
    ///   the end (BasicSR's `imresize`); ``MatlabBicubic`` with `.final`.
    /// - `matlab-bicubic-uint8`: the same on uint8 input, rounded after each pass; `.perPass`.
    /// - `pillow-bicubic`, `pillow-bilinear`, `pillow-lanczos`, `nearest`: Pillow
    ///   `Image.resize` with BICUBIC, BILINEAR, LANCZOS, NEAREST; ``PillowResampler``.
    public static let standard: ResamplerRegistry = {
        var registry = ResamplerRegistry()
        // Registering built-ins cannot collide; a duplicate here is a programming error.
        try! registry.register(MatlabBicubic(rounding: .final))
        try! registry.register(MatlabBicubic(rounding: .perPass))
        try! registry.register(PillowResampler(filter: .bicubic))
        try! registry.register(PillowResampler(filter: .bilinear))
        try! registry.register(PillowResampler(filter: .lanczos))
        try! registry.register(PillowResampler(filter: .nearest))
        return registry
    }()

    private var entries: [(name: String, resampler: any Resampler)] = []

    /// An empty registry; add kernels with ``register(_:)``.
    public init() {}

    /// Registered names in registration order.
    public var names: [String] { entries.map(\.name) }

    /// Adds `resampler` under its ``Resampler/name``; throws if the name is already taken.
    public mutating func register(_ resampler: any Resampler) throws {
        guard !entries.contains(where: { $0.name == resampler.name }) else {
            throw ImageError.invalidArgument("Resampler '\(resampler.name)' was already registered; pick another name.")
        }
        entries.append((resampler.name, resampler))
    }

    /// The resampler registered as `name`; throws ``ImageError/invalidArgument(_:)`` naming the
    /// known resamplers when there is none.
    public func resampler(named name: String) throws -> any Resampler {
        if let entry = entries.first(where: { $0.name == name }) { return entry.resampler }
        throw ImageError.invalidArgument(
            "Unknown resampler '\(name)'; known resamplers: \(names.joined(separator: ", ")).")
    }
}
