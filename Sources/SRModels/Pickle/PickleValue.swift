/// A value on the unpickler's stack. Lists and dicts live in the machine's arenas and are
/// referenced by index, so deep or cyclic structures never recurse on release.
enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    /// Elements and nesting depth (checked against ``PickleMachine/maximumDepth``).
    indirect case tuple([PickleValue], depth: Int)
    /// Index into ``PickleMachine/lists``.
    case list(Int)
    /// Index into ``PickleMachine/dicts``.
    case dict(Int)
    /// An allow-listed global, `module.name`.
    case global(String)
    /// A `torch.save` storage: the zip entry `data/<key>` and its element type.
    case storage(key: String, dtype: DType)
    /// A tensor view of a storage (`_rebuild_tensor_v2`), materialised after unpickling.
    case tensor(TensorView)
    /// The MARK sentinel.
    case mark

    var depth: Int {
        if case let .tuple(_, d) = self { return d }
        return 1
    }

    /// Short description for error messages.
    var kind: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case let .global(g): return g
        case .storage: return "storage"
        case .tensor: return "tensor"
        case .mark: return "MARK"
        }
    }
}

/// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)`: a strided view of a storage.
struct TensorView {
    let key: String
    let dtype: DType
    let offset: Int
    let shape: [Int]
    let stride: [Int]
}
