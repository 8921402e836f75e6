import SRImage

/// An SR image and its reference made ready for metrics: shapes checked, Y taken when asked,
/// border shaved. Preparing once lets several metrics share the work.
public struct MetricPair: Sendable {
    /// The SR (test) image's planes.
    public let image: Planes
    /// The reference (ground-truth) planes, same shape as ``image``.
    public let reference: Planes
    /// Pixels that were shaved from every side, kept so errors can mention them.
    public let shave: Int

    /// Prepares a pair of 8-bit images as `options` says.
    ///
    /// Order of checks: size, channel count, shave. With `channel == .y`, Y comes from
    /// `YCbCr.luma` (unrounded) or `YCbCr.lumaRounded` (when `roundY`), with `grayHandling` for
    /// one-channel images; then `shave` pixels are removed from every side of both.
    /// - Throws: ``MetricsError`` naming the sizes involved.
    public init(_ image: ByteImage, reference: ByteImage, options: MetricOptions) throws {
        try Self.checkShapes(image, reference)
        switch options.channel {
        case .rgb:
            try self.init(planes: image, reference, shave: options.shave)
        case .y:
            // Y is taken row by row as metrics read it: no whole-image Float copy (see ``Planes``).
            self.init(image: try Planes(luma: image, gray: options.grayHandling, rounded: options.roundY, shave: options.shave),
                      reference: try Planes(luma: reference, gray: options.grayHandling, rounded: options.roundY, shave: options.shave),
                      shave: options.shave)
        }
    }

    /// Prepares a pair of float images (0...255 scale) as they are, all channels, only shaving;
    /// the path for protocols that evaluate unrounded float Y planes.
    /// - Throws: ``MetricsError`` naming the sizes involved.
    public init(_ image: FloatImage, reference: FloatImage, shave: Int = 0) throws {
        try Self.checkShapes(image, reference)
        try self.init(planes: image, reference, shave: shave)
    }

    /// Checks that `image` and `reference` have one size and one channel count.
    private static func checkShapes<S>(_ image: Image<S>, _ reference: Image<S>) throws {
        guard image.width == reference.width, image.height == reference.height else {
            throw MetricsError.sizeMismatch(imageWidth: image.width, imageHeight: image.height,
                                            referenceWidth: reference.width, referenceHeight: reference.height)
        }
        guard image.channels == reference.channels else {
            throw MetricsError.channelMismatch(image: image.channels, reference: reference.channels)
        }
    }

    private init(planes image: ByteImage, _ reference: ByteImage, shave: Int) throws {
        self.init(image: try Planes(image, shave: shave), reference: try Planes(reference, shave: shave), shave: shave)
    }

    private init(planes image: FloatImage, _ reference: FloatImage, shave: Int) throws {
        self.init(image: try Planes(image, shave: shave), reference: try Planes(reference, shave: shave), shave: shave)
    }

    private init(image: Planes, reference: Planes, shave: Int) {
        self.image = image
        self.reference = reference
        self.shave = shave
    }
}
