import Foundation

/// Activations between layers: `channels` planes of `height`×`width` floats, planar (CHW),
/// row-major inside each plane, so a 1×1 or im2col convolution is one matrix product.
public struct FeatureMap: Sendable, Equatable {
    /// Number of planes.
    public let channels: Int
    /// Rows per plane.
    public let height: Int
    /// Columns per plane.
    public let width: Int
    /// `channels * height * width` values, plane after plane.
    public var values: [Float]

    /// A map holding `values` (count must be `channels * height * width`).
    public init(channels: Int, height: Int, width: Int, values: [Float]) {
        self.channels = channels
        self.height = height
        self.width = width
        self.values = values
    }

    /// A zero-filled map.
    public init(channels: Int, height: Int, width: Int) {
        self.init(channels: channels, height: height, width: width,
                  values: [Float](repeating: 0, count: channels * height * width))
    }

    /// Values per plane.
    public var planeSize: Int { height * width }

    /// This map with `pad` extra rows and columns on every side, filled by `padding`.
    func padded(_ pad: Int, _ padding: Padding) -> FeatureMap {
        guard pad > 0, width > 0, height > 0 else { return self }
        let pw = width + 2 * pad, ph = height + 2 * pad
        var out = [Float](repeating: 0, count: channels * ph * pw)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for c in 0..<channels {
                    let sp = s + c * height * width, dp = d + c * ph * pw
                    for y in 0..<ph {
                        let sy: Int
                        switch padding {
                        case .zero:
                            guard y >= pad, y < pad + height else { continue }
                            sy = y - pad
                        case .replicate:
                            sy = min(max(y - pad, 0), height - 1)
                        }
                        let srow = sp + sy * width, drow = dp + y * pw
                        (drow + pad).update(from: srow, count: width)
                        if padding == .replicate {
                            let left = srow[0], right = srow[width - 1]
                            for x in 0..<pad { drow[x] = left; drow[pad + width + x] = right }
                        }
                    }
                }
            }
        }
        return FeatureMap(channels: channels, height: ph, width: pw, values: out)
    }
}

/// How a 'same'-size convolution fills the border.
public enum Padding: String, Sendable {
    /// Zeros outside the image (PyTorch `nn.Conv2d(padding=k//2)`).
    case zero
    /// The nearest edge pixel (MATLAB `imfilter(..., 'same', 'replicate')`, the SRCNN authors' demo).
    case replicate
}

/// The non-linearity applied after a layer.
public enum Activation: Sendable, Equatable {
    /// Identity.
    case none
    /// max(x, 0).
    case relu
    /// x if x ≥ 0 else a·x, with one `a` per channel (or one shared, count 1), as `nn.PReLU`.
    case prelu([Float])
    /// tanh(x) (ESPCN as published).
    case tanh

    /// Applies the activation in place to `count` values of channel `channel`.
    @inline(__always)
    func apply(_ p: UnsafeMutablePointer<Float>, count: Int, channel: Int) {
        switch self {
        case .none: return
        case .relu: for i in 0..<count { p[i] = max(p[i], 0) }
        case let .prelu(a):
            let slope = a.count == 1 ? a[0] : a[channel]
            for i in 0..<count where p[i] < 0 { p[i] *= slope }
        case .tanh:
            for i in 0..<count { p[i] = tanhf(p[i]) }
        }
    }
}
