/// A dense tensor read from a checkpoint, converted to `Float`.
///
/// Layout is always row-major (C order, last index fastest), as PyTorch and safetensors store
/// it. MATLAB arrays are column-major, so a MAT array with dims `[d0, d1, d2]` is returned with
/// shape `[d2, d1, d0]` and the same element order.
public struct Tensor: Sendable, Equatable {
    /// Extent of each dimension, outermost first.
    public let shape: [Int]
    /// `shape.reduce(1, *)` values in row-major order.
    public let values: [Float]

    /// A tensor; `values.count` must equal the product of `shape` (checked by the readers).
    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    /// Number of elements implied by `shape`.
    public var count: Int { shape.reduce(1, *) }

    /// `[64, 1, 9, 9]`-style text for messages.
    public var shapeText: String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}

/// Where the order of a checkpoint's tensors comes from.
public enum TensorOrder: String, Sendable {
    /// The order the file stores them in: PyTorch's `state_dict` order, which is the order
    /// modules were registered, and which architecture inference relies on.
    case file
    /// The file laid tensors out sorted by name (as the safetensors library does), so it keeps
    /// no layer order; they are given in natural name order instead (`mid_part.2` before
    /// `mid_part.10`), and inference knows the order is a reconstruction.
    case names
}

/// The named tensors of a checkpoint, in file order (PyTorch's `state_dict` order is the order
/// modules were registered, which architecture inference relies on), or see ``order``.
public struct Checkpoint: Sendable {
    /// Where it was read from.
    public let path: String
    /// The format detected from the bytes.
    public let format: CheckpointFormat
    /// Name and tensor, in the order described by ``order``.
    public let tensors: [(name: String, tensor: Tensor)]
    /// Whether ``tensors`` are in the file's order or a name order reconstructed by the reader.
    public let order: TensorOrder

    /// Bundles the fields.
    public init(path: String, format: CheckpointFormat, tensors: [(name: String, tensor: Tensor)], order: TensorOrder = .file) {
        self.path = path
        self.format = format
        self.tensors = tensors
        self.order = order
    }

    /// The tensor called `name`, if present.
    public subscript(name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

    /// `name [shape]` for every tensor, for error messages.
    public var listing: [String] { tensors.map { "\($0.name) \($0.tensor.shapeText)" } }
}
