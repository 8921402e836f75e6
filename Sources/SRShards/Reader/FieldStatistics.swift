/// Minimum, maximum and mean of one field's elements (for `prep inspect`).
public struct FieldStatistics: Equatable, Sendable {
    /// Smallest element value.
    public var min: Double
    /// Largest element value.
    public var max: Double
    /// Arithmetic mean of all elements (accumulated in Double).
    public var mean: Double

    /// Statistics with the given values.
    public init(min: Double, max: Double, mean: Double) {
        self.min = min
        self.max = max
        self.mean = mean
    }

    /// Statistics of `bytes` read as `field.dtype` elements (float32 little-endian); NaNs are skipped.
    /// Returns nil for an empty field or one with only NaNs.
    public static func of(_ bytes: UnsafeRawBufferPointer, as dtype: ShardDType) -> FieldStatistics? {
        var lo = Double.infinity, hi = -Double.infinity, sum = 0.0, n = 0
        switch dtype {
        case .uint8:
            for b in bytes {
                let v = Double(b)
                lo = Swift.min(lo, v); hi = Swift.max(hi, v); sum += v
            }
            n = bytes.count
        case .float32:
            for i in 0 ..< bytes.count / 4 {
                let v = Double(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))))
                if v.isNaN { continue }
                lo = Swift.min(lo, v); hi = Swift.max(hi, v); sum += v; n += 1
            }
        }
        return n == 0 ? nil : FieldStatistics(min: lo, max: hi, mean: sum / Double(n))
    }
}
