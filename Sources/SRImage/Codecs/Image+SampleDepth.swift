/// Whole-image conversions between 8- and 16-bit samples, using ``SampleDepth``'s rounding.
extension Image where Sample == UInt8 {
    /// Each sample times 257 (``SampleDepth/widen(_:)``), so 255 becomes 65535.
    func widened() -> WideImage {
        WideImage(width: width, height: height, channels: channels, samples: samples.map(SampleDepth.widen))
    }
}

extension Image where Sample == UInt16 {
    /// Each sample rounded to 8 bits (``SampleDepth/narrow(_:)``).
    func narrowed() -> ByteImage {
        ByteImage(width: width, height: height, channels: channels, samples: samples.map(SampleDepth.narrow))
    }
}
