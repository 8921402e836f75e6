/// Element types stored in torch and safetensors checkpoints, all read as little-endian and
/// converted to `Float` (network weights are float32 or float16; integers appear in buffers such
/// as `num_batches_tracked` and are converted so that reading never fails on them).
enum DType: String, Sendable {
    case float32 = "F32", float16 = "F16", bfloat16 = "BF16", float64 = "F64"
    case int64 = "I64", int32 = "I32", int16 = "I16", int8 = "I8", uint8 = "U8", bool = "BOOL"

    /// Bytes per element.
    var size: Int {
        switch self {
        case .float64, .int64: return 8
        case .float32, .int32: return 4
        case .float16, .bfloat16, .int16: return 2
        case .int8, .uint8, .bool: return 1
        }
    }

    /// The dtype of a `torch.XxxStorage` class name (`FloatStorage`, `HalfStorage`, ...).
    init?(torchStorage name: String) {
        switch name {
        case "FloatStorage": self = .float32
        case "HalfStorage": self = .float16
        case "BFloat16Storage": self = .bfloat16
        case "DoubleStorage": self = .float64
        case "LongStorage": self = .int64
        case "IntStorage": self = .int32
        case "ShortStorage": self = .int16
        case "CharStorage": self = .int8
        case "ByteStorage": self = .uint8
        case "BoolStorage": self = .bool
        default: return nil
        }
    }

    /// Converts the element at byte offset `o` (caller checked the range).
    @inline(__always)
    func load(_ p: UnsafeRawBufferPointer, byteOffset o: Int) -> Float {
        switch self {
        case .float32: return Float(bitPattern: UInt32(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt32.self)))
        case .float16: return Float(Float16(bitPattern: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt16.self))))
        case .bfloat16:
            return Float(bitPattern: UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt16.self))) << 16)
        case .float64: return Float(Double(bitPattern: UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt64.self))))
        case .int64: return Float(Int64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: Int64.self)))
        case .int32: return Float(Int32(littleEndian: p.loadUnaligned(fromByteOffset: o, as: Int32.self)))
        case .int16: return Float(Int16(littleEndian: p.loadUnaligned(fromByteOffset: o, as: Int16.self)))
        case .int8: return Float(p.loadUnaligned(fromByteOffset: o, as: Int8.self))
        case .uint8, .bool: return Float(p.loadUnaligned(fromByteOffset: o, as: UInt8.self))
        }
    }

    /// Reads a strided view: element at multi-index i is at `offset + Σ i_d·stride_d` (in elements).
    /// `base` is the byte offset of element 0. The caller has checked that every addressed element lies inside `bytes`.
    func gather(_ bytes: [UInt8], offset: Int, shape: [Int], stride: [Int], base: Int = 0) -> [Float] {
        let count = shape.reduce(1, *)
        var out = [Float](repeating: 0, count: count)
        guard count > 0 else { return out }
        let size = self.size
        bytes.withUnsafeBytes { raw in
            if isContiguous(shape: shape, stride: stride) {
                for i in 0..<count { out[i] = load(raw, byteOffset: base + (offset + i) * size) }
                return
            }
            var index = [Int](repeating: 0, count: shape.count)
            for i in 0..<count {
                var e = offset
                for d in 0..<shape.count { e += index[d] * stride[d] }
                out[i] = load(raw, byteOffset: base + e * size)
                var d = shape.count - 1
                while d >= 0 {
                    index[d] += 1
                    if index[d] < shape[d] { break }
                    index[d] = 0
                    d -= 1
                }
            }
        }
        return out
    }

    private func isContiguous(shape: [Int], stride: [Int]) -> Bool {
        var expected = 1
        for d in stride.indices.reversed() {
            if shape[d] != 1 && stride[d] != expected { return false }
            expected *= shape[d]
        }
        return true
    }
}
