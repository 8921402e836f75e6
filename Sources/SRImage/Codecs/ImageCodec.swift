/// One container format's reader and writer; ``ImageDecoder`` and ``ImageEncoder`` pick one
/// through ``ImageFormat/codec`` instead of switching on the format everywhere.
///
/// Every requirement receives bytes already in memory and the path (or `"<memory>"`) to name
/// in errors. `decode` is only called after ``DecodeLimits`` accepted the size from `info`.
protocol ImageCodec {
    /// Reads the header only.
    static func info(_ bytes: [UInt8], path: String) throws -> ImageInfo
    /// Decodes to 8-bit samples under the policy documented on ``ImageDecoder``.
    static func decode(_ bytes: [UInt8], info: ImageInfo, path: String) throws -> ByteImage
    /// Decodes keeping 16-bit precision; 8-bit sources are widened by 257.
    static func decode16(_ bytes: [UInt8], info: ImageInfo, path: String) throws -> WideImage
    /// Encodes grey or RGB bytes; `path` is only for error messages.
    static func encode(_ image: ByteImage, options: EncodeOptions, path: String) throws -> [UInt8]
}

extension ImageCodec {
    /// Formats with no 16-bit variant: decode 8-bit, then widen each sample by 257.
    static func decode16(_ bytes: [UInt8], info: ImageInfo, path: String) throws -> WideImage {
        try decode(bytes, info: info, path: path).widened()
    }
}
