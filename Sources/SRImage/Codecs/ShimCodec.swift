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
        let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        var reason = String(decoding: text, as: UTF8.self)
        while let last = reason.last, last == "." || last.isWhitespace { reason.removeLast() }
        if reason.isEmpty { reason = "the codec failed with status \(status)" }
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
    static func info(_ c: CImageCodecs_Info, format: ImageFormat) -> ImageInfo {
        ImageInfo(format: format, width: Int(c.width), height: Int(c.height),
                  sourceChannels: Int(c.sourceChannels), bitDepth: Int(c.bitDepth),
                  colorModel: colorModelName(c.colorModel), channels: Int(c.outputChannels))
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
