/// Cropping: the region operations every SR protocol applies before resampling.
extension Image {
    /// The `width`×`height` region whose top-left corner is (`x`, `y`).
    /// - Throws: ``ImageError/invalidArgument(_:)`` when the region leaves the image or is empty.
    /// - Complexity: O(region pixels), one row copy at a time.
    // Inlinable so callers in other modules (prep's patch extraction: 22k windows for T91) get a
    // copy specialised for their sample type; unspecialised, a quarter of `prep run` went to
    // generic metadata lookups (perf, Benchmarks/README "prep run vs Python").
    @inlinable
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) throws -> Image {
        guard x >= 0, y >= 0, w > 0, h > 0, x + w <= width, y + h <= height else {
            throw ImageError.invalidArgument(
                "crop \(w)x\(h) at (\(x), \(y)) does not fit inside the \(width)x\(height) image")
        }
        if x == 0, y == 0, w == width, h == height { return self }
        var out = [Sample]()
        out.reserveCapacity(w * h * channels)
        samples.withUnsafeBufferPointer { src in
            for row in y..<(y + h) {
                let start = (row * width + x) * channels
                out.append(contentsOf: src[start..<(start + w * channels)])
            }
        }
        return Image(width: w, height: h, channels: channels, samples: out)
    }

    /// The centred `width`×`height` region; when the margin is odd the extra pixel is dropped on
    /// the right/bottom, matching torchvision's `CenterCrop` (`left = (W - w) / 2`, floored).
    @inlinable
    public func centerCropped(width w: Int, height h: Int) throws -> Image {
        guard w <= width, h <= height else {
            throw ImageError.invalidArgument("center-crop \(w)x\(h) is larger than the \(width)x\(height) image")
        }
        return try cropped(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
    }

    /// MATLAB `modcrop`: drops the bottom rows and right columns so both sides are multiples
    /// of `scale` (the SRCNN and BasicSR HR convention; the top-left corner is kept).
    @inlinable
    public func modcropped(_ scale: Int) throws -> Image {
        guard scale >= 1 else { throw ImageError.invalidArgument("modcrop scale must be >= 1, got \(scale)") }
        let w = width - width % scale, h = height - height % scale
        guard w > 0, h > 0 else {
            throw ImageError.invalidArgument("modcrop \(scale) of a \(width)x\(height) image leaves no pixels")
        }
        return try cropped(x: 0, y: 0, width: w, height: h)
    }
}
