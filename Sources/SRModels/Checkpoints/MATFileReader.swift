/// Reads numeric variables from a MATLAB Level-5 MAT file (MathWorks, "MAT-File Format",
/// Level 5): a 128-byte header, then tagged data elements, each `miMATRIX` possibly wrapped in a
/// zlib `miCOMPRESSED` element (MATLAB's default since v7).
///
/// Numeric classes (double, single, integers) become ``Tensor``s in row-major order with the
/// MATLAB dims reversed (column-major `[81, 64]` → row-major `[64, 81]`, same bytes). Cells,
/// structs, strings, sparse and complex arrays are skipped. Both byte orders ("IM"/"MI") are read.
struct MATFileReader {
    let bytes: [UInt8]
    let path: String

    // Data types (MAT-File Format, Table 1-1).
    static let miINT8: UInt32 = 1, miUINT8: UInt32 = 2, miINT16: UInt32 = 3, miUINT16: UInt32 = 4
    static let miINT32: UInt32 = 5, miUINT32: UInt32 = 6, miSINGLE: UInt32 = 7, miDOUBLE: UInt32 = 9
    static let miINT64: UInt32 = 12, miUINT64: UInt32 = 13, miMATRIX: UInt32 = 14, miCOMPRESSED: UInt32 = 15

    /// Most values one array may declare: 2^26 (256 MiB as float32, 512 MiB as double). The largest
    /// tensors of published SR networks hold a few million values (EDSR's upsampler convolutions,
    /// 2.4 M), so anything beyond is not a model, and is refused from its declared dimensions
    /// before any of it is inflated or converted.
    static let maximumValuesPerArray = CheckpointLimits.maximumValuesPerArray

    /// Bytes inflated to read an array's header (flags, dimensions, name, the tag of its values)
    /// before its body; real headers take well under 1 KiB.
    static let headerPrefix = 1 << 16

    /// Reads every numeric variable, in file order.
    ///
    /// A compressed element is inflated in two steps: its first 64 KiB, enough for the array's
    /// header, then (only for a numeric array whose declared sizes are consistent and within
    /// ``maximumValuesPerArray``) exactly the declared size; other classes (cells, structs, text)
    /// are skipped without inflating their bodies. All inflated output together is capped at
    /// ``Inflate/maximumOutput``. So a file cannot make the reader inflate what it does not use, nor
    /// more than its own headers declare.
    func read() throws -> [(name: String, tensor: Tensor)] {
        var r = ByteReader(bytes, path: path, offset: 126)
        let endian = try r.slice(2, "MAT header endian indicator")
        r.bigEndian = endian.first == UInt8(ascii: "M")
        var out = [(name: String, tensor: Tensor)]()
        var inflated = 0
        // Up to 7 bytes of padding may follow the last element.
        while r.remaining >= 8 {
            let (type, data) = try element(&r, what: "data element")
            switch type {
            case Self.miCOMPRESSED:
                if let variable = try compressed(r.bytes[data], offset: data.lowerBound - 8, bigEndian: r.bigEndian, inflated: &inflated) {
                    out.append(variable)
                }
            case Self.miMATRIX:
                var m = ByteReader(r.bytes, path: r.path, offset: data.lowerBound, end: data.upperBound)
                m.bigEndian = r.bigEndian
                if let variable = try matrix(&m) { out.append(variable) }
            default:
                continue  // e.g. subsystem data: not a variable
            }
        }
        return out
    }

    /// One `miCOMPRESSED` element at `offset`: one `miMATRIX` (MATLAB writes one variable per
    /// compressed element). `inflated` counts the bytes inflated so far in the file.
    private func compressed(_ stream: ArraySlice<UInt8>, offset: Int, bigEndian: Bool, inflated: inout Int) throws -> (name: String, tensor: Tensor)? {
        let what = "compressed element at offset \(offset)"
        let (head, complete) = try Inflate.prefix(stream, count: Self.headerPrefix, path: path, what: what)
        var h = ByteReader(head, path: path + " (inflated element)")
        h.bigEndian = bigEndian
        let (type, body) = try element(&h, what: "\(what): data element", allowPartial: !complete)
        guard type == Self.miMATRIX else {
            throw ModelError.malformed(path: path, reason: "\(what) holds data type \(type), not an array (miMATRIX)")
        }
        var m = ByteReader(head, path: h.path, offset: body.lowerBound, end: min(body.upperBound, head.count))
        m.bigEndian = bigEndian
        let header: MatrixHeader?
        do {
            header = try matrixHeader(&m)
        } catch ModelError.truncated where !complete {
            throw ModelError.malformed(path: path, reason: "the header of the array in the \(what) is longer than \(Self.headerPrefix) bytes")
        }
        guard let header else { return nil }  // not numeric: its body is never inflated
        // Flags, dimensions, name, then the values' tag and data: the element can hold no more.
        let needed = (m.offset - body.lowerBound) + header.dataBytes
        guard body.count <= needed + 8 else {
            throw ModelError.malformed(path: path, reason: "array '\(header.name)' in the \(what) declares \(body.count) bytes but its header and \(header.count) values need \(needed)")
        }
        let total = body.upperBound
        guard inflated + total <= Inflate.maximumOutput else {
            throw ModelError.tooLarge(path: path, what: "the compressed arrays up to '\(header.name)'", declared: "\(inflated + total) bytes",
                                      limit: "\(Inflate.maximumOutput) bytes in all")
        }
        if complete && head.count > total {
            throw ModelError.malformed(path: path, reason: "\(what) inflates to more than \(total) bytes")
        }
        let whole = complete ? head : try Inflate.inflate(stream, expectedSize: total, limit: total, path: path, what: what)
        inflated += whole.count
        var full = ByteReader(whole, path: h.path, offset: body.lowerBound, end: min(body.upperBound, whole.count))
        full.bigEndian = bigEndian
        return try matrix(&full)
    }

