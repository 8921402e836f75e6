import Foundation

/// Reads a safetensors file: 8-byte little-endian header length `n`, `n` bytes of JSON
/// (`{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}`),
/// then the data section that the offsets index.
///
/// The JSON object carries no order, so tensors are returned in data-offset order (the order
/// the writer laid them out), which architecture inference uses as layer order, unless that
/// layout is sorted by name: the safetensors library sorts by dtype, then name, before writing,
/// which loses the registration order (`last_part` before `mid_part`, `mid_part.10` before
/// `mid_part.2`). Such files are returned in natural name order, marked ``TensorOrder/names``.
struct SafetensorsReader {
    let bytes: [UInt8]
    let path: String

    func read() throws -> (tensors: [(name: String, tensor: Tensor)], order: TensorOrder) {
        var r = ByteReader(bytes, path: path)
        let headerLength = try r.u64("safetensors header length")
        guard headerLength <= UInt64(r.remaining) else {
            throw ModelError.truncated(path: path, what: "safetensors JSON header", offset: 8,
                                       needed: Int(clamping: headerLength), available: r.remaining)
        }
        let header = try r.slice(Int(headerLength), "safetensors JSON header")
        let dataStart = r.offset
        let dataLength = bytes.count - dataStart
        guard let json = try? JSONSerialization.jsonObject(with: Data(header)), let entries = json as? [String: Any] else {
            throw ModelError.malformed(path: path, reason: "the safetensors header is not a JSON object")
        }
        var found = [(begin: Int, name: String, dtype: String, tensor: Tensor)]()
        for (name, value) in entries where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtypeName = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw ModelError.malformed(path: path, reason: "header entry '\(name)' lacks dtype, shape or data_offsets")
            }
            guard let dtype = DType(rawValue: dtypeName) else {
                throw ModelError.unsupportedDType(path: path, tensor: name, dtype: dtypeName)
            }
            guard shape.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }) else {
                throw ModelError.malformed(path: path, reason: "tensor '\(name)' has shape \(shape)")
            }
            var count = 1
            for d in shape {
                let (p, o) = count.multipliedReportingOverflow(by: d)
                guard !o, p <= Int(Int32.max) else { throw ModelError.malformed(path: path, reason: "tensor '\(name)' is too large") }
                count = p
            }
            let begin = offsets[0], end = offsets[1]
            guard begin >= 0, end >= begin else {
                throw ModelError.malformed(path: path, reason: "tensor '\(name)' has data_offsets \(offsets)")
            }
            guard end <= dataLength else {
                throw ModelError.truncated(path: path, what: "data of tensor '\(name)'", offset: dataStart + begin,
                                           needed: end - begin, available: max(0, dataLength - begin))
            }
            guard end - begin == count * dtype.size else {
                throw ModelError.shapeMismatch(path: path, tensor: name, expected: "\(count * dtype.size) bytes for \(dtypeName) \(shape)",
                                               actual: "\(end - begin) bytes")
            }
            let values = dtype.gather(bytes, offset: 0, shape: [count], stride: [1], base: dataStart + begin)
            found.append((begin, name, dtypeName, Tensor(shape: shape, values: values)))
        }
        let laidOut = found.sorted { ($0.begin, $0.name) < ($1.begin, $1.name) }
        // Sorted by name within each run of one dtype: the library's layout, which says nothing
        // about layer order. (A writer keeping registration order puts `conv1.weight` before
        // `conv1.bias`, which is not name order.)
        let nameSorted = laidOut.count > 1 && zip(laidOut, laidOut.dropFirst()).allSatisfy { $0.dtype != $1.dtype || $0.name < $1.name }
        guard nameSorted else { return (laidOut.map { ($0.name, $0.tensor) }, .file) }
        let natural = laidOut.sorted { NaturalOrder.precedes($0.name, $1.name) }
        return (natural.map { ($0.name, $0.tensor) }, .names)
    }
}

/// Name order that compares runs of digits by value, so `layer.2` comes before `layer.10`.
enum NaturalOrder {
    /// Whether `a` sorts before `b`: digit runs compare as numbers (then by length, so `01`
    /// after `1`), everything else by Unicode scalar value.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
        var x = i.next(), y = j.next()
        while let p = x, let q = y {
            if p.properties.numericType == .decimal, q.properties.numericType == .decimal {
                var da = "", db = ""
                while let c = x, c.properties.numericType == .decimal { da.unicodeScalars.append(c); x = i.next() }
                while let c = y, c.properties.numericType == .decimal { db.unicodeScalars.append(c); y = j.next() }
                let ta = da.drop { $0 == "0" }, tb = db.drop { $0 == "0" }
                if ta.count != tb.count { return ta.count < tb.count }
                if ta != tb { return ta < tb }
                if da.count != db.count { return da.count < db.count }
                continue
            }
            if p != q { return p.value < q.value }
            x = i.next(); y = j.next()
        }
        return x == nil && y != nil
    }
}
