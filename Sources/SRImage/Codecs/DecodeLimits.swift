/// Bounds a decoder enforces before it allocates anything sized by the file.
///
/// A header is read first; if its declared `width * height` exceeds ``maxPixels`` (or the
/// product overflows `Int`) decoding stops with ``ImageError/tooLarge(path:width:height:limit:)``
/// and no pixel buffer is ever allocated. This keeps a 100000x100000 header in a 60-byte file
/// from asking for 30 GB.
public struct DecodeLimits: Sendable, Equatable {
    /// Largest accepted `width * height`, in pixels. The default, 2^28 (268,435,456 pixels,
    /// e.g. 16384x16384), is far above any SR benchmark image (DIV2K is about 2040x1400).
    public var maxPixels: Int

    /// Limits with `maxPixels` pixels (default 2^28).
    public init(maxPixels: Int = 1 << 28) {
        self.maxPixels = maxPixels
    }

    /// The default limits: 2^28 pixels.
    public static let `default` = DecodeLimits()

    /// Throws ``ImageError/tooLarge(path:width:height:limit:)`` unless `width * height` fits.
    func check(width: Int, height: Int, path: String) throws {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maxPixels {
            throw ImageError.tooLarge(path: path, width: width, height: height, limit: maxPixels)
        }
    }
}
