/// BT.601 YCbCr exactly as MATLAB's `rgb2ycbcr` / `ycbcr2rgb` define it ("studio swing").
///
/// With R, G, B in [0, 1]:
///
///     Y  =  16 + ( 65.481 R + 128.553 G +  24.966 B)
///     Cb = 128 + (-37.797 R -  74.203 G + 112.000 B)
///     Cr = 128 + (112.000 R -  93.786 G -  18.214 B)
///
/// so Y lies in 16...235 and Cb, Cr in 16...240 on the 0...255 scale. MATLAB's uint8 variant
/// rounds half away from zero and saturates; ``RGBToYCbCr/Rounding`` names that choice.
/// Coefficients are applied in `Double`, as MATLAB does, and stored as `Float` when unrounded.
public enum YCbCr {
    /// The forward matrix, rows Y, Cb, Cr, for RGB on the 0...1 scale (MATLAB's `origT`).
    public static let forward: [[Double]] = [
        [65.481, 128.553, 24.966],
        [-37.797, -74.203, 112.0],
        [112.0, -93.786, -18.214],
    ]
    /// The offsets added after the matrix (MATLAB's `origOffset`), on the 0...255 scale.
    public static let offset: [Double] = [16, 128, 128]

    /// `inv(forward)`, computed once in Double, for ``toRGB(_:)``.
    static let inverse: [[Double]] = {
        let m = forward
        let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        var inv = [[Double]](repeating: [0, 0, 0], count: 3)
        for r in 0..<3 {
            for c in 0..<3 {
                // Cofactor of (c, r) gives the adjugate's (r, c) entry.
                let rows = [0, 1, 2].filter { $0 != c }
                let cols = [0, 1, 2].filter { $0 != r }
                let minor = m[rows[0]][cols[0]] * m[rows[1]][cols[1]] - m[rows[0]][cols[1]] * m[rows[1]][cols[0]]
                inv[r][c] = ((r + c) % 2 == 0 ? 1 : -1) * minor / det
            }
        }
        return inv
    }()

    /// How a one-channel image is turned into Y, a choice on which evaluation protocols differ.
    public enum GrayHandling: String, Sendable, CaseIterable, Codable {
        /// Use the grey values as Y unchanged (the SRCNN MATLAB code does this for Set14 `bridge`).
        case useAsY = "use-as-y"
        /// Treat grey as R = G = B and convert (BasicSR reads grey files as three equal channels),
        /// giving Y = 16 + 219·v/255.
        case throughRGB = "through-rgb"
    }

    /// Y on the 0...255 scale, unrounded (BasicSR's `bgr2ycbcr(y_only=True)` on float input, ×255).
    ///
    /// A three-channel image is converted; a one-channel image follows `gray`.
    /// - Complexity: O(pixels), one pass, no allocation beyond the result.
    public static func luma(_ image: ByteImage, gray: GrayHandling = .throughRGB) -> FloatImage {
        var out = [Float](repeating: 0, count: image.pixelCount)
        image.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                if image.channels == 3 {
                    for i in 0..<dst.count { dst[i] = lumaOfRGB(src[3 * i], src[3 * i + 1], src[3 * i + 2]) }
                } else {
                    for i in 0..<dst.count { dst[i] = lumaOfGrey(src[i], gray: gray) }
                }
            }
        }
        return FloatImage(width: image.width, height: image.height, channels: 1, samples: out)
    }

    // The per-pixel functions below write Y's weights (`forward[0] / 255`) as literal quotients so
    // they fold to constants (no lazy-global check per pixel); IEEE division gives the same
    // Double as dividing `forward`'s entries at run time (YCbCrTests checks every grey value).

    /// Unrounded Y of one RGB pixel, exactly as ``luma(_:gray:)`` computes it (the one
    /// definition, shared with code that converts a row at a time to save memory).
    @inline(__always)
    package static func lumaOfRGB(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Float {
        Float(16 + (65.481 / 255) * Double(r) + (128.553 / 255) * Double(g) + (24.966 / 255) * Double(b))
    }

    /// Unrounded Y of one grey sample under `gray`, exactly as ``luma(_:gray:)`` computes it.
    @inline(__always)
    package static func lumaOfGrey(_ v: UInt8, gray: GrayHandling) -> Float {
        gray == .throughRGB ? Float(16 + ((65.481 / 255) + (128.553 / 255) + (24.966 / 255)) * Double(v)) : Float(v)
    }

    /// Y as MATLAB `rgb2ycbcr` on uint8 gives it: rounded half away from zero to 16...235.
    public static func lumaRounded(_ image: ByteImage, gray: GrayHandling = .throughRGB) -> ByteImage {
        if image.channels == 1 && gray == .useAsY { return image }
        return luma(image, gray: gray).toBytes()
    }

    /// Full YCbCr, unrounded, three channels in the order Y, Cb, Cr, on the 0...255 scale.
    /// Expects a three-channel RGB image.
    public static func fromRGB(_ image: ByteImage) throws -> FloatImage {
        guard image.channels == 3 else {
            throw ImageError.invalidArgument("YCbCr conversion needs a 3-channel RGB image, got \(image.channels) channel(s)")
        }
        let m = forward.map { $0.map { $0 / 255 } }
        var out = [Float](repeating: 0, count: image.samples.count)
        image.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<image.pixelCount {
                    let r = Double(src[3 * i]), g = Double(src[3 * i + 1]), b = Double(src[3 * i + 2])
                    for k in 0..<3 {
                        dst[3 * i + k] = Float(offset[k] + m[k][0] * r + m[k][1] * g + m[k][2] * b)
                    }
                }
            }
        }
        return FloatImage(width: image.width, height: image.height, channels: 3, samples: out)
    }

    /// MATLAB `rgb2ycbcr` on a uint8 image: Y, Cb, Cr each rounded half away from zero.
    public static func fromRGBRounded(_ image: ByteImage) throws -> ByteImage {
        try fromRGB(image).toBytes()
    }

    /// MATLAB `ycbcr2rgb`: RGB on the 0...255 scale, unrounded and unclipped, from Y, Cb, Cr
    /// on the 0...255 scale (a three-channel float image, for example ``fromRGB(_:)``'s output
    /// after the Y channel was replaced by a model's prediction).
    public static func toRGB(_ image: FloatImage) throws -> FloatImage {
        guard image.channels == 3 else {
            throw ImageError.invalidArgument("RGB conversion needs a 3-channel YCbCr image, got \(image.channels) channel(s)")
        }
        let m = inverse.map { $0.map { $0 * 255 } }
        var out = [Float](repeating: 0, count: image.samples.count)
        image.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<image.pixelCount {
                    let y = Double(src[3 * i]) - offset[0]
                    let cb = Double(src[3 * i + 1]) - offset[1]
                    let cr = Double(src[3 * i + 2]) - offset[2]
                    for k in 0..<3 {
                        dst[3 * i + k] = Float(m[k][0] * y + m[k][1] * cb + m[k][2] * cr)
                    }
                }
            }
        }
        return FloatImage(width: image.width, height: image.height, channels: 3, samples: out)
    }

    /// MATLAB `ycbcr2rgb` on uint8: rounded half away from zero and saturated to 0...255.
    public static func toRGBRounded(_ image: ByteImage) throws -> ByteImage {
        try toRGB(image.toFloat()).toBytes()
    }
}
