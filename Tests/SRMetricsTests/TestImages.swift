import SRImage

/// Small deterministic images for metric tests, made from formulas (no RNG).
enum TestImages {
    /// A `width`x`height` image whose sample at (x, y, c) is `value(x, y, c)`.
    static func make(width: Int, height: Int, channels: Int, _ value: (Int, Int, Int) -> UInt8) -> ByteImage {
        var samples = [UInt8]()
        samples.reserveCapacity(width * height * channels)
        for y in 0..<height { for x in 0..<width { for c in 0..<channels { samples.append(value(x, y, c)) } } }
        return ByteImage(width: width, height: height, channels: channels, samples: samples)
    }

    /// Every sample equal to `value`.
    static func constant(_ value: UInt8, width: Int, height: Int, channels: Int = 1) -> ByteImage {
        make(width: width, height: height, channels: channels) { _, _, _ in value }
    }

    /// A textured pattern (a hash of the coordinates), so SSIM sees real local structure.
    static func texture(width: Int, height: Int, channels: Int = 1, seed: Int = 0) -> ByteImage {
        make(width: width, height: height, channels: channels) { x, y, c in
            var h = UInt32(truncatingIfNeeded: (x &* 73_856_093) ^ (y &* 19_349_663) ^ ((c + seed) &* 83_492_791))
            h = (h ^ (h >> 13)) &* 0x5bd1_e995
            h ^= h >> 15
            return UInt8(truncatingIfNeeded: (x * 3 + y * 2 + Int(h % 64)) % 256)
        }
    }

    /// A one-channel float image from a formula.
    static func float(width: Int, height: Int, _ value: (Int, Int) -> Float) -> FloatImage {
        var samples = [Float]()
        for y in 0..<height { for x in 0..<width { samples.append(value(x, y)) } }
        return FloatImage(width: width, height: height, channels: 1, samples: samples)
    }
}
