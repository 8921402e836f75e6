/// One step of a feed-forward SR network.
public enum Layer: Sendable {
    /// 'Same'-size convolution with its activation.
    case conv(Conv2D)
    /// Strided transposed convolution (upsampling).
    case transposedConv(TransposedConv2D)
    /// Sub-pixel shuffle (upsampling).
    case pixelShuffle(PixelShuffle)

    /// Applies the layer.
    func apply(_ x: FeatureMap) -> FeatureMap {
        switch self {
        case let .conv(l): return l.apply(x)
        case let .transposedConv(l): return l.apply(x)
        case let .pixelShuffle(l): return l.apply(x)
        }
    }
}
