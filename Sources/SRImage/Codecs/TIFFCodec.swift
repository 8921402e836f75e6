import CImageCodecs

/// TIFF through libtiff over in-memory buffers, via the C shims in `tiff.c`:
/// `CImageCodecs_tiff_info` (`TIFFClientOpenExt`, `TIFFGetField`), `CImageCodecs_tiff_decode`
/// (`TIFFReadScanline` for strips, `TIFFReadTile` for tiles) and `CImageCodecs_tiff_encode`
/// (`TIFFWriteScanline`, LZW). Errors come through a per-handle handler
/// (`TIFFOpenOptionsSetErrorHandlerExtR`), never libtiff's global one.
///
/// Reads 8- and 16-bit unsigned grey, grey+alpha, RGB and RGBA with contiguous samples, in strips
/// or tiles, with any compression libtiff was built with (none, LZW, Deflate, PackBits, ...).
/// The extra (alpha) sample is dropped; 16-bit samples are narrowed with ``SampleDepth`` in
/// ``decode(_:info:path:)`` and kept in ``decode16(_:info:path:)``. Palette, CMYK, YCbCr,
/// min-is-white, separate planes, float and 1/2/4/32-bit files are refused as `unsupported`.
enum TIFFCodec: ImageCodec {
    static func info(_ bytes: [UInt8], path: String) throws -> ImageInfo {
        try ShimCodec.info(path: path, format: .tiff) { header, msg, len in
            CImageCodecs_tiff_info(bytes, bytes.count, header, msg, len)
        }
    }

    static func decode(_ bytes: [UInt8], info: ImageInfo, path: String) throws -> ByteImage {
        if info.bitDepth == 16 { return try decode16(bytes, info: info, path: path).narrowed() }
        return ByteImage(width: info.width, height: info.height, channels: info.channels,
                         samples: try read([UInt8].self, bytes, info: info, path: path))
    }

    static func decode16(_ bytes: [UInt8], info: ImageInfo, path: String) throws -> WideImage {
        if info.bitDepth != 16 { return try decode(bytes, info: info, path: path).widened() }
        return WideImage(width: info.width, height: info.height, channels: info.channels,
                         samples: try read([UInt16].self, bytes, info: info, path: path))
    }

    /// Decodes into samples of `T`'s element size (1 or 2 bytes), the file's own depth.
    private static func read<T: FixedWidthInteger>(_: [T].Type, _ bytes: [UInt8], info: ImageInfo,
                                                   path: String) throws -> [T] {
        let count = info.width * info.height * info.channels
        let size = MemoryLayout<T>.size
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            try ShimCodec.call(path: path, format: .tiff) { msg, len in
                buffer.withMemoryRebound(to: UInt8.self) { raw in
                    CImageCodecs_tiff_decode(bytes, bytes.count, UInt32(info.width), UInt32(info.height),
                                             Int32(info.channels), Int32(size), raw.baseAddress, count * size, msg, len)
                }
            }
            initialized = count
        }
    }

    static func encode(_ image: ByteImage, options: EncodeOptions, path: String) throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        try ShimCodec.call(path: path, format: .tiff, direction: .writing) { msg, len in
            CImageCodecs_tiff_encode(image.samples, UInt32(image.width), UInt32(image.height), Int32(image.channels),
                                     &output, &length, msg, len)
        }
        return ShimCodec.take(output, count: length)
    }
}