    /// Reads one element tag and returns its type and the range of its data in `r.bytes`,
    /// leaving `r` after the element's padding. With `allowPartial` the data may extend past the
    /// end of `r` (an inflated prefix): the range is the declared one and `r` is left at its start.
    private func element(_ r: inout ByteReader, what: String, allowPartial: Bool = false) throws -> (UInt32, Range<Int>) {
        let tagOffset = r.offset
        let first = try r.u32("\(what) tag")
        if first >> 16 != 0 {
            // Small data element: 2-byte size and 2-byte type, data packed in the next 4 bytes.
            let size = Int(first >> 16), type = first & 0xFFFF
            guard size <= 4 else {
                throw ModelError.malformed(path: path, reason: "small \(what) at offset \(tagOffset) claims \(size) bytes (at most 4)")
            }
            let start = r.offset
            try r.skip(4, "\(what) small data")
            return (type, start..<(start + size))
        }
        let type = first
        let size = Int(try r.u32("\(what) size"))
        let start = r.offset
        if allowPartial && size > r.remaining { return (type, start..<(start + size)) }
        try r.skip(size, "\(what) of type \(type) data")
        // Compressed elements are not padded; others are padded to a multiple of 8 bytes.
        if type != Self.miCOMPRESSED {
            let pad = (8 - size % 8) % 8
            r.offset += min(pad, r.remaining)
        }
        return (type, start..<(start + size))
    }

    /// What an `miMATRIX` body declares before its values.
    struct MatrixHeader {
        let name: String
        /// MATLAB dimensions, column-major order.
        let dims: [Int]
        /// Number of values (the product of `dims`).
        let count: Int
        /// MAT data type of the real part.
        let dataType: UInt32
        /// Bytes of the real part's data element: tag (8, or 0 for a small element) plus data.
        let dataBytes: Int
    }

    /// Reads an `miMATRIX` body; nil for non-numeric classes.
    private func matrix(_ r: inout ByteReader) throws -> (name: String, tensor: Tensor)? {
        guard let header = try matrixHeader(&r) else { return nil }
        let (dataType, dataRange) = try element(&r, what: "real part of '\(header.name)'")
        let values = try decode(r.bytes, type: dataType, range: dataRange, count: header.count, bigEndian: r.bigEndian, name: header.name)
        return (header.name, Tensor(shape: header.dims.reversed(), values: values))
    }

