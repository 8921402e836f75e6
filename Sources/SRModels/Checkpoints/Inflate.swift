import CModelKernels

/// zlib inflate for MAT-file `miCOMPRESSED` elements and deflated zip entries, through `CModelKernels_inflate`.
enum Inflate {
    /// Largest output accepted (1 GiB): a bomb stops here instead of exhausting memory.
    static let maximumOutput = 1 << 30

    /// Inflates a whole zlib stream held in `input`; `what` and `path` name it in errors.
    static func inflate(_ input: ArraySlice<UInt8>, raw: Bool = false, expectedSize: Int? = nil, path: String, what: String) throws -> [UInt8] {
        var capacity = max(4096, min(maximumOutput, expectedSize.map { $0 + 1 } ?? input.count * 8))
        var message = [CChar](repeating: 0, count: 256)
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            var produced = 0, consumed = 0
            let status = input.withUnsafeBufferPointer { src in
                output.withUnsafeMutableBufferPointer { dst in
                    message.withUnsafeMutableBufferPointer { msg in
                        CModelKernels_inflate(src.baseAddress, src.count, dst.baseAddress, dst.count, raw ? 1 : 0,
                                              &produced, &consumed, msg.baseAddress, msg.count)
                    }
                }
            }
            switch status {
            case 0:
                output.removeSubrange(produced...)
                return output
            case 1 where capacity < maximumOutput:
                capacity = min(maximumOutput, capacity * 4)
            case 1:
                throw ModelError.malformed(path: path, reason: "\(what) inflates to more than \(maximumOutput) bytes")
            case 2:
                throw ModelError.truncated(path: path, what: "\(what) (zlib stream)", offset: 0, needed: input.count + 1, available: input.count)
            default:
                let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw ModelError.malformed(path: path, reason: "\(what) is not valid zlib data (\(reason))")
            }
        }
    }
}
