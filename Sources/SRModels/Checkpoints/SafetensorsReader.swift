import Foundation

/// Reads a safetensors file: 8-byte little-endian header length `n`, `n` bytes of JSON
/// (`{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}`),
/// then the data section that the offsets index.
///
/// The JSON object carries no order, so tensors are returned in data-offset order (the order
/// the writer laid them out), which architecture inference uses as layer order.
struct SafetensorsReader {
    let bytes: [UInt8]
    let path: String

    func read() throws -> [(name: String, tensor: Tensor)] {
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
        var found = [(begin: Int, name: String, tensor: Tensor)]()
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
            found.append((begin, name, Tensor(shape: shape, values: values)))
        }
        return found.sorted { ($0.begin, $0.name) < ($1.begin, $1.name) }.map { ($0.name, $0.tensor) }
    }
}
