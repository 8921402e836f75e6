/// FSRCNN (Dong, Loy, Tang, "Accelerating the Super-Resolution Convolutional Neural Network",
/// 2016): conv 5×5 d → PReLU, shrink 1×1 s → PReLU, m × (conv 3×3 s → PReLU), expand 1×1 d →
/// PReLU, then `ConvTranspose2d(d, c, 9, stride=scale, padding=4, output_padding=scale-1)`.
/// Zero padding `k/2`. The stride is not stored in the weights, so the requested scale is used.
enum FSRCNN {
    /// FSRCNN from a scanned state dict: ≥ 3 layers, a PReLU after each but the last, the last a
    /// transposed conv `[d, c, k, k]` with `c` = the first layer's input channels.
    static func match(_ scan: LayerScan) throws -> SRNetwork? {
        let n = scan.layers.count
        guard n >= 3, scan.layers.dropLast().allSatisfy({ $0.prelu != nil }), scan.layers[n - 1].prelu == nil else { return nil }
        let first = try scan.convShape(0, inChannels: nil)
        let c = first.in
        guard c == 1 || c == 3 else { return nil }
        var shapes = [first]
        for i in 1..<(n - 1) { shapes.append(try scan.convShape(i, inChannels: shapes[i - 1].out)) }
        var layers = [Layer]()
        for (i, s) in shapes.enumerated() {
            layers.append(.conv(Conv2D(outChannels: s.out, inChannels: s.in, kernelSize: s.k, weights: scan.layers[i].weight.values,
                                       bias: try scan.bias(i, count: s.out), padding: .zero,
                                       activation: try scan.prelu(i, channels: s.out))))
        }
        // ConvTranspose2d weight: [in, out, k, k].
        let t = scan.layers[n - 1]
        let ts = t.weight.shape
        guard ts[0] == shapes[n - 2].out, ts[1] == c, ts[2] == ts[3], ts[2] % 2 == 1 else {
            throw ModelError.shapeMismatch(path: scan.path, tensor: t.weightName,
                                           expected: "[\(shapes[n - 2].out), \(c), k, k] (ConvTranspose2d, k odd)", actual: t.weight.shapeText)
        }
        layers.append(.transposedConv(TransposedConv2D(inChannels: ts[0], outChannels: c, kernelSize: ts[2], stride: 1,
                                                       padding: ts[2] / 2, outputPadding: 0, weights: t.weight.values,
                                                       bias: try scan.bias(n - 1, count: c))))
        let d = first.out, s = shapes.count > 1 ? shapes[1].out : d
        let m = max(0, n - 4)
        return SRNetwork(architecture: .fsrcnn, name: "fsrcnn-\(d)-\(s)-\(m)", channels: c, upsampling: .inNetworkAnyScale, layers: layers)
    }
}
