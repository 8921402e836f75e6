import SRImage

/// A native super-resolution network built from a checkpoint: SRCNN, FSRCNN or ESPCN.
///
/// Images are on the 0...255 scale at the API; the network itself works on 0...1, as the
/// authors' code and the usual PyTorch ports do.
public struct SRNetwork: Sendable {
    /// Which published architecture this is.
    public enum Architecture: String, Sendable {
        /// Dong et al. 2014: three convolutions on a bicubic-upscaled image.
        case srcnn
        /// Dong et al. 2016: feature extraction, shrink, mapping, expand, transposed-conv upsampling.
        case fsrcnn
        /// Shi et al. 2016: convolutions on the LR image, then a pixel shuffle.
        case espcn
    }

    /// Where the image is enlarged.
    public enum Upsampling: Sendable, Equatable {
        /// MATLAB bicubic (float, no rounding) to the output size before the network (SRCNN).
        case bicubicFirst
        /// Inside the network, by a fixed factor (ESPCN's shuffle).
        case inNetwork(scale: Int)
        /// Inside the network by the requested scale, used as the stride of the last layer (FSRCNN).
        case inNetworkAnyScale
    }

    /// The architecture.
    public let architecture: Architecture
    /// Report name, e.g. `srcnn-9-5-5` or `fsrcnn-56-12-4`.
    public let name: String
    /// Image channels in and out (1 = Y, 3 = RGB).
    public let channels: Int
    /// Where upsampling happens.
    public let upsampling: Upsampling
    /// The layers in order (for FSRCNN the last one is rebuilt with the requested stride).
    public let layers: [Layer]

    /// Bundles the fields; built by ``ArchitectureInference`` after checking every shape.
    init(architecture: Architecture, name: String, channels: Int, upsampling: Upsampling, layers: [Layer]) {
        self.architecture = architecture
        self.name = name
        self.channels = channels
        self.upsampling = upsampling
        self.layers = layers
    }

    /// Reads a checkpoint (format from the bytes) and infers its architecture.
    public static func load(contentsOf path: String) throws -> SRNetwork {
        try ArchitectureInference.network(for: try CheckpointReader.read(contentsOf: path))
    }

    /// Runs the layers on a planar 0...1 map with ``channels`` planes; `scale` is used only by
    /// FSRCNN (the stride of its transposed convolution).
    public func forward(_ input: FeatureMap, scale: Int) throws -> FeatureMap {
        guard input.channels == channels else {
            throw ModelError.channelMismatch(model: name, modelChannels: channels, inputChannels: input.channels)
        }
        guard input.width > 0, input.height > 0 else { throw ModelError.emptyImage(model: name) }
        guard input.values.count == input.channels * input.planeSize else {
            throw ModelError.shapeMismatch(path: name, tensor: "input feature map",
                                           expected: "\(input.channels * input.planeSize) values",
                                           actual: "\(input.values.count) values")
        }
        guard scale >= 1 else { throw ModelError.unsupportedScale(model: name, scale: scale, supported: "x1 and above") }
        var x = input
        for layer in layers {
            if case let .transposedConv(t) = layer, upsampling == .inNetworkAnyScale {
                // FSRCNN: stride = scale, padding k/2, output padding scale-1 (gives exactly scale×).
                let l = TransposedConv2D(inChannels: t.inChannels, outChannels: t.outChannels, kernelSize: t.kernelSize,
                                         stride: scale, padding: t.kernelSize / 2, outputPadding: scale - 1,
                                         weights: t.weights, bias: t.bias)
                x = l.apply(x)
            } else {
                x = layer.apply(x)
            }
        }
        return x
    }

    /// Upscales `lr` (interleaved, 0...255, unrounded allowed) by `scale` to `width`×`height`.
    ///
    /// SRCNN: MATLAB bicubic in floating point to the output size, ÷255, network, ×255. Others: the
    /// network enlarges the LR itself. The result is not rounded or clipped (the caller rounds once).
    public func upscale(_ lr: FloatImage, scale: Int, width: Int, height: Int) throws -> FloatImage {
        guard lr.channels == channels else {
            throw ModelError.channelMismatch(model: name, modelChannels: channels, inputChannels: lr.channels)
        }
        guard lr.width > 0, lr.height > 0 else { throw ModelError.emptyImage(model: name) }
        let start: FloatImage
        switch upsampling {
        case .bicubicFirst:
            start = try MatlabBicubic().resize(lr, to: .scale(Double(scale)))
        case let .inNetwork(s):
            guard s == scale else { throw ModelError.unsupportedScale(model: name, scale: scale, supported: "x\(s) only") }
            start = lr
        case .inNetworkAnyScale:
            guard scale >= 1 else { throw ModelError.unsupportedScale(model: name, scale: scale, supported: "x1 and above") }
            start = lr
        }
        let y = try forward(Self.planar(start), scale: scale)
        guard y.width == width, y.height == height, y.channels == channels else {
            throw ModelError.unsupportedScale(model: name, scale: scale,
                                              supported: "outputs of \(y.width)x\(y.height) here, not the requested \(width)x\(height)")
        }
        return Self.interleaved(y)
    }

    /// Interleaved 0...255 image → planar 0...1 map.
    static func planar(_ image: FloatImage) -> FeatureMap {
        let c = image.channels, n = image.width * image.height
        var values = [Float](repeating: 0, count: c * n)
        image.samples.withUnsafeBufferPointer { s in
            values.withUnsafeMutableBufferPointer { d in
                for i in 0..<n { for k in 0..<c { d[k * n + i] = s[i * c + k] / 255 } }
            }
        }
        return FeatureMap(channels: c, height: image.height, width: image.width, values: values)
    }

    /// Planar 0...1 map → interleaved 0...255 image.
    static func interleaved(_ map: FeatureMap) -> FloatImage {
        let c = map.channels, n = map.planeSize
        var samples = [Float](repeating: 0, count: c * n)
        map.values.withUnsafeBufferPointer { s in
            samples.withUnsafeMutableBufferPointer { d in
                for i in 0..<n { for k in 0..<c { d[i * c + k] = s[k * n + i] * 255 } }
            }
        }
        return FloatImage(width: map.width, height: map.height, channels: c, samples: samples)
    }
}
