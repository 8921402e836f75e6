/// SRKit's one rule for moving samples between 8 and 16 bits.
///
/// Narrowing rounds to nearest, `round(v / 257)`, the inverse of widening by 257
/// (0 -> 0, 65535 -> 255, 257 * b -> b). It is computed as `(v * 255 + 32895) >> 16`, which
/// equals `round(v / 257)` for every 16-bit value (ties cannot occur: 257 is odd) and is the
/// formula libpng's `png_set_scale_16` uses, so PNG (narrowed inside libpng) and TIFF (narrowed
/// here) agree. Pillow 9 instead keeps the high byte (`v >> 8`) for 16-bit RGB and clips 16-bit
/// grey at 255; OpenCV's `cv2.imread` keeps the high byte too. Rounding halves the worst-case
/// error (0.5 instead of 1 level) and is what `np.round(v / 257)` gives.
enum SampleDepth {
    /// `round(v / 257)`.
    @inline(__always)
    static func narrow(_ v: UInt16) -> UInt8 {
        UInt8(truncatingIfNeeded: (UInt32(v) &* 255 &+ 32895) >> 16)
    }

    /// `v * 257`: 0 -> 0, 255 -> 65535.
    @inline(__always)
    static func widen(_ v: UInt8) -> UInt16 {
        UInt16(v) &* 257
    }
}
