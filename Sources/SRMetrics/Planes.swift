import SRImage

/// Same-sized Float64 planes, the single form every ``Metric`` computes on, produced one row at
/// a time.
///
/// Byte and float images, RGB or Y, all become `Planes` first (see ``MetricPair``), so each metric
/// has exactly one implementation. Samples keep the 0...255 scale of the image they came from;
/// computing in Float64 follows BasicSR's metric convention ("metrics in float64").
///
/// Layout: `count` planes (channels), each `height` rows of `width` samples. Metrics read rows
/// with ``copyRow(plane:row:into:)``: planes made from an image hold only the image (shared, not
/// copied) and convert a row when it is read, taking Y, shaving and widening to Float64 on the
/// fly. So the memory of a metric is the two decoded images plus a few rows, not Float64 copies
/// of whole images: `bench metrics` on two 16384x16384 grey PNGs peaked at 5.1 GB when the
/// planes were materialised (4 bytes of Y and 8 of Float64 per pixel and image, on top of the
/// decoded bytes); see `Benchmarks/metrics_memory.sh` for the figures now. A row is converted
/// with exactly the arithmetic of ``YCbCr/luma(_:gray:)`` and ``Image/toBytes()``, so values are
/// bit-for-bit those of the materialised form.
public struct Planes: Sendable {
    /// Width of every plane in pixels (> 0).
    public let width: Int
    /// Height of every plane in pixels (> 0).
    public let height: Int
    /// Number of planes: 1 for grey or Y, 3 for RGB.
    public let count: Int
    /// Where the rows come from.
    let source: Source

    /// How rows are produced. An enum (not a closure) so a row costs one switch, and the
    /// per-pixel loops are specialised, free of calls.
    enum Source: Sendable {
        /// Planar Float64 samples, plane after plane.
        case samples([Double])
        /// The image's channels, a `shave`-pixel border removed.
        case bytes(ByteImage, shave: Int)
        /// As `bytes`, for float images (0...255 scale).
        case floats(FloatImage, shave: Int)
        /// BT.601 Y of a byte image (``YCbCr/luma(_:gray:)``), rounded as ``YCbCr/lumaRounded(_:gray:)``
        /// when `rounded`, a `shave`-pixel border removed.
        case luma(ByteImage, gray: YCbCr.GrayHandling, rounded: Bool, shave: Int)
    }

    /// Wraps existing planar samples (`count` planes of `height` rows of `width`); traps when the
    /// count does not match the shape (a programming error).
    public init(width: Int, height: Int, count: Int, samples: [Double]) {
        precondition(width > 0 && height > 0 && count > 0,
                     "Planes \(width)x\(height)x\(count) must have a positive size")
        precondition(samples.count == width * height * count,
                     "Planes \(width)x\(height)x\(count) need \(width * height * count) samples, got \(samples.count)")
        self.init(width: width, height: height, count: count, source: .samples(samples))
    }

    private init(width: Int, height: Int, count: Int, source: Source) {
        self.width = width
        self.height = height
        self.count = count
        self.source = source
    }

    /// The planes of `image` (channels de-interleaved), converted exactly to Float64.
    public init(_ image: ByteImage) throws {
        try self.init(image, shave: 0)
    }

    /// The planes of `image` (channels de-interleaved), converted exactly to Float64.
    public init(_ image: FloatImage) throws {
        try self.init(image, shave: 0)
    }

    /// The planes of `image` without `shave` pixels on every side.
    ///
    /// Throws ``MetricsError/empty(width:height:)``, ``MetricsError/negativeShave(_:)`` or
    /// ``MetricsError/shaveTooLarge(shave:width:height:)``.
    init(_ image: ByteImage, shave: Int) throws {
        let (w, h) = try Self.shavedSize(image, shave: shave)
        self.init(width: w, height: h, count: image.channels, source: .bytes(image, shave: shave))
    }

    /// As ``init(_:shave:)-(ByteImage,Int)`` for a float image.
    init(_ image: FloatImage, shave: Int) throws {
        let (w, h) = try Self.shavedSize(image, shave: shave)
        self.init(width: w, height: h, count: image.channels, source: .floats(image, shave: shave))
    }

