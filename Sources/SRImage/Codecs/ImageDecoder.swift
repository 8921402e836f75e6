/// Reads PNG, JPEG, TIFF and BMP files into ``ByteImage`` (or ``WideImage``).
///
/// The format is detected from the leading bytes (``detectFormat(_:)``), never from the
/// extension. The header is read first and the declared size checked against ``DecodeLimits``
/// before any pixel buffer is allocated. Every failure throws an ``ImageError`` naming the file.
///
/// ## Decode policy
/// SRKit returns exactly the samples Pillow 9.4 returns after `convert("L")` / `convert("RGB")`
/// for the same file, so metrics computed in Swift and in Python agree:
///
/// | File                    | Channels | Rule                                                     |
/// |-------------------------|----------|----------------------------------------------------------|
/// | grey                    | 1        | stored values (1/2/4-bit scaled to 0...255 as by libpng) |
/// | grey + alpha            | 1        | alpha dropped, not composited                            |
/// | RGB                     | 3        | stored values                                            |
/// | RGBA                    | 3        | alpha dropped (Pillow `convert("RGB")`)                  |
/// | palette                 | 3        | entries looked up; tRNS ignored                          |
/// | BMP grey palette        | 1        | Pillow's mode "L"/"1" rule, see ``BMPCodec``             |
/// | 16-bit                  | as above | `round(v / 257)`, see ``SampleDepth``                    |
/// | CMYK / YCCK JPEG        | —        | refused, ``ImageError/unsupported(path:format:reason:)`` |
///
/// Gamma and colour profiles are ignored (PNG gAMA/cHRM/sRGB/iCCP, ICC in JPEG/TIFF), as Pillow
/// and OpenCV ignore them: samples are returned as stored. The one deliberate difference from
/// Pillow is 16-bit RGB, where Pillow keeps the high byte (`v >> 8`) and SRKit rounds.
public enum ImageDecoder {
    /// The format whose signature starts `bytes`: PNG (`89 50 4E 47 0D 0A 1A 0A`), JPEG
    /// (`FF D8 FF`), TIFF (`II*\0`, `MM\0*`, BigTIFF `II+\0`, `MM\0+`) or BMP (`BM`); nil otherwise.
    public static func detectFormat<C: Collection>(_ bytes: C) -> ImageFormat? where C.Element == UInt8 {
        let head = Array(bytes.prefix(8))
        func starts(_ signature: [UInt8]) -> Bool { head.starts(with: signature) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || starts([0x49, 0x49, 0x2B, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2B]) { return .tiff }
        if starts([0x42, 0x4D]) { return .bmp }
        return nil
    }

    /// The header of the file at `path`: format, size, stored channels/bit depth/colour model and
    /// the channel count ``decode(contentsOf:limits:)`` will return, or, for a valid file of a
    /// variant the decoder refuses, the reason (``ImageInfo/unsupportedReason``). Decodes no pixels.
    public static func info(contentsOf path: String) throws -> ImageInfo {
        let bytes = try ImageFileReader.contents(of: path)
        return try info(bytes, path: path)
    }

    /// Decodes the file at `path` to 8-bit samples under the decode policy above.
    public static func decode(contentsOf path: String, limits: DecodeLimits = .default) throws -> ByteImage {
        try decode(bytes: ImageFileReader.contents(of: path), name: path, limits: limits)
    }

    /// Decodes an in-memory file; `name` stands for the path in error messages.
    public static func decode(bytes: [UInt8], name: String = "<memory>", limits: DecodeLimits = .default) throws -> ByteImage {
        if bytes.isEmpty { throw ImageError.empty(path: name) }
        let header = try info(bytes, path: name)
        try refuseUnsupported(header, path: name)
        try limits.check(width: header.width, height: header.height, path: name)
        return try header.format.codec.decode(bytes, info: header, path: name)
    }

    /// Decodes keeping 16-bit precision: 16-bit PNG and TIFF give their stored values, 8-bit
    /// sources are widened by 257 (255 -> 65535). Channels follow the same policy as
    /// ``decode(contentsOf:limits:)``. 16-bit PNGs with alpha are refused as `unsupported`:
    /// libpng's simplified API only returns their colour premultiplied by alpha.
    public static func decode16(contentsOf path: String, limits: DecodeLimits = .default) throws -> WideImage {
        let bytes = try ImageFileReader.contents(of: path)
        let header = try info(bytes, path: path)
        try refuseUnsupported(header, path: path)
        try limits.check(width: header.width, height: header.height, path: path)
        return try header.format.codec.decode16(bytes, info: header, path: path)
    }

    /// Throws ``ImageError/unsupported(path:format:reason:)`` for a header ``info(contentsOf:)``
    /// marked as refused, before anything is allocated; the codecs refuse such files too.
    static func refuseUnsupported(_ header: ImageInfo, path: String) throws {
        if let reason = header.unsupportedReason {
            throw ImageError.unsupported(path: path, format: header.format, reason: reason)
        }
    }

    /// Detects the format and reads the header with that format's codec.
    static func info(_ bytes: [UInt8], path: String) throws -> ImageInfo {
        if bytes.isEmpty { throw ImageError.empty(path: path) }
        guard let format = detectFormat(bytes) else {
            let magic = bytes.prefix(8).map { byte in
                let hex = String(byte, radix: 16, uppercase: true)
                return hex.count == 1 ? "0" + hex : hex
            }.joined(separator: " ")
            throw ImageError.unknownFormat(path: path, magic: magic)
        }
        return try format.codec.info(bytes, path: path)
    }
}
