import SRImage

/// Helpers for reading model outputs that store a grey image as RGB.
extension ByteImage {
    /// True for an RGB image whose three channels are equal everywhere (a grey image saved as RGB).
    var hasEqualChannels: Bool {
        guard channels == 3 else { return true }
        return samples.withUnsafeBufferPointer { s in
            var i = 0
            while i < s.count {
                if s[i] != s[i + 1] || s[i] != s[i + 2] { return false }
                i += 3
            }
            return true
        }
    }

    /// The first channel as a grey image.
    func channel0() -> ByteImage {
        guard channels == 3 else { return self }
        var out = [UInt8](repeating: 0, count: pixelCount)
        for i in 0..<pixelCount { out[i] = samples[3 * i] }
        return ByteImage(width: width, height: height, channels: 1, samples: out)
    }
}
