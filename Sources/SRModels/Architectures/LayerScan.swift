/// The convolution-like layers of a PyTorch-style state dict, in registration order (or, for a
/// checkpoint whose order is ``TensorOrder/names``, natural name order with the output layer
/// moved last).
///
/// Picks the model's weights out of a whole checkpoint (Lightning's `state_dict`, BasicSR's
/// `params_ema`/`params`, or the top level), pairs each 4-D `*.weight` with its `*.bias`, and
/// attaches a following 1-D `*.weight` without bias (an `nn.PReLU`) to the layer before it.
struct LayerScan {
    struct ScannedLayer {
        /// Name of the weight tensor.
        let weightName: String
        let weight: Tensor
        let biasName: String
        let bias: Tensor?
        var prelu: Tensor?
    }

    let path: String
    /// All tensors of the checkpoint, for error listings.
    let listing: [String]
    var layers = [ScannedLayer]()

    /// Prefixes under which trainers nest the model's weights, most specific first.
    static let containers = ["params_ema.", "params.", "state_dict.", "model_state_dict.", "model.", "net.", "generator."]

    init(_ checkpoint: Checkpoint) throws {
        path = checkpoint.path
        listing = checkpoint.listing
        var tensors = checkpoint.tensors
        for prefix in Self.containers where tensors.contains(where: { $0.name.hasPrefix(prefix) }) {
            tensors = tensors.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.tensor) }
            break
        }
        var byName = [String: Tensor]()
        for t in tensors { byName[t.name] = t.tensor }
        for (name, tensor) in tensors {
            guard name == "weight" || name.hasSuffix(".weight") else { continue }
            let stem = String(name.dropLast("weight".count))
            let biasName = stem + "bias"
            switch tensor.shape.count {
            case 4:
                layers.append(ScannedLayer(weightName: name, weight: tensor, biasName: biasName, bias: byName[biasName], prelu: nil))
            case 1 where byName[biasName] == nil && !layers.isEmpty && layers[layers.count - 1].prelu == nil:
                layers[layers.count - 1].prelu = tensor
            default:
                // Batch norm, linear layers, a second activation: nothing SRModels runs.
                throw ModelError.unknownArchitecture(path: path, tensors: listing)
            }
        }
        // In a name-ordered checkpoint the output layer need not come last (FSRCNN's `last_part`
        // sorts before `mid_part`). When every layer but one has an activation, the one without
        // is the output layer: move it to the end.
        let bare = layers.indices.filter { layers[$0].prelu == nil }
        if checkpoint.order == .names, layers.count >= 3, bare.count == 1, let i = bare.first, i != layers.count - 1 {
            layers.append(layers.remove(at: i))
        }
    }

    /// The bias of layer `i` (zeros when the layer has `bias=False`), checked to have `count` values.
    func bias(_ i: Int, count: Int) throws -> [Float] {
        let l = layers[i]
        guard let b = l.bias else { return [Float](repeating: 0, count: count) }
        guard b.shape == [count] else {
            throw ModelError.shapeMismatch(path: path, tensor: l.biasName, expected: "[\(count)]", actual: b.shapeText)
        }
        return b.values
    }

    /// Checks that layer `i` is a square odd kernel reading `inChannels` (nil: any) and returns (out, in, k).
    func convShape(_ i: Int, inChannels: Int?) throws -> (out: Int, in: Int, k: Int) {
        let l = layers[i]
        let s = l.weight.shape
        let expectIn = inChannels.map(String.init) ?? "in"
        guard s[2] == s[3], s[2] % 2 == 1, inChannels == nil || s[1] == inChannels else {
            throw ModelError.shapeMismatch(path: path, tensor: l.weightName,
                                           expected: "[out, \(expectIn), k, k] with k odd", actual: l.weight.shapeText)
        }
        return (s[0], s[1], s[2])
    }

    /// PReLU slopes of layer `i`, checked against its channel count.
    func prelu(_ i: Int, channels: Int) throws -> Activation {
        guard let p = layers[i].prelu else { throw ModelError.unknownArchitecture(path: path, tensors: listing) }
        guard p.count == 1 || p.count == channels else {
            throw ModelError.shapeMismatch(path: path, tensor: "PReLU after \(layers[i].weightName)",
                                           expected: "[1] or [\(channels)]", actual: p.shapeText)
        }
        return .prelu(p.values)
    }
}
