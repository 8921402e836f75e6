/// Rotations, flips and transposition: the dihedral group used for ×4 / ×8 augmentation.
extension Image {
    /// Builds an image of the given size whose pixel (x, y) is this image's pixel `source(x, y)`.
    /// One generic gather keeps every orientation exact and in one place.
    // Inlinable (with its callers) for the same reason as `cropped`: `augment` rotates every patch.
    @inlinable @inline(__always)
    internal func gathered(width w: Int, height h: Int, _ source: (Int, Int) -> (Int, Int)) -> Image {
        var out = [Sample](repeating: .zero, count: samples.count)
        let c = channels
        samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for x in 0..<w {
                        let (sx, sy) = source(x, y)
                        let s = (sy * width + sx) * c, d = (y * w + x) * c
                        for k in 0..<c { dst[d + k] = src[s + k] }
                    }
                }
            }
        }
        return Image(width: w, height: h, channels: c, samples: out)
    }

    /// Rotated by `k` quarter turns counter-clockwise, as `numpy.rot90(img, k)` on an HWC array
    /// (negative `k` turns clockwise).
    @inlinable
    public func rotated90(_ k: Int) -> Image {
        switch ((k % 4) + 4) % 4 {
        case 1: return gathered(width: height, height: width) { x, y in (width - 1 - y, x) }
        case 2: return gathered(width: width, height: height) { x, y in (width - 1 - x, height - 1 - y) }
        case 3: return gathered(width: height, height: width) { x, y in (y, height - 1 - x) }
        default: return self
        }
    }

    /// Mirrored left–right (`numpy.fliplr`, `cv2.flip(img, 1)`).
    @inlinable
    public func flippedHorizontally() -> Image {
        gathered(width: width, height: height) { x, y in (width - 1 - x, y) }
    }

    /// Mirrored top–bottom (`numpy.flipud`, `cv2.flip(img, 0)`).
    @inlinable
    public func flippedVertically() -> Image {
        gathered(width: width, height: height) { x, y in (x, height - 1 - y) }
    }

    /// Rows become columns (`img.transpose(1, 0, 2)` on an HWC array).
    @inlinable
    public func transposed() -> Image {
        gathered(width: height, height: width) { x, y in (y, x) }
    }
}
