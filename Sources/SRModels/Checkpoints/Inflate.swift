import CModelKernels

/// zlib inflate for MAT-file `miCOMPRESSED` elements and deflated zip entries, through `CModelKernels_inflate`.
enum Inflate {
    /// Largest output accepted (1 GiB): a bomb stops here instead of exhausting memory. Callers
    /// that know the declared size pass a tighter `limit`.
    static let maximumOutput = 1 << 30

    /// Inflates a whole zlib stream held in `input`, refusing more than `limit` bytes of output;
    /// `what` and `path` name it in errors.
    static func inflate(_ input: ArraySlice<UInt8>, raw: Bool = false, expectedSize: Int? = nil, limit: Int = maximumOutput,
                        path: String, what: String) throws -> [UInt8] {
        // One byte over the limit fits, so a stream of exactly `limit` bytes ends inside the buffer
        // and one byte more proves it is too long.
        var capacity = min(limit + 1, max(4096, expectedSize.map { $0 + 1 } ?? input.count * 8))
        while true {
            let (status, output, reason) = run(input, raw: raw, capacity: capacity)
            switch status {
            case 0 where output.count <= limit:
                return output
            case 1 where capacity <= limit:
                capacity = min(limit + 1, capacity * 4)
            case 0, 1:
                throw ModelError.malformed(path: path, reason: "\(what) inflates to more than \(limit) bytes")
            case 2:
                throw ModelError.truncated(path: path, what: "\(what) (zlib stream)", offset: 0, needed: input.count + 1, available: input.count)
            default:
                throw ModelError.malformed(path: path, reason: "\(what) is not valid zlib data (\(reason))")
            }
        }
    }

    /// The first `count` bytes the stream in `input` inflates to (fewer when it is shorter), and
    /// whether that is the whole stream: a look at an element's header before committing memory
    /// to its body. A stream that is corrupt or ends early within those bytes throws as ``inflate(_:raw:expectedSize:limit:path:what:)``.
    static func prefix(_ input: ArraySlice<UInt8>, count: Int, path: String, what: String) throws -> (bytes: [UInt8], complete: Bool) {
        let (status, output, reason) = run(input, raw: false, capacity: count)
        switch status {
        case 0: return (output, true)
        case 1: return (output, false)
        case 2:
            throw ModelError.truncated(path: path, what: "\(what) (zlib stream)", offset: 0, needed: input.count + 1, available: input.count)
        default:
            throw ModelError.malformed(path: path, reason: "\(what) is not valid zlib data (\(reason))")
        }
    }

    /// One call of `CModelKernels_inflate` into a buffer of `capacity` bytes: its status, the bytes
    /// it produced and zlib's message.
    private static func run(_ input: ArraySlice<UInt8>, raw: Bool, capacity: Int) -> (Int32, [UInt8], String) {
        var message = [CChar](repeating: 0, count: 256)
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
        output.removeSubrange(min(produced, capacity)...)
        let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (status, output, reason)
    }
}
