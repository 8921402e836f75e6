import CModelKernels
import Dispatch
import Foundation

/// A stride-1 'same'-size 2-D convolution (cross-correlation, as `nn.Conv2d` and MATLAB
/// `imfilter`), computed as im2col + OpenBLAS `cblas_sgemm` over bands of output rows, the bands
/// spread over all cores.
///
/// Weights are in PyTorch layout `[out, in, kh, kw]`; kernels are odd so 'same' padding is `k/2`.
public struct Conv2D: Sendable {
    /// Output channels.
    public let outChannels: Int
    /// Input channels.
    public let inChannels: Int
    /// Kernel height and width (odd).
    public let kernelSize: Int
    /// `[out, in, k, k]` row-major.
    public let weights: [Float]
    /// One per output channel.
    public let bias: [Float]
    /// How the border is filled.
    public let padding: Padding
    /// Applied to the output.
    public let activation: Activation

    /// Values of im2col buffer per band (4 MiB): small enough to stay near the caches and to
    /// bound memory on large images, big enough that sgemm runs at speed.
    static let bandBudget = 1 << 20

    /// A layer; shapes are checked by the architecture that builds it (internal: an inconsistent layer would read out of bounds).
    init(outChannels: Int, inChannels: Int, kernelSize: Int, weights: [Float], bias: [Float],
                padding: Padding, activation: Activation) {
        self.outChannels = outChannels
        self.inChannels = inChannels
        self.kernelSize = kernelSize
        self.weights = weights
        self.bias = bias
        self.padding = padding
        self.activation = activation
    }

    /// Convolves `input` (which must have `inChannels` planes) to a map of the same height and width.
    func apply(_ input: FeatureMap) -> FeatureMap {
        BLASThreading.configure()
        let h = input.height, w = input.width
        let pad = kernelSize / 2
        let source = input.padded(pad, padding)
        let k = inChannels * kernelSize * kernelSize
        let pw = source.width, ph = source.height
        var out = FeatureMap(channels: outChannels, height: h, width: w)
        let rowsPerBand = max(1, min(h, Self.bandBudget / max(1, k * w)))
        let bands = (h + rowsPerBand - 1) / rowsPerBand
        let plane = h * w
        let ks = kernelSize, cin = inChannels, cout = outChannels
        let act = activation
        source.values.withUnsafeBufferPointer { srcBuf in
            weights.withUnsafeBufferPointer { wBuf in
                bias.withUnsafeBufferPointer { bBuf in
                    out.values.withUnsafeMutableBufferPointer { dstBuf in
                        guard let src = srcBuf.baseAddress, let wt = wBuf.baseAddress, let b = bBuf.baseAddress,
                              let dst = dstBuf.baseAddress else { return }
                        let srcAddr = UnsafeSendable(src), dstAddr = UnsafeSendable(dst), wAddr = UnsafeSendable(wt)
                        let bAddr = UnsafeSendable(b)
                        // One worker per core, each with one column buffer reused for all its bands
                        // (fresh 4 MiB buffers per band cost page faults: measured as system time).
                        let workers = max(1, min(bands, ProcessInfo.processInfo.activeProcessorCount))
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            let col = ks == 1 ? nil : UnsafeMutablePointer<Float>.allocate(capacity: k * rowsPerBand * w)
                            defer { col?.deallocate() }
                            var band = worker
                            while band < bands {
                                defer { band += workers }
                                let y0 = band * rowsPerBand
                                let rows = min(rowsPerBand, h - y0)
                                let n = rows * w
                                let s = srcAddr.pointer, d = dstAddr.pointer + y0 * w
                                if let col {
                                    var row = 0
                                    for c in 0..<cin {
                                        let cp = s + c * ph * pw
                                        for ky in 0..<ks {
                                            for kx in 0..<ks {
                                                let dstRow = col + row * n
                                                for r in 0..<rows {
                                                    (dstRow + r * w).update(from: cp + (y0 + r + ky) * pw + kx, count: w)
                                                }
                                                row += 1
                                            }
                                        }
                                    }
                                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(cout), Int32(n), Int32(k),
                                                1, wAddr.pointer, Int32(k), col, Int32(n), 0, d, Int32(plane))
                                } else {
                                    // 1×1: the input band is already the matrix (ldb = plane).
                                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(cout), Int32(n), Int32(cin),
                                                1, wAddr.pointer, Int32(cin), s + y0 * w, Int32(plane), 0, d, Int32(plane))
                                }
                                for m in 0..<cout {
                                    let p = d + m * plane
                                    let bm = bAddr.pointer[m]
                                    for i in 0..<n { p[i] += bm }
                                    act.apply(p, count: n, channel: m)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}

/// A raw pointer handed to `concurrentPerform` workers that write disjoint ranges.
struct UnsafeSendable<T>: @unchecked Sendable {
    let pointer: T
    init(_ pointer: T) { self.pointer = pointer }
}

/// OpenBLAS runs each call on the calling thread: SRModels parallelises over bands and the
/// bench runner over images, so OpenBLAS's own pool would oversubscribe the cores.
enum BLASThreading {
    private static let once: Void = { CModelKernels_singleThreadedBLAS() }()
    static func configure() { _ = once }
}
