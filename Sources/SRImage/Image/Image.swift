/// A raster image stored row-major, channels interleaved (HWC), in one contiguous buffer.
///
/// `Image<UInt8>` (alias ``ByteImage``) is the storage form every codec produces and every
/// metric and shard consumes; `Image<Float>` (alias ``FloatImage``) is the working form the
/// resamplers and colour transforms use when a protocol asks for "no intermediate rounding".
/// Samples of a float image are on the same 0...255 scale as the bytes they came from.
///
/// Channels are 1 (grey or Y) or 3 (RGB). Decoders reduce everything else (alpha, palette,
/// CMYK) to one of these, with the policy documented on ``ImageDecoder``.
public struct Image<Sample: ImageSample>: Sendable, Hashable {
    /// Width in pixels (>= 0).
    public let width: Int
    /// Height in pixels (>= 0).
    public let height: Int
    /// Samples per pixel: 1 (grey / Y) or 3 (RGB).
    public let channels: Int
    /// `height * width * channels` samples, row by row, channels interleaved.
    public var samples: [Sample]

    /// Wraps existing samples; traps when the count does not match the shape, a programming error.
    public init(width: Int, height: Int, channels: Int, samples: [Sample]) {
        precondition(width >= 0 && height >= 0, "Image size \(width)x\(height) must not be negative")
        precondition(channels == 1 || channels == 3, "Image channels must be 1 or 3, got \(channels)")
        precondition(samples.count == width * height * channels,
                     "Image \(width)x\(height)x\(channels) needs \(width * height * channels) samples, got \(samples.count)")
        self.width = width
        self.height = height
        self.channels = channels
        self.samples = samples
    }

    /// A zero-filled image of the given shape.
    public init(width: Int, height: Int, channels: Int) {
        self.init(width: width, height: height, channels: channels,
                  samples: [Sample](repeating: .zero, count: width * height * channels))
    }

    /// Number of pixels (`width * height`).
    public var pixelCount: Int { width * height }

    /// Samples in one row (`width * channels`).
    public var rowStride: Int { width * channels }

    /// The sample at column `x`, row `y`, channel `c` (bounds are checked by the array).
    @inlinable
    public subscript(x: Int, y: Int, c: Int) -> Sample {
        get { samples[(y * width + x) * channels + c] }
        set { samples[(y * width + x) * channels + c] = newValue }
    }
}

/// 8-bit image, the storage form.
public typealias ByteImage = Image<UInt8>
/// 32-bit float image on the 0...255 scale, the working form.
public typealias FloatImage = Image<Float>
/// 16-bit image, produced only by ``ImageDecoder/decode16(contentsOf:limits:)`` for 16-bit sources.
public typealias WideImage = Image<UInt16>

/// Sample types an ``Image`` may hold.
public protocol ImageSample: Sendable, Hashable, Numeric {
    /// The additive identity, used to fill new images.
    static var zero: Self { get }
}

extension UInt8: ImageSample {}
extension UInt16: ImageSample {}
extension Float: ImageSample {}
extension Double: ImageSample {}
