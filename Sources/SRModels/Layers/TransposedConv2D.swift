import CModelKernels

/// A transposed convolution (`nn.ConvTranspose2d`, FSRCNN's last layer): stride `stride`,
/// padding `padding`, output padding `outputPadding`, weights `[in, out, k, k]`.
///
/// Computed as one `cblas_sgemm` (Wᵀ·x, columns per input pixel) followed by col2im scatter-add.
/// Output size: `(H-1)·stride - 2·padding + k + outputPadding`.
public struct TransposedConv2D: Sendable {
    /// Input channels.
    public let inChannels: Int
    /// Output channels.
    public let outChannels: Int
    /// Kernel size.
    public let kernelSize: Int
    /// Stride (the upscaling factor in FSRCNN).
    public let stride: Int
    /// Rows/columns removed from each border of the full output.
    public let padding: Int
    /// Extra rows/columns added at the bottom/right.
    public let outputPadding: Int
    /// `[in, out, k, k]` row-major.
    public let weights: [Float]
    /// One per output channel.
    public let bias: [Float]

    /// A layer; shapes are checked by the architecture that builds it (internal: an inconsistent layer would read out of bounds).
    init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int, outputPadding: Int,
                weights: [Float], bias: [Float]) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.weights = weights
        self.bias = bias
    }

    /// Applies the layer to `input` (which must have `inChannels` planes).
    func apply(_ input: FeatureMap) -> FeatureMap {
        BLASThreading.configure()
        let h = input.height, w = input.width, k = kernelSize, s = stride
        let oh = (h - 1) * s - 2 * padding + k + outputPadding
        let ow = (w - 1) * s - 2 * padding + k + outputPadding
        var out = FeatureMap(channels: outChannels, height: oh, width: ow)
        let rows = outChannels * k * k, n = h * w
        // Bands of input rows keep the column buffer small; bands run one after another because
        // their scatter-add footprints overlap.
        let rowsPerBand = max(1, min(h, Conv2D.bandBudget / max(1, rows * w)))
        let col = UnsafeMutablePointer<Float>.allocate(capacity: rows * rowsPerBand * w)
        defer { col.deallocate() }
        input.values.withUnsafeBufferPointer { xBuf in
            weights.withUnsafeBufferPointer { wBuf in
                out.values.withUnsafeMutableBufferPointer { oBuf in
                    guard let x = xBuf.baseAddress, let wt = wBuf.baseAddress, let o = oBuf.baseAddress else { return }
                    var y0 = 0
                    while y0 < h {
                        let bandRows = min(rowsPerBand, h - y0)
                        let bn = bandRows * w
                        // col[(oc,ky,kx)][p] = Σ_ic W[ic][oc][ky][kx] · x[ic][p]
                        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(rows), Int32(bn), Int32(inChannels),
                                    1, wt, Int32(rows), x + y0 * w, Int32(n), 0, col, Int32(bn))
                        for oc in 0..<outChannels {
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let crow = col + ((oc * k + ky) * k + kx) * bn
                                    for r in 0..<bandRows {
                                        let oy = (y0 + r) * s + ky - padding
                                        guard oy >= 0, oy < oh else { continue }
                                        let orow = o + oc * oh * ow + oy * ow
                                        for xi in 0..<w {
                                            let ox = xi * s + kx - padding
                                            if ox >= 0, ox < ow { orow[ox] += crow[r * w + xi] }
                                        }
                                    }
                                }
                            }
                        }
                        y0 += bandRows
                    }
                    for oc in 0..<outChannels {
                        let p = o + oc * oh * ow, b = bias[oc]
                        for i in 0..<(oh * ow) { p[i] += b }
                    }
                }
            }
        }
        return out
    }
}
