/// Writes ``ByteImage`` as PNG, JPEG, TIFF or BMP, and ``WideImage`` as 16-bit PNG.
///
/// Output files are written to a temporary file in the same folder and renamed into place only
/// when complete (``AtomicFileWriter``), so a failed or interrupted write never leaves a partial
/// image at the path. The format comes from the extension (``format(forPath:)``).
///
/// What each format stores: PNG 8-bit grey/RGB (or 16-bit from the `WideImage` overload of `write`)
/// with an sRGB chunk for 8-bit files and no gamma chunk for 16-bit ones, lossless; JPEG with
/// `EncodeOptions.jpegQuality`, 4:2:0 chroma, lossy; TIFF 8-bit LZW, lossless; BMP 24-bit RGB or
/// 8-bit grey palette, lossless.
public enum ImageEncoder {
    /// The format named by the path's extension, case-insensitive: `.png`, `.jpg`/`.jpeg`,
    /// `.bmp`, `.tif`/`.tiff`; throws ``ImageError/unknownOutputFormat(path:)`` otherwise.
    public static func format(forPath path: String) throws -> ImageFormat {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            throw ImageError.unknownOutputFormat(path: path)
        }
        switch name[name.index(after: dot)...].lowercased() {
        case "png": return .png
        case "jpg", "jpeg": return .jpeg
        case "bmp": return .bmp
        case "tif", "tiff": return .tiff
        default: throw ImageError.unknownOutputFormat(path: path)
        }
    }

    /// The encoded file as bytes. Throws ``ImageError/invalidArgument(_:)`` for an option out
    /// of range and ``ImageError/writeFailed(path:reason:)`` (path `"<memory>"`) if the codec fails.
    public static func encode(_ image: ByteImage, as format: ImageFormat, options: EncodeOptions = .init()) throws -> [UInt8] {
        try format.codec.encode(image, options: options, path: "<memory>")
    }

    /// Encodes in the format of `path`'s extension and writes it atomically.
    public static func write(_ image: ByteImage, to path: String, options: EncodeOptions = .init()) throws {
        let format = try format(forPath: path)
        try AtomicFileWriter.commit(format.codec.encode(image, options: options, path: path), to: path)
    }

    /// Writes a 16-bit PNG with the samples stored unchanged; `path` must end in `.png`
    /// (other formats throw ``ImageError/unsupported(path:format:reason:)``).
    public static func write(_ image: WideImage, to path: String, options: EncodeOptions = .init()) throws {
        let format = try format(forPath: path)
        guard format == .png else {
            throw ImageError.unsupported(path: path, format: format, reason: "16-bit images are written only as PNG")
        }
        try AtomicFileWriter.commit(PNGCodec.encode(image, options: options, path: path), to: path)
    }
}
