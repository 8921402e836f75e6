import Foundation
import SRImage

/// Images as `data:` URIs, so a report or figure is one file that needs nothing else.
///
/// Crops are PNG (SRImage's encoder, lossless: a reader sees exactly the scored pixels);
/// thumbnails, which only show where a crop lies, are JPEG, a tenth of the size.
enum EmbeddedImage {
    /// `data:image/png;base64,…` of `image`, zlib level 9 (crops are small; smaller pages load faster).
    static func png(_ image: ByteImage) throws -> String {
        let bytes = try ImageEncoder.encode(image, as: .png, options: EncodeOptions(pngCompressionLevel: 9))
        return "data:image/png;base64," + Data(bytes).base64EncodedString()
    }

    /// `data:image/jpeg;base64,…` of `image` at `quality`.
    static func jpeg(_ image: ByteImage, quality: Int = 85) throws -> String {
        let bytes = try ImageEncoder.encode(image, as: .jpeg, options: EncodeOptions(jpegQuality: quality))
        return "data:image/jpeg;base64," + Data(bytes).base64EncodedString()
    }

    /// `image` with every pixel repeated `zoom`×`zoom` times: a nearest-neighbour enlargement
    /// that any viewer shows with sharp pixels, whatever its own scaling filter.
    static func enlarged(_ image: ByteImage, by zoom: Int) -> ByteImage {
        guard zoom > 1 else { return image }
        let w = image.width * zoom, c = image.channels
        var out = [UInt8](repeating: 0, count: w * image.height * zoom * c)
        for y in 0..<(image.height * zoom) {
            let sy = y / zoom
            for x in 0..<w {
                let s = (sy * image.width + x / zoom) * c, d = (y * w + x) * c
                for k in 0..<c { out[d + k] = image.samples[s + k] }
            }
        }
        return ByteImage(width: w, height: image.height * zoom, channels: c, samples: out)
    }

    /// `image` shrunk with MATLAB bicubic (antialiased) to at most `width` pixels wide,
    /// keeping its aspect; unchanged when already narrower.
    static func thumbnail(_ image: ByteImage, width: Int) throws -> ByteImage {
        guard image.width > width else { return image }
        let height = max(1, Int((Double(image.height) * Double(width) / Double(image.width)).rounded()))
        return try MatlabBicubic().resize(image, to: .size(width: width, height: height))
    }

    /// The integer zoom that makes a `region` about `target` pixels on its longer side (at least 1).
    static func zoom(for region: CropRegion, target: Int) -> Int {
        max(1, target / max(region.width, region.height))
    }
}