    /// Reads flags, dimensions and name and peeks at the tag of the values, leaving `r` at that
    /// tag; nil for non-numeric classes. Refuses, from the declarations alone, arrays larger than
    /// ``maximumValuesPerArray`` and values whose byte count does not match the dimensions.
    private func matrixHeader(_ r: inout ByteReader) throws -> MatrixHeader? {
        let (flagsType, flagsRange) = try element(&r, what: "array flags")
        guard flagsType == Self.miUINT32, flagsRange.count == 8 else {
            throw ModelError.malformed(path: path, reason: "array flags at offset \(flagsRange.lowerBound) have type \(flagsType) and \(flagsRange.count) bytes (expected miUINT32, 8 bytes)")
        }
        var f = ByteReader(r.bytes, path: path, offset: flagsRange.lowerBound, end: flagsRange.upperBound)
        f.bigEndian = r.bigEndian
        let flags = try f.u32("array flags")
        let arrayClass = flags & 0xFF
        let complex = flags & 0x800 != 0
        // mxDOUBLE_CLASS 6, mxSINGLE_CLASS 7, integer classes 8...15.
        guard (6...15).contains(arrayClass) else { return nil }

        let (dimsType, dimsRange) = try element(&r, what: "dimensions")
        guard dimsType == Self.miINT32, dimsRange.count % 4 == 0, dimsRange.count >= 8 else {
            throw ModelError.malformed(path: path, reason: "dimensions at offset \(dimsRange.lowerBound) are not an miINT32 array of at least 2 values")
        }
        var d = ByteReader(r.bytes, path: path, offset: dimsRange.lowerBound, end: dimsRange.upperBound)
        d.bigEndian = r.bigEndian
        var dims = [Int]()
        for _ in 0..<(dimsRange.count / 4) {
            let v = Int(try d.i32("dimension"))
            guard v >= 0 else { throw ModelError.malformed(path: path, reason: "negative dimension \(v)") }
            dims.append(v)
        }
        // Int64 products of at most 2^31 per factor overflow only past 2^62 total; check as we go.
        var count = 1, overflow = false
        for v in dims where !overflow { (count, overflow) = count.multipliedReportingOverflow(by: v) }
        let (nameType, nameRange) = try element(&r, what: "array name")
        guard nameType == Self.miINT8 || nameType == Self.miUINT8 else {
            throw ModelError.malformed(path: path, reason: "array name at offset \(nameRange.lowerBound) has type \(nameType) (expected miINT8)")
        }
        let name = String(decoding: r.bytes[nameRange], as: UTF8.self)
        guard !overflow, count <= Self.maximumValuesPerArray else {
            throw ModelError.tooLarge(path: path, what: "array '\(name)'", declared: "\(dims.map(String.init).joined(separator: "x")) values",
                                      limit: "\(Self.maximumValuesPerArray) values per array")
        }
        guard !complex else {
            throw ModelError.unsupportedDType(path: path, tensor: name, dtype: "complex")
        }
        // Peek at the values' tag: its declared byte count must match the dimensions.
        var peek = r
        let first = try peek.u32("real part of '\(name)' tag")
        let (dataType, dataSize, tagBytes) = first >> 16 != 0 ? (first & 0xFFFF, Int(first >> 16), 0) : (first, Int(try peek.u32("real part of '\(name)' size")), 8)
        let size = try Self.valueSize(dataType, path: path, name: name)
        guard dataSize == count * size else {
            throw ModelError.shapeMismatch(path: path, tensor: name, expected: "\(count) values (\(count * size) bytes)",
                                           actual: "\(dataSize) bytes of data")
        }
        return MatrixHeader(name: name, dims: dims, count: count, dataType: dataType, dataBytes: tagBytes == 0 ? 8 : tagBytes + dataSize)
    }

    /// Bytes per value of MAT data type `type`.
    private static func valueSize(_ type: UInt32, path: String, name: String) throws -> Int {
        switch type {
        case miINT8, miUINT8: return 1
        case miINT16, miUINT16: return 2
        case miINT32, miUINT32, miSINGLE: return 4
        case miDOUBLE, miINT64, miUINT64: return 8
        default: throw ModelError.unsupportedDType(path: path, tensor: name, dtype: "MAT data type \(type)")
        }
    }

    /// Converts `count` numbers of MAT type `type` to Float (MATLAB may store a double array in a
    /// smaller integer type when the values fit; the class stays double).
    private func decode(_ source: [UInt8], type: UInt32, range: Range<Int>, count: Int, bigEndian: Bool, name: String) throws -> [Float] {
        let size = try Self.valueSize(type, path: path, name: name)
        guard range.count == count * size else {
            throw ModelError.shapeMismatch(path: path, tensor: name, expected: "\(count) values (\(count * size) bytes)",
                                           actual: "\(range.count) bytes of data")
        }
        var r = ByteReader(bytes: Array(source[range]), path: path, bigEndian: bigEndian)
        var out = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let raw = try r.unsigned(size, "value \(i) of '\(name)'")
            switch type {
            case Self.miINT8: out[i] = Float(Int8(truncatingIfNeeded: raw))
            case Self.miUINT8, Self.miUINT16, Self.miUINT32, Self.miUINT64: out[i] = Float(raw)
            case Self.miINT16: out[i] = Float(Int16(truncatingIfNeeded: raw))
            case Self.miINT32: out[i] = Float(Int32(truncatingIfNeeded: raw))
            case Self.miINT64: out[i] = Float(Int64(bitPattern: raw))
            case Self.miSINGLE: out[i] = Float(bitPattern: UInt32(truncatingIfNeeded: raw))
            default: out[i] = Float(Double(bitPattern: raw))
            }
        }
        return out
    }
}

extension ByteReader {
    /// A reader over a copied buffer with a given byte order.
    init(bytes: [UInt8], path: String, bigEndian: Bool) {
        self.init(bytes, path: path)
        self.bigEndian = bigEndian
    }
}
