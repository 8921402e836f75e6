/// Pillow's `Image.resize(size, filter)` for modes `L` and `RGB`, byte for byte.
///
/// Follows Pillow's `Resample.c` (ImagingResample) for the convolution filters: support
/// `filter support * max(1, in / out)`, taps centred at `(x + 0.5) * in / out`, weights divided by
/// their sum (renormalised at the border, no mirroring), then converted to 22-bit fixed point
/// (`PRECISION_BITS = 32 - 8 - 2`) with rounding away from zero, integer accumulation from
/// `2^21`, arithmetic shift and clip to 0...255 after each pass. Horizontal pass first, over
/// only the rows the vertical pass reads; a pass whose size does not change is skipped.
/// `.nearest` follows `Geometry.c` (ImagingScaleAffine), which Pillow uses for NEAREST.
/// Verified against Pillow 9.4.0 (`Fixtures/scripts/make_resize_goldens.py`).
public struct PillowResampler: Resampler {
    /// Pillow's resampling filters (`PIL.Image.Resampling`).
    public enum Filter: Sendable, CaseIterable {
        /// `NEAREST`: the input pixel under the output pixel's centre.
        case nearest
        /// `BILINEAR`: triangle filter, support 1 (stretched when shrinking).
        case bilinear
        /// `BICUBIC`: Keys cubic a = -0.5, support 2 (stretched when shrinking).
        case bicubic
        /// `LANCZOS`: 3-lobed Lanczos windowed sinc, support 3 (stretched when shrinking).
        case lanczos
    }

    /// The filter applied.
    public let filter: Filter

    /// A resampler that matches `Image.resize(size, filter)`.
    public init(filter: Filter) {
        self.filter = filter
    }

    /// `pillow-bicubic`, `pillow-bilinear`, `pillow-lanczos`, or `nearest`.
    public var name: String {
        switch filter {
        case .nearest: return "nearest"
        case .bilinear: return "pillow-bilinear"
        case .bicubic: return "pillow-bicubic"
        case .lanczos: return "pillow-lanczos"
        }
    }

    /// Resizes as Pillow does; with `.scale(s)` the output size is `ceil(in * s)` (see
    /// ``ResizeTarget``), Pillow itself only takes sizes.
    public func resize(_ image: ByteImage, to target: ResizeTarget) throws -> ByteImage {
        let size = try target.resolve(width: image.width, height: image.height)
        // Image.resize returns a copy when the size is unchanged (and the box is the whole image).
        if size.width == image.width && size.height == image.height { return image }
        switch filter {
        case .nearest:
            return PillowNearest.resize(image, width: size.width, height: size.height)
        case .bilinear, .bicubic, .lanczos:
            return FixedPointPass.resize(image, width: size.width, height: size.height, filter: filter)
        }
    }
}
