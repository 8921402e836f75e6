/// What an image file declares, read from its header without decoding pixels.
///
/// Returned by ``ImageDecoder/info(contentsOf:)``. `sourceChannels`, `bitDepth` and `colorModel`
/// describe the file as stored; `channels` is what ``ImageDecoder/decode(contentsOf:limits:)``
/// will return under SRKit's decode policy (documented on ``ImageDecoder``).
public struct ImageInfo: Sendable, Equatable {
    /// The container format, detected from the bytes.
    public let format: ImageFormat
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Samples per pixel stored in the file, alpha included (1...4). A palette counts as 3
    /// (its entries are RGB); PNG tRNS transparency is not counted.
    public let sourceChannels: Int
    /// Bits per stored sample: 1, 2, 4, 8 or 16 (for palettes, bits per index; 12 for 12-bit JPEG).
    public let bitDepth: Int
    /// The file's colour model: `"gray"`, `"gray+alpha"`, `"rgb"`, `"rgba"`, `"palette"`,
    /// `"cmyk"` or `"ycck"`. YCbCr JPEG and TIFF report `"rgb"`, the model they decode to.
    public let colorModel: String
    /// Channels after SRKit's decode policy: 1 or 3 (0 when the colour model is unknown; see
    /// ``unsupportedReason``).
    public let channels: Int
    /// Why ``ImageDecoder/decode(contentsOf:limits:)`` will refuse this file as
    /// ``ImageError/unsupported(path:format:reason:)`` (the same reason, e.g. "CMYK colour space",
    /// "sample format 3 (only unsigned integers)"), or nil when the header is one SRKit decodes.
    /// Damage found only in the pixel data is not known here.
    public let unsupportedReason: String?

    /// One line for people, as `prep info` prints it: `PNG 512x512, gray 8-bit, decodes to 1
    /// channel`, or for a refused file `JPEG 21x13, cmyk 8-bit, not decodable`.
    public var summary: String {
        let stored = "\(format.displayName) \(width)x\(height), \(colorModel) \(bitDepth)-bit"
        if unsupportedReason != nil { return stored + ", not decodable" }
        return stored + ", decodes to \(channels) channel" + (channels == 1 ? "" : "s")
    }

    init(format: ImageFormat, width: Int, height: Int, sourceChannels: Int, bitDepth: Int,
         colorModel: String, channels: Int, unsupportedReason: String? = nil) {
        self.format = format
        self.width = width
        self.height = height
        self.sourceChannels = sourceChannels
        self.bitDepth = bitDepth
        self.colorModel = colorModel
        self.channels = channels
        self.unsupportedReason = unsupportedReason
    }
}
