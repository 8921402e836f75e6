import SRImage

/// `png`, `jpeg`, `tiff`, `bmp`: ``ImageDecoder`` on one format, as `prep convert`/`bench`
/// use it (default ``DecodeLimits``, 2^28 pixels).
///
/// Inputs whose signature is another format are skipped, so every crash file is a file of the
/// target's format that `prep info`/`prep convert` reproduce. 16-bit PNG and TIFF are also
/// decoded with `decode16` (through a scratch file: that API takes a path). An accepted image
/// must have the size and channel count its header declared and exactly `w × h × c` samples.
enum ImageDecoderTarget {
    static func make(_ format: ImageFormat) -> FuzzTarget {
        FuzzTarget(name: format.rawValue, summary: "\(format.displayName) decoder (ImageDecoder: info, decode\(format == .png || format == .tiff ? ", decode16" : ""))") { bytes in
            guard ImageDecoder.detectFormat(bytes) == format else { return }
            if let image = try? ImageDecoder.decode(bytes: bytes, name: "fuzz-input") {
                FuzzCheck.that(image.width > 0 && image.height > 0, "decoded a \(image.width)x\(image.height) image")
                FuzzCheck.that(image.channels == 1 || image.channels == 3, "decoded \(image.channels) channels")
                FuzzCheck.that(image.samples.count == image.width * image.height * image.channels,
                               "\(image.samples.count) samples for \(image.width)x\(image.height)x\(image.channels)")
            }
            guard format == .png || format == .tiff else { return }
            let path = ScratchSpace.write(bytes, to: "input." + format.rawValue)
            guard let info = try? ImageDecoder.info(contentsOf: path) else { return }
            FuzzCheck.that(info.format == format, "info says \(info.format) for a \(format) signature")
            guard info.bitDepth == 16, let wide = try? ImageDecoder.decode16(contentsOf: path) else { return }
            FuzzCheck.that(wide.width == info.width && wide.height == info.height && wide.channels == info.channels,
                           "decode16 gave \(wide.width)x\(wide.height)x\(wide.channels), info said \(info.width)x\(info.height)x\(info.channels)")
            FuzzCheck.that(wide.samples.count == wide.width * wide.height * wide.channels, "decode16 sample count \(wide.samples.count)")
        }
    }
}
