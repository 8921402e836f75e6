import SRImage
import SRShards

/// An image flowing through the stage graph: bytes (the usual case) or floats (after a
/// `float32` resize or degrade, or an unrounded `to-y`), both on the 0...255 scale.
public enum PipelineImage: Sendable {
    /// 8-bit samples.
    case bytes(ByteImage)
    /// Float samples, unrounded and unclipped.
    case floats(FloatImage)

    /// Width in pixels.
    public var width: Int {
        switch self {
        case let .bytes(i): i.width
        case let .floats(i): i.width
        }
    }

    /// Height in pixels.
    public var height: Int {
        switch self {
        case let .bytes(i): i.height
        case let .floats(i): i.height
        }
    }

    /// 1 or 3.
    public var channels: Int {
        switch self {
        case let .bytes(i): i.channels
        case let .floats(i): i.channels
        }
    }

    /// The element type a field gets by default.
    var naturalDType: FieldDType {
        if case .bytes = self { return .uint8 }
        return .float32
    }

    /// Applies a geometry operation that exists for every sample type.
    func map(bytes: (ByteImage) throws -> ByteImage, floats: (FloatImage) throws -> FloatImage) rethrows -> PipelineImage {
        switch self {
        case let .bytes(i): .bytes(try bytes(i))
        case let .floats(i): .floats(try floats(i))
        }
    }

    /// Floats, converting bytes exactly.
    var asFloat: FloatImage {
        switch self {
        case let .bytes(i): i.toFloat()
        case let .floats(i): i
        }
    }
}

/// One item between stages: an image plus its lineage key.
///
/// The key lists the expansion indices that produced the item (patch number, augment variant),
/// so items on parallel branches that came from the same patch have equal keys and can be joined
/// into one record, whatever each branch did to them.
struct PipelineItem: Sendable {
    /// Expansion indices from the source image down to this item.
    var key: [Int32]
    /// The pixels.
    var image: PipelineImage
    /// Where the item sits in its image: the whole decoded image until `patches` sets the window,
    /// the variant `augment` applied. The runner fills in the input; the record keeps the first field's.
    var provenance: RecordProvenance

    /// An item; `provenance` defaults to the whole of `image` (what `decode` produces).
    init(key: [Int32], image: PipelineImage, provenance: RecordProvenance? = nil) {
        self.key = key
        self.image = image
        self.provenance = provenance ?? RecordProvenance(input: 0, window: 0, x: 0, y: 0, width: image.width, height: image.height, variant: 0)
    }
}
