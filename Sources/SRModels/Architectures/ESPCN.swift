/// ESPCN (Shi et al., "Real-Time Single Image and Video Super-Resolution Using an Efficient
/// Sub-Pixel Convolutional Neural Network", 2016): convs on the LR image with tanh between them,
/// the last producing `c·r²` planes, then a pixel shuffle by r. Zero padding `k/2`.
enum ESPCN {
    /// ESPCN from a scanned state dict: ≥ 2 convs without PReLU whose last output is `c·r²`, r ≥ 2.
    static func match(_ scan: LayerScan) throws -> SRNetwork? {
        let n = scan.layers.count
        guard n >= 2, scan.layers.allSatisfy({ $0.prelu == nil }) else { return nil }
        let first = try scan.convShape(0, inChannels: nil)
        let c = first.in
        guard c == 1 || c == 3 else { return nil }
        var shapes = [first]
        for i in 1..<n { shapes.append(try scan.convShape(i, inChannels: shapes[i - 1].out)) }
        let last = shapes[n - 1].out
        guard last % c == 0 else { return nil }
        let r = Int(Double(last / c).squareRoot().rounded())
        guard r >= 2, r * r * c == last else { return nil }
        var layers = [Layer]()
        for (i, s) in shapes.enumerated() {
            layers.append(.conv(Conv2D(outChannels: s.out, inChannels: s.in, kernelSize: s.k, weights: scan.layers[i].weight.values,
                                       bias: try scan.bias(i, count: s.out), padding: .zero, activation: i < n - 1 ? .tanh : .none)))
        }
        layers.append(.pixelShuffle(PixelShuffle(factor: r)))
        let name = "espcn-x\(r)-" + shapes.map { String($0.k) }.joined(separator: "-")
        return SRNetwork(architecture: .espcn, name: name, channels: c, upsampling: .inNetwork(scale: r), layers: layers)
    }
}
