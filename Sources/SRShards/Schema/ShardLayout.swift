/// How a field's `shape` is to be read: height-width-channel (interleaved, as decoded images are)
/// or channel-height-width (planar, as PyTorch tensors are). The bytes are a C-order array of
/// `shape` either way; the layout only names the axes.
public enum ShardLayout: String, Codable, Sendable, CaseIterable {
    /// `shape == [height, width, channels]`, channels fastest.
    case hwc
    /// `shape == [channels, height, width]`, width fastest.
    case chw
}
