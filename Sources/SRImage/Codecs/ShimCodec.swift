import CImageCodecs

/// What every C-backed codec (``PNGCodec``, ``JPEGCodec``, ``TIFFCodec``) shares: the
/// caller-owned message buffer each `CImageCodecs_*` function fills, the one place a C status
/// becomes an ``ImageError``, and the conversion of `CImageCodecs_Info` to ``ImageInfo``.
enum ShimCodec {
    /// Whether a failure happened while reading a file or while producing one.
    enum Direction {
        case reading
        case writing
    }

    /// Runs `body` with a 256-byte message buffer and throws for any status but
    /// `CImageCodecs_STATUS_OK`: `UNSUPPORTED` -> `unsupported`, other read failures -> `corrupt`,
    /// write failures -> `writeFailed`; the reason is the C library's own message.
    static func call(path: String, format: ImageFormat, direction: Direction = .reading,
                     _ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws {
        var buffer = [CChar](repeating: 0, count: 256)
        let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
        if status == CImageCodecs_STATUS_OK { return }
        try fail(status: status, reason: reason(buffer, status: status), path: path, format: format, direction: direction)
    }

    /// Runs a `CImageCodecs_*_info` function. `UNSUPPORTED` with a filled header (a file the
    /// decoder will refuse, such as CMYK JPEG or float TIFF) is not thrown: it becomes the
    /// ``ImageInfo/unsupportedReason`` of the returned header, so `prep info` can say what the
    /// file is and why it is refused. Other failures throw as ``call(path:format:direction:_:)``.
    static func info(path: String, format: ImageFormat,
                     _ body: (UnsafeMutablePointer<CImageCodecs_Info>, UnsafeMutablePointer<CChar>, Int) -> Int32) throws -> ImageInfo {
        var header = CImageCodecs_Info()
        var buffer = [CChar](repeating: 0, count: 256)
        let status = buffer.withUnsafeMutableBufferPointer { body(&header, $0.baseAddress!, $0.count) }
        if status == CImageCodecs_STATUS_OK { return info(header, format: format) }
        let text = reason(buffer, status: status)
        if status == CImageCodecs_STATUS_UNSUPPORTED, header.width > 0, header.height > 0 {
            return info(header, format: format, unsupportedReason: text)
        }
        try fail(status: status, reason: text, path: path, format: format, direction: .reading)
    }

    /// The C function's message without trailing dots or spaces (the Swift sentence adds its own).
    private static func reason(_ buffer: [CChar], status: Int32) -> String {
        let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        var reason = String(decoding: text, as: UTF8.self)
        while let last = reason.last, last == "." || last.isWhitespace { reason.removeLast() }
        return reason.isEmpty ? "the codec failed with status \(status)" : reason
    }

    /// Throws the ``ImageError`` for a failed status.
    private static func fail(status: Int32, reason: String, path: String, format: ImageFormat, direction: Direction) throws -> Never {
        switch direction {
        case .writing:
            throw ImageError.writeFailed(path: path, reason: "\(format.displayName) encoder: \(reason)")
        case .reading where status == CImageCodecs_STATUS_UNSUPPORTED:
            throw ImageError.unsupported(path: path, format: format, reason: reason)
        case .reading:
            throw ImageError.corrupt(path: path, format: format, reason: reason)
        }
    }

    /// ``ImageInfo`` from the header record a `CImageCodecs_*_info` function filled.
    static func info(_ c: CImageCodecs_Info, format: ImageFormat, unsupportedReason: String? = nil) -> ImageInfo {
        ImageInfo(format: format, width: Int(c.width), height: Int(c.height),
                  sourceChannels: Int(c.sourceChannels), bitDepth: Int(c.bitDepth),
                  colorModel: colorModelName(c.colorModel), channels: Int(c.outputChannels),
                  unsupportedReason: unsupportedReason)
    }

    /// The ``ImageInfo/colorModel`` name of a `CImageCodecs_MODEL_*` code.
    static func colorModelName(_ code: Int32) -> String {
        switch code {
        case CImageCodecs_MODEL_GRAY: return "gray"
        case CImageCodecs_MODEL_GRAY_ALPHA: return "gray+alpha"
        case CImageCodecs_MODEL_RGB: return "rgb"
        case CImageCodecs_MODEL_RGBA: return "rgba"
        case CImageCodecs_MODEL_PALETTE: return "palette"
        case CImageCodecs_MODEL_CMYK: return "cmyk"
        case CImageCodecs_MODEL_YCCK: return "ycck"
        default: return "unknown"
        }
    }

    /// Copies an encoder's malloc'd output into Swift and releases it with `CImageCodecs_free`.
    static func take(_ output: UnsafeMutablePointer<UInt8>?, count: Int) -> [UInt8] {
        defer { CImageCodecs_free(output) }
        guard let output else { return [] }
        return Array(UnsafeBufferPointer(start: output, count: count))
    }
}
