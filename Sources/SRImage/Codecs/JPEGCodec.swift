import CImageCodecs

/// JPEG through libjpeg-turbo, via the C shims in `jpeg.c`: `CImageCodecs_jpeg_info`
/// (`jpeg_read_header`), `CImageCodecs_jpeg_decode` (`jpeg_read_header`,
/// `jpeg_start_decompress`, `jpeg_read_scanlines`) and `CImageCodecs_jpeg_encode`
/// (`jpeg_set_quality`, `jpeg_write_scanlines` into `jpeg_mem_dest`).
///
/// Baseline, progressive and arithmetic-coded 8-bit JPEGs decode to RGB (YCbCr/RGB files) or
/// grey with libjpeg's default islow IDCT and fancy upsampling, which is what Pillow uses, so
/// samples equal Pillow's. CMYK and YCCK files are refused as `unsupported`, as are 12-bit
/// files. A file that ends early is `corrupt` (libjpeg's "premature end" warning is fatal here),
/// as it is for Pillow. libjpeg's setjmp/longjmp stays inside each C function.
enum JPEGCodec: ImageCodec {
    static func info(_ bytes: [UInt8], path: String) throws -> ImageInfo {
        try ShimCodec.info(path: path, format: .jpeg) { header, msg, len in
            CImageCodecs_jpeg_info(bytes, bytes.count, header, msg, len)
        }
    }

    static func decode(_ bytes: [UInt8], info: ImageInfo, path: String) throws -> ByteImage {
        let count = info.width * info.height * info.channels
        let samples = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try ShimCodec.call(path: path, format: .jpeg) { msg, len in
                CImageCodecs_jpeg_decode(bytes, bytes.count, UInt32(info.width), UInt32(info.height),
                                         Int32(info.channels), buffer.baseAddress, count, msg, len)
            }
            initialized = count
        }
        return ByteImage(width: info.width, height: info.height, channels: info.channels, samples: samples)
    }

    static func encode(_ image: ByteImage, options: EncodeOptions, path: String) throws -> [UInt8] {
        guard (1...100).contains(options.jpegQuality) else {
            throw ImageError.invalidArgument("\(path): JPEG quality \(options.jpegQuality) is outside 1...100; use 1 (smallest) to 100 (best).")
        }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        try ShimCodec.call(path: path, format: .jpeg, direction: .writing) { msg, len in
            CImageCodecs_jpeg_encode(image.samples, UInt32(image.width), UInt32(image.height), Int32(image.channels),
                                     Int32(options.jpegQuality), &output, &length, msg, len)
        }
        return ShimCodec.take(output, count: length)
    }
}
