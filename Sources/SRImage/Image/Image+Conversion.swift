/// Conversions between the storage form (bytes) and the working form (floats).
extension Image where Sample == UInt8 {
    /// The same pixels as floats on the 0...255 scale; exact, no rounding involved.
    public func toFloat() -> FloatImage {
        FloatImage(width: width, height: height, channels: channels, samples: samples.map { Float($0) })
    }
}

extension Image where Sample == Float {
    /// Rounds half away from zero and clips to 0...255, as MATLAB's `uint8()` conversion does.
    ///
    /// MATLAB (and BasicSR's `np.round`-free `.round()` on non-negative values) agree on this for
    /// every sample that matters: ties only occur at exact .5 values, which MATLAB rounds away from 0.
    public func toBytes() -> ByteImage {
        var out = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count {
                    dst[i] = roundClipToByte(src[i])
                }
            }
        }
        return ByteImage(width: width, height: height, channels: channels, samples: out)
    }
}

/// MATLAB `uint8(x)`: round half away from zero, saturate to 0...255; NaN becomes 0.
@inline(__always)
package func roundClipToByte(_ x: Float) -> UInt8 {
    let r = x.rounded(.toNearestOrAwayFromZero)
    if r >= 255 { return 255 }
    if r > 0 { return UInt8(r) }
    return 0
}

/// MATLAB `uint8(x)` for doubles.
@inline(__always)
package func roundClipToByte(_ x: Double) -> UInt8 {
    let r = x.rounded(.toNearestOrAwayFromZero)
    if r >= 255 { return 255 }
    if r > 0 { return UInt8(r) }
    return 0
}
