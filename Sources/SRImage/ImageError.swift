/// Everything that can go wrong reading, writing or transforming an image.
///
/// Each case carries the file (or `"<memory>"` for in-memory data) and the facts; ``description``
/// turns them into one sentence: where, what is wrong, and what to do about it.
public enum ImageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened or read (missing, a directory, no permission).
    case unreadable(path: String, reason: String)
    /// The file has zero bytes.
    case empty(path: String)
    /// The leading bytes match no supported format; `magic` shows them in hex.
    case unknownFormat(path: String, magic: String)
    /// The bytes claim a format but are damaged or end early; `reason` is the codec's own message.
    case corrupt(path: String, format: ImageFormat, reason: String)
    /// A valid file whose variant SRKit refuses (for example CMYK JPEG, 12-bit JPEG, 32-bit TIFF).
    case unsupported(path: String, format: ImageFormat, reason: String)
    /// The declared size exceeds the pixel limit; refused before any pixel buffer is allocated.
    case tooLarge(path: String, width: Int, height: Int, limit: Int)
    /// Writing failed; nothing was left at `path` (writes go to a temporary file that is renamed).
    case writeFailed(path: String, reason: String)
    /// The output file name's extension names no format SRKit can encode.
    case unknownOutputFormat(path: String)
    /// A caller-supplied parameter is out of range (a crop outside the image, a zero output size…).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the file: \(reason)."
        case let .empty(path):
            return "\(path): the file is empty (0 bytes); re-copy or re-export it."
        case let .unknownFormat(path, magic):
            return "\(path): not a PNG, JPEG, TIFF or BMP image (first bytes: \(magic)); the format is detected from the bytes, not the extension."
        case let .corrupt(path, format, reason):
            return "\(path): corrupt or truncated \(format.displayName) data: \(reason); re-export the image."
        case let .unsupported(path, format, reason):
            return "\(path): unsupported \(format.displayName) variant: \(reason); convert it to 8-bit RGB or grey first."
        case let .tooLarge(path, width, height, limit):
            return "\(path): declared size \(width)x\(height) (\(width.multipliedReportingOverflow(by: height).partialValue) pixels) exceeds the limit of \(limit) pixels; raise the pixel limit if the image is genuine."
        case let .writeFailed(path, reason):
            return "\(path): cannot write the image: \(reason)."
        case let .unknownOutputFormat(path):
            return "\(path): cannot tell the output format from the extension; use .png, .jpg/.jpeg, .bmp or .tif/.tiff."
        case let .invalidArgument(message):
            return message
        }
    }
}