    /// One plane of BT.601 Y of `image` (1 or 3 channels), unrounded as ``YCbCr/luma(_:gray:)``
    /// or, when `rounded`, as ``YCbCr/lumaRounded(_:gray:)``, without `shave` pixels on every side.
    init(luma image: ByteImage, gray: YCbCr.GrayHandling, rounded: Bool, shave: Int) throws {
        let (w, h) = try Self.shavedSize(image, shave: shave)
        self.init(width: w, height: h, count: 1, source: .luma(image, gray: gray, rounded: rounded, shave: shave))
    }

    /// The kept size after shaving, or the error that says why nothing is kept.
    private static func shavedSize<S>(_ image: Image<S>, shave: Int) throws -> (Int, Int) {
        guard image.width > 0, image.height > 0 else {
            throw MetricsError.empty(width: image.width, height: image.height)
        }
        guard shave >= 0 else { throw MetricsError.negativeShave(shave) }
        let w = image.width - 2 * shave, h = image.height - 2 * shave
        guard w > 0, h > 0 else {
            throw MetricsError.shaveTooLarge(shave: shave, width: image.width, height: image.height)
        }
        return (w, h)
    }

    /// Writes row `row` (0..<height) of plane `plane` (0..<count) to `destination[0..<width]`.
    /// - Complexity: O(width), no allocation.
    public func copyRow(plane: Int, row: Int, into destination: UnsafeMutablePointer<Double>) {
        precondition(plane >= 0 && plane < count && row >= 0 && row < height, "row \(row) of plane \(plane) is outside \(width)x\(height)x\(count)")
        let w = width
        switch source {
        case let .samples(samples):
            samples.withUnsafeBufferPointer { src in
                let from = src.baseAddress! + (plane * height + row) * w
                destination.update(from: from, count: w)
            }
        case let .bytes(image, shave):
            Self.copy(image, plane: plane, row: row, shave: shave, width: w, into: destination)
        case let .floats(image, shave):
            Self.copy(image, plane: plane, row: row, shave: shave, width: w, into: destination)
        case let .luma(image, gray, rounded, shave):
            let c = image.channels
            image.samples.withUnsafeBufferPointer { src in
                let p = src.baseAddress! + ((row + shave) * image.width + shave) * c
                switch (c, rounded) {
                case (3, false):
                    for x in 0..<w { destination[x] = Double(YCbCr.lumaOfRGB(p[3 * x], p[3 * x + 1], p[3 * x + 2])) }
                case (3, true):
                    for x in 0..<w { destination[x] = Double(roundClipToByte(YCbCr.lumaOfRGB(p[3 * x], p[3 * x + 1], p[3 * x + 2]))) }
                case (_, false) where gray == .throughRGB:
                    for x in 0..<w { destination[x] = Double(YCbCr.lumaOfGrey(p[x], gray: .throughRGB)) }
                case (_, true) where gray == .throughRGB:
                    for x in 0..<w { destination[x] = Double(roundClipToByte(YCbCr.lumaOfGrey(p[x], gray: .throughRGB))) }
                default:
                    // Grey used as Y: the values themselves, rounded or not.
                    for x in 0..<w { destination[x] = Double(p[x]) }
                }
            }
        }
    }

    /// Channel `plane` of row `row + shave`, columns `shave..<shave + width`, widened to Float64.
    @inline(__always)
    private static func copy<S: PlaneSample>(_ image: Image<S>, plane: Int, row: Int, shave: Int, width: Int,
                                             into destination: UnsafeMutablePointer<Double>) {
        let c = image.channels
        image.samples.withUnsafeBufferPointer { src in
            let p = src.baseAddress! + ((row + shave) * image.width + shave) * c + plane
            for x in 0..<width { destination[x] = p[x * c].planeValue }
        }
    }

    /// Every sample, plane after plane, each `height` rows of `width`: the planes materialised.
    /// For inspection and tests; metrics read rows instead, since this allocates 8 bytes per sample.
    public var samples: [Double] {
        if case let .samples(samples) = source { return samples }
        var out = [Double](repeating: 0, count: width * height * count)
        out.withUnsafeMutableBufferPointer { dst in
            for p in 0..<count {
                for y in 0..<height { copyRow(plane: p, row: y, into: dst.baseAddress! + (p * height + y) * width) }
            }
        }
        return out
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

extension Planes: Hashable {
    /// Planes are equal when they have one shape and the same samples, however they are produced.
    public static func == (a: Planes, b: Planes) -> Bool {
        a.width == b.width && a.height == b.height && a.count == b.count && a.samples == b.samples
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(count)
        hasher.combine(samples)
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
