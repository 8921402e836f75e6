import SRImage

/// Same-sized Float64 planes stored one after another, the single form every ``Metric`` computes on.
///
/// Byte and float images, RGB or Y, all become `Planes` first (see ``MetricPair``), so each metric
/// has exactly one implementation. Samples keep the 0...255 scale of the image they came from;
/// computing in Float64 follows BasicSR's metric convention ("metrics in float64").
///
/// Layout: `count` planes (channels), each `height` rows of `width` samples, row-major;
/// plane `p` starts at `p * width * height`.
public struct Planes: Sendable, Hashable {
    /// Width of every plane in pixels (> 0).
    public let width: Int
    /// Height of every plane in pixels (> 0).
    public let height: Int
    /// Number of planes: 1 for grey or Y, 3 for RGB.
    public let count: Int
    /// `count * height * width` samples on the 0...255 scale, plane after plane.
    public let samples: [Double]

    /// Wraps existing planar samples; traps when the count does not match the shape (a programming error).
    public init(width: Int, height: Int, count: Int, samples: [Double]) {
        precondition(width > 0 && height > 0 && count > 0,
                     "Planes \(width)x\(height)x\(count) must have a positive size")
        precondition(samples.count == width * height * count,
                     "Planes \(width)x\(height)x\(count) need \(width * height * count) samples, got \(samples.count)")
        self.width = width
        self.height = height
        self.count = count
        self.samples = samples
    }

    /// The planes of `image` (channels de-interleaved), converted exactly to Float64.
    public init(_ image: ByteImage) throws {
        try self.init(image, shave: 0)
    }

    /// The planes of `image` (channels de-interleaved), converted exactly to Float64.
    public init(_ image: FloatImage) throws {
        try self.init(image, shave: 0)
    }

    /// The planes of `image` without `shave` pixels on every side, in one pass over the kept region.
    ///
    /// Throws ``MetricsError/empty(width:height:)``, ``MetricsError/negativeShave(_:)`` or
    /// ``MetricsError/shaveTooLarge(shave:width:height:)``.
    init<Sample: PlaneSample>(_ image: Image<Sample>, shave: Int) throws {
        guard image.width > 0, image.height > 0 else {
            throw MetricsError.empty(width: image.width, height: image.height)
        }
        guard shave >= 0 else { throw MetricsError.negativeShave(shave) }
        let w = image.width - 2 * shave, h = image.height - 2 * shave
        guard w > 0, h > 0 else {
            throw MetricsError.shaveTooLarge(shave: shave, width: image.width, height: image.height)
        }
        let c = image.channels
        var out = [Double](repeating: 0, count: w * h * c)
        image.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for p in 0..<c {
                    for y in 0..<h {
                        let from = ((y + shave) * image.width + shave) * c + p
                        let to = (p * h + y) * w
                        for x in 0..<w { dst[to + x] = src[from + x * c].planeValue }
                    }
                }
            }
        }
        self.init(width: w, height: h, count: c, samples: out)
    }

    /// Throws unless `other` has the same width, height and plane count, naming `other` as the
    /// expected shape (callers pass the reference).
    func checkSameShape(as other: Planes) throws {
        guard width == other.width, height == other.height else {
            throw MetricsError.sizeMismatch(imageWidth: width, imageHeight: height,
                                            referenceWidth: other.width, referenceHeight: other.height)
        }
        guard count == other.count else {
            throw MetricsError.channelMismatch(image: count, reference: other.count)
        }
    }
}

/// Sample types ``Planes`` can be made from: converted to Float64 without loss.
protocol PlaneSample: ImageSample {
    /// The sample as a Float64 on its own scale (exact for UInt8 and Float).
    var planeValue: Double { get }
}

extension UInt8: PlaneSample {
    @inline(__always) var planeValue: Double { Double(self) }
}

extension Float: PlaneSample {
    @inline(__always) var planeValue: Double { Double(self) }
}
