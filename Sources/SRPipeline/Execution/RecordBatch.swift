import SRShards

/// The shape and type of one field as stored, fixed for the whole dataset.
public struct ResolvedField: Sendable, Equatable {
    /// Field name.
    public var name: String
    /// Element type.
    public var dtype: FieldDType
    /// [height, width, channels] for HWC, [channels, height, width] for CHW.
    public var shape: [Int]
    /// Element order.
    public var layout: FieldLayout

    /// Bytes of one value of this field.
    public var byteCount: Int { shape.reduce(1, *) * (dtype == .float32 ? 4 : 1) }
}

/// The records one input image produced, field by field, ready to write.
struct RecordBatch: Sendable {
    /// Number of records.
    var count = 0
    /// One entry per field: its resolved shape and all records' bytes back to back.
    var fields: [(field: ResolvedField, bytes: [UInt8])] = []
    /// Each record's provenance (the first field's item's), input still 0.
    var provenance: [RecordProvenance] = []
}

/// Converts joined items into field bytes.
enum FieldEncoding {
    /// Appends `image` to `bytes` as `dtype` in `layout`; returns the value's shape.
    static func append(_ image: PipelineImage, dtype: FieldDType, layout: FieldLayout, normalize: Bool, to bytes: inout [UInt8]) -> [Int] {
        let h = image.height, w = image.width, c = image.channels
        let shape = layout == .hwc ? [h, w, c] : [c, h, w]
        switch (image, dtype) {
        case let (.bytes(i), .uint8):
            appendOrdered(i.samples, w: w, h: h, c: c, layout: layout, to: &bytes)
        case let (.floats(i), .uint8):
            // Round half away from zero and clip, as MATLAB's uint8() and SRImage's toBytes().
            appendOrdered(i.toBytes().samples, w: w, h: h, c: c, layout: layout, to: &bytes)
        case let (.bytes(i), .float32):
            let values = i.samples.map { normalize ? Float(Double($0) / 255) : Float($0) }
            appendFloats(values, w: w, h: h, c: c, layout: layout, to: &bytes)
        case let (.floats(i), .float32):
            let values = normalize ? i.samples.map { Float(Double($0) / 255) } : i.samples
            appendFloats(values, w: w, h: h, c: c, layout: layout, to: &bytes)
        }
        return shape
    }

    static func appendOrdered(_ samples: [UInt8], w: Int, h: Int, c: Int, layout: FieldLayout, to bytes: inout [UInt8]) {
        if layout == .hwc || c == 1 {
            bytes.append(contentsOf: samples)
            return
        }
        for ch in 0..<c {
            for p in 0..<(w * h) { bytes.append(samples[p * c + ch]) }
        }
    }

    static func appendFloats(_ samples: [Float], w: Int, h: Int, c: Int, layout: FieldLayout, to bytes: inout [UInt8]) {
        var ordered = samples
        if layout == .chw, c > 1 {
            ordered.removeAll(keepingCapacity: true)
            for ch in 0..<c {
                for p in 0..<(w * h) { ordered.append(samples[p * c + ch]) }
            }
        }
        // Shards are little-endian; so is every platform Swift runs on, but say it.
        ordered.withUnsafeBufferPointer { buffer in
            for v in buffer {
                let bits = v.bitPattern.littleEndian
                withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
            }
        }
    }
}
