/// A uint8 field viewed as an image: interleaved (HWC) samples ready for an encoder.
public struct FieldImage: Equatable, Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// 1 (grey) or 3 (RGB).
    public var channels: Int
    /// `height × width × channels` samples, channels fastest (CHW fields are interleaved here).
    public var samples: [UInt8]

    /// An image from interleaved samples (`samples.count == width * height * channels`).
    public init(width: Int, height: Int, channels: Int, samples: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.samples = samples
    }

    /// Converts `bytes` of `field`: only uint8 fields with 3 dimensions and 1 or 3 channels are
    /// images. float32 fields are refused rather than guessed at, since their value range (0...1,
    /// 0...255, normalised) is not recorded in the schema. Throws ``ShardError/notAnImage(path:field:reason:)``.
    public init(field: ShardField, bytes: UnsafeRawBufferPointer, path: String) throws {
        guard field.dtype == .uint8 else {
            throw ShardError.notAnImage(path: path, field: field.name, reason: "it is float32, whose value range is not recorded")
        }
        guard let (h, w, c) = field.imageDimensions else {
            throw ShardError.notAnImage(path: path, field: field.name, reason: "its shape \(field.shape) is not 3-dimensional")
        }
        guard c == 1 || c == 3 else {
            throw ShardError.notAnImage(path: path, field: field.name, reason: "it has \(c) channels")
        }
        guard bytes.count == h * w * c else {
            throw ShardError.corruptShard(path: path, reason: "field \(field.name) has \(bytes.count) bytes, expected \(h * w * c)")
        }
        width = w
        height = h
        channels = c
        switch field.layout {
        case .hwc:
            samples = Array(bytes)
        case .chw:
            var out = [UInt8](repeating: 0, count: h * w * c)
            let plane = h * w
            for ch in 0..<c {
                for p in 0..<plane { out[p * c + ch] = bytes[ch * plane + p] }
            }
            samples = out
        }
    }
}
