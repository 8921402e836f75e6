/// One named array in every record of a shard, e.g. `hr` = uint8 `[33, 33, 1]` HWC.
///
/// Every record stores exactly ``byteCount`` bytes for the field: a C-order (row-major) array of
/// `shape` elements of `dtype`, little-endian.
public struct ShardField: Codable, Equatable, Sendable {
    /// Field name, unique within a schema (e.g. "lr", "hr"); UTF-8, non-empty.
    public var name: String
    /// Element type.
    public var dtype: ShardDType
    /// Array shape, each dimension ≥ 1 (three dimensions for images: see ``layout``).
    public var shape: [Int]
    /// Axis order of `shape` for image fields.
    public var layout: ShardLayout

    /// A field description; checked when the schema is handed to a writer (``ShardSchema/validate()``).
    public init(name: String, dtype: ShardDType, shape: [Int], layout: ShardLayout) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.layout = layout
    }

    /// Number of elements: the product of `shape`.
    public var elementCount: Int { shape.reduce(1, *) }

    /// Bytes the field occupies in each record: elements × element size.
    public var byteCount: Int { elementCount * dtype.elementSize }

    /// Height, width and channels read from `shape` through `layout`, or nil unless `shape` has 3 dimensions.
    public var imageDimensions: (height: Int, width: Int, channels: Int)? {
        guard shape.count == 3 else { return nil }
        switch layout {
        case .hwc: return (shape[0], shape[1], shape[2])
        case .chw: return (shape[1], shape[2], shape[0])
        }
    }
}
