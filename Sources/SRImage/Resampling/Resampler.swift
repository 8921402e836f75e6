/// A named way of resizing 8-bit images, picked by name from a ``ResamplerRegistry``.
///
/// Implementations are exact reimplementations of a reference (MATLAB `imresize`, Pillow
/// `Image.resize`), so LR images made here are byte-identical to those made by the reference.
public protocol Resampler: Sendable {
    /// The registry name, e.g. `"matlab-bicubic"`.
    var name: String { get }

    /// Resizes `image` (1 or 3 channels) to `target`; throws ``ImageError/invalidArgument(_:)``
    /// for an empty input or an invalid target.
    func resize(_ image: ByteImage, to target: ResizeTarget) throws -> ByteImage
}
