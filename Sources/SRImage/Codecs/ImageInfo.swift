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
    /// Channels after SRKit's decode policy: 1 or 3.
    public let channels: Int

    init(format: ImageFormat, width: Int, height: Int, sourceChannels: Int, bitDepth: Int,
         colorModel: String, channels: Int) {
        self.format = format
        self.width = width
        self.height = height
        self.sourceChannels = sourceChannels
        self.bitDepth = bitDepth
        self.colorModel = colorModel
        self.channels = channels
    }
}
