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

    /// Reads every numeric variable, in file order.
    func read() throws -> [(name: String, tensor: Tensor)] {
        var r = ByteReader(bytes, path: path, offset: 126)
        let endian = try r.slice(2, "MAT header endian indicator")
        r.bigEndian = endian.first == UInt8(ascii: "M")
        var out = [(name: String, tensor: Tensor)]()
        try readElements(&r, into: &out, nested: false)
        return out
    }

    /// Reads top-level elements until the end of `r`.
    private func readElements(_ r: inout ByteReader, into out: inout [(name: String, tensor: Tensor)], nested: Bool) throws {
        // Up to 7 bytes of padding may follow the last element.
        while r.remaining >= 8 {
            let (type, data) = try element(&r, what: "data element")
            switch type {
            case Self.miCOMPRESSED:
                let inflated = try Inflate.inflate(r.bytes[data], path: path, what: "compressed element at offset \(data.lowerBound - 8)")
                var inner = ByteReader(inflated, path: path + " (inflated element)")
                inner.bigEndian = r.bigEndian
                try readElements(&inner, into: &out, nested: true)
            case Self.miMATRIX:
                var m = ByteReader(r.bytes, path: r.path, offset: data.lowerBound, end: data.upperBound)
                m.bigEndian = r.bigEndian
                if let variable = try matrix(&m) { out.append(variable) }
            default:
                continue  // e.g. subsystem data: not a variable
            }
        }
    }

    /// Reads one element tag and returns its type and the range of its data in `r.bytes`,
    /// leaving `r` after the element's padding.
    private func element(_ r: inout ByteReader, what: String) throws -> (UInt32, Range<Int>) {
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
        try r.skip(size, "\(what) of type \(type) data")
        // Compressed elements are not padded; others are padded to a multiple of 8 bytes.
        if type != Self.miCOMPRESSED {
            let pad = (8 - size % 8) % 8
            r.offset += min(pad, r.remaining)
        }
        return (type, start..<(start + size))
    }

    /// Reads an `miMATRIX` body; nil for non-numeric classes.
    private func matrix(_ r: inout ByteReader) throws -> (name: String, tensor: Tensor)? {
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
        var count = 1
        for _ in 0..<(dimsRange.count / 4) {
            let v = Int(try d.i32("dimension"))
            guard v >= 0 else { throw ModelError.malformed(path: path, reason: "negative dimension \(v)") }
            dims.append(v)
            let (p, overflow) = count.multipliedReportingOverflow(by: v)
            guard !overflow, p <= Int(Int32.max) else { throw ModelError.malformed(path: path, reason: "array of \(dims) elements is too large") }
            count = p
        }
        let (nameType, nameRange) = try element(&r, what: "array name")
        guard nameType == Self.miINT8 || nameType == Self.miUINT8 else {
            throw ModelError.malformed(path: path, reason: "array name at offset \(nameRange.lowerBound) has type \(nameType) (expected miINT8)")
        }
        let name = String(decoding: r.bytes[nameRange], as: UTF8.self)
        guard !complex else {
            throw ModelError.unsupportedDType(path: path, tensor: name, dtype: "complex")
        }
        let (dataType, dataRange) = try element(&r, what: "real part of '\(name)'")
        let values = try decode(r.bytes, type: dataType, range: dataRange, count: count, bigEndian: r.bigEndian, name: name)
        return (name, Tensor(shape: dims.reversed(), values: values))
    }

    /// Converts `count` numbers of MAT type `type` to Float (MATLAB may store a double array in a
    /// smaller integer type when the values fit; the class stays double).
    private func decode(_ source: [UInt8], type: UInt32, range: Range<Int>, count: Int, bigEndian: Bool, name: String) throws -> [Float] {
        let size: Int
        switch type {
        case Self.miINT8, Self.miUINT8: size = 1
        case Self.miINT16, Self.miUINT16: size = 2
        case Self.miINT32, Self.miUINT32, Self.miSINGLE: size = 4
        case Self.miDOUBLE, Self.miINT64, Self.miUINT64: size = 8
        default: throw ModelError.unsupportedDType(path: path, tensor: name, dtype: "MAT data type \(type)")
        }
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
