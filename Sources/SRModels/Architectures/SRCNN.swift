/// SRCNN (Dong, Loy, He, Tang, "Image Super-Resolution Using Deep Convolutional Networks", 2014/2016):
/// conv f1 → ReLU → conv f2 → ReLU → conv f3 on the bicubic-upscaled image, any widths, 1 or 3 channels.
///
/// From the authors' MAT files the layers use replicate padding, as their `SRCNN.m` applies
/// `imfilter(..., 'same', 'replicate')`; from PyTorch checkpoints zero padding `k/2`, as
/// `nn.Conv2d(padding=k//2)`.
enum SRCNN {
    /// `srcnn-9-5-5` style name from the kernel sizes.
    static func name(_ kernels: [Int]) -> String { "srcnn-" + kernels.map(String.init).joined(separator: "-") }

    /// The network in the authors' MAT layout: `weights_convN` (MATLAB dims `k²×out` for layer 1,
    /// `in×k²×out` in the middle, `in×k²` for the last; each `k²` column reshaped column-major to k×k),
    /// `biases_convN`.
    static func fromMAT(_ checkpoint: Checkpoint) throws -> SRNetwork {
        let path = checkpoint.path
        var count = 0
        while checkpoint["weights_conv\(count + 1)"] != nil { count += 1 }
        guard count >= 2 else { throw ModelError.unknownArchitecture(path: path, tensors: checkpoint.listing) }
        var layers = [Layer]()
        var kernels = [Int]()
        var previousOut: Int?
        var channels = 1
        for i in 1...count {
            let wName = "weights_conv\(i)", bName = "biases_conv\(i)"
            guard let w = checkpoint[wName], let b = checkpoint[bName] else {
                throw ModelError.unknownArchitecture(path: path, tensors: checkpoint.listing)
            }
            // Tensor shapes are the MATLAB dims reversed; work in MATLAB dims.
            let md = Array(w.shape.reversed())
            let cin: Int, kk: Int, cout: Int
            switch md.count {
            case 3: (cin, kk, cout) = (md[0], md[1], md[2])
            case 2 where i == 1: (cin, kk, cout) = (1, md[0], md[1])
            case 2: (cin, kk, cout) = (md[0], md[1], 1)
            default:
                throw ModelError.shapeMismatch(path: path, tensor: wName, expected: "in x k*k x out (MATLAB dims)", actual: "\(md)")
            }
            let k = Int(Double(kk).squareRoot().rounded())
            guard k * k == kk, k % 2 == 1, previousOut == nil || previousOut == cin else {
                let expectIn = previousOut.map(String.init) ?? "in"
                throw ModelError.shapeMismatch(path: path, tensor: wName,
                                               expected: "\(expectIn) x k*k x out with k odd (MATLAB dims)", actual: "\(md)")
            }
            guard b.count == cout else {
                throw ModelError.shapeMismatch(path: path, tensor: bName, expected: "\(cout) values", actual: b.shapeText)
            }
            if i == 1 { channels = cin }
            // MATLAB element (j, p, o) with p = ky + k·kx sits at j + cin·(p + kk·o); torch wants [o][j][ky][kx].
            var weights = [Float](repeating: 0, count: cout * cin * kk)
            for o in 0..<cout {
                for j in 0..<cin {
                    for ky in 0..<k {
                        for kx in 0..<k {
                            weights[((o * cin + j) * k + ky) * k + kx] = w.values[j + cin * ((ky + k * kx) + kk * o)]
                        }
                    }
                }
            }
            layers.append(.conv(Conv2D(outChannels: cout, inChannels: cin, kernelSize: k, weights: weights, bias: b.values,
                                       padding: .replicate, activation: i < count ? .relu : .none)))
            kernels.append(k)
            previousOut = cout
        }
        guard previousOut == channels, channels == 1 || channels == 3 else {
            throw ModelError.shapeMismatch(path: path, tensor: "weights_conv\(count)",
                                           expected: "\(channels) output channel(s), as many as the input",
                                           actual: "\(previousOut ?? 0)")
        }
        return SRNetwork(architecture: .srcnn, name: name(kernels), channels: channels, upsampling: .bicubicFirst, layers: layers)
    }

    /// SRCNN from a scanned state dict: three convs, no PReLU, last output = first input.
    static func match(_ scan: LayerScan) throws -> SRNetwork? {
        guard scan.layers.count == 3, scan.layers.allSatisfy({ $0.prelu == nil }) else { return nil }
        let first = try scan.convShape(0, inChannels: nil)
        guard first.in == 1 || first.in == 3 else { return nil }
        let second = try scan.convShape(1, inChannels: first.out)
        let third = try scan.convShape(2, inChannels: second.out)
        guard third.out == first.in else { return nil }
        let shapes = [first, second, third]
        var layers = [Layer]()
        for (i, s) in shapes.enumerated() {
            layers.append(.conv(Conv2D(outChannels: s.out, inChannels: s.in, kernelSize: s.k, weights: scan.layers[i].weight.values,
                                       bias: try scan.bias(i, count: s.out), padding: .zero, activation: i < 2 ? .relu : .none)))
        }
        return SRNetwork(architecture: .srcnn, name: name(shapes.map(\.k)), channels: first.in, upsampling: .bicubicFirst, layers: layers)
    }
}
