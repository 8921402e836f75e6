import CImageCodecs

/// PNG through libpng's simplified API, via the C shims in `png.c`:
/// `CImageCodecs_png_info` (`png_image_begin_read_from_memory`), `CImageCodecs_png_decode`
/// (`png_image_begin_read_from_memory` + `png_image_finish_read`) and `CImageCodecs_png_encode`
/// (`png_image_write_to_memory`, then zlib `compress2` at the requested level).
///
/// Reads every PNG variant: grey, grey+alpha, RGB, RGBA, palette (with or without tRNS),
/// 1/2/4/8/16 bits, interlaced. Returned samples are the stored values, as Pillow returns them:
/// gAMA, cHRM, sRGB and iCCP chunks are removed before libpng sees the stream, since the
/// simplified API would otherwise apply gamma conversion; alpha is read and then dropped rather
/// than composited. 16-bit files give `round(v / 257)` in ``decode(_:info:path:)`` and the
/// stored values in ``decode16(_:info:path:)`` (which refuses 16-bit files with alpha: the
/// simplified API only returns those premultiplied).
enum PNGCodec: ImageCodec {
    static func info(_ bytes: [UInt8], path: String) throws -> ImageInfo {
        try ShimCodec.info(path: path, format: .png) { header, msg, len in
            CImageCodecs_png_info(bytes, bytes.count, header, msg, len)
        }
    }

    static func decode(_ bytes: [UInt8], info: ImageInfo, path: String) throws -> ByteImage {
        try checkPlausible(bytes, info: info, path: path)
        let count = info.width * info.height * info.channels
        let samples = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try ShimCodec.call(path: path, format: .png) { msg, len in
                CImageCodecs_png_decode(bytes, bytes.count, 0, UInt32(info.width), UInt32(info.height),
                                        Int32(info.channels), buffer.baseAddress, count, msg, len)
            }
            initialized = count
        }
        return ByteImage(width: info.width, height: info.height, channels: info.channels, samples: samples)
    }

    static func decode16(_ bytes: [UInt8], info: ImageInfo, path: String) throws -> WideImage {
        if info.bitDepth != 16 {
            return try decode(bytes, info: info, path: path).widened()
        }
        try checkPlausible(bytes, info: info, path: path)
        let count = info.width * info.height * info.channels
        let samples = try [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
            try ShimCodec.call(path: path, format: .png) { msg, len in
                CImageCodecs_png_decode(bytes, bytes.count, 1, UInt32(info.width), UInt32(info.height),
                                        Int32(info.channels), buffer.baseAddress, count * 2, msg, len)
            }
            initialized = count
        }
        return WideImage(width: info.width, height: info.height, channels: info.channels, samples: samples)
    }

    /// Refuses a header whose pixels could not fit in the file: deflate expands at most 1032:1,
    /// so a file of n bytes holds at most 1032 * n bytes of samples. Stops a 100-byte file
    /// declaring 16000x16000 (within the pixel limit) from reserving 768 MB before libpng fails.
    private static func checkPlausible(_ bytes: [UInt8], info: ImageInfo, path: String) throws {
        let sampleBytes = (info.width * info.height / 8) * info.sourceChannels * info.bitDepth
        if sampleBytes / 1032 > bytes.count {
            throw ImageError.corrupt(path: path, format: .png,
                                     reason: "\(info.width)x\(info.height) pixels cannot fit in \(bytes.count) bytes")
        }
    }

    static func encode(_ image: ByteImage, options: EncodeOptions, path: String) throws -> [UInt8] {
        try encode(samples: image.samples, width: image.width, height: image.height, channels: image.channels,
                   wide: false, level: options.pngCompressionLevel, path: path)
    }

    /// 16-bit grey or RGB PNG with the samples stored unchanged.
    static func encode(_ image: WideImage, options: EncodeOptions, path: String) throws -> [UInt8] {
        try encode(samples: image.samples, width: image.width, height: image.height, channels: image.channels,
                   wide: true, level: options.pngCompressionLevel, path: path)
    }

    private static func encode<S>(samples: [S], width: Int, height: Int, channels: Int, wide: Bool,
                                  level: Int, path: String) throws -> [UInt8] {
        guard (0...9).contains(level) else {
            throw ImageError.invalidArgument("\(path): PNG compression level \(level) is outside 0...9; use 0 (none) to 9 (smallest).")
        }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        try ShimCodec.call(path: path, format: .png, direction: .writing) { msg, len in
            samples.withUnsafeBytes { pixels in
                CImageCodecs_png_encode(pixels.baseAddress, UInt32(width), UInt32(height), Int32(channels),
                                        wide ? 1 : 0, Int32(level), &output, &length, msg, len)
            }
        }
        return ShimCodec.take(output, count: length)
    }
}
