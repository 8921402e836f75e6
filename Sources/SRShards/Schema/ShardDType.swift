/// The element type of one shard field. Stored little-endian; the raw value is the name written
/// in the schema JSON ("uint8", "float32"), matching numpy's `uint8` / `<f4`.
public enum ShardDType: String, Codable, Sendable, CaseIterable {
    /// One unsigned byte per element, 0...255 (image samples).
    case uint8
    /// IEEE 754 binary32, little-endian, 4 bytes per element.
    case float32

    /// Bytes per element: 1 for `uint8`, 4 for `float32`.
    public var elementSize: Int {
        switch self {
        case .uint8: return 1
        case .float32: return 4
        }
    }
}
