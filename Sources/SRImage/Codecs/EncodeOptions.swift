/// Settings for ``ImageEncoder``; each applies to one format and is ignored by the others.
public struct EncodeOptions: Sendable {
    /// zlib level of PNG image data, 0 (stored, fastest) ... 9 (smallest). Default 6, zlib's own
    /// default. The pixels are identical at every level; only size and speed change.
    public var pngCompressionLevel: Int = 6
    /// JPEG quality 1...100 as in libjpeg's `jpeg_set_quality` (and Pillow's `quality=`).
    /// Default 95; chroma is subsampled 4:2:0 at every quality, as libjpeg and Pillow default to.
    public var jpegQuality: Int = 95

    /// Options with the given PNG level (0...9) and JPEG quality (1...100); checked when encoding.
    public init(pngCompressionLevel: Int = 6, jpegQuality: Int = 95) {
        self.pngCompressionLevel = pngCompressionLevel
        self.jpegQuality = jpegQuality
    }
}
