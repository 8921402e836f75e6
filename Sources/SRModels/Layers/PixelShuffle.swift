/// Sub-pixel rearrangement (`nn.PixelShuffle(r)`, Shi et al. 2016): `C·r²` planes of H×W
/// become `C` planes of `rH×rW`; output `(c, y·r+i, x·r+j)` = input `(c·r² + i·r + j, y, x)`.
public struct PixelShuffle: Sendable {
    /// Upscaling factor r.
    public let factor: Int

    /// A shuffle by `factor`.
    init(factor: Int) { self.factor = factor }

    /// Rearranges `input`, whose channel count must be a multiple of `factor²`.
    func apply(_ input: FeatureMap) -> FeatureMap {
        let r = factor, rr = r * r
        let c = input.channels / rr, h = input.height, w = input.width
        var out = FeatureMap(channels: c, height: h * r, width: w * r)
        let ow = w * r
        input.values.withUnsafeBufferPointer { src in
            out.values.withUnsafeMutableBufferPointer { dst in
                for oc in 0..<c {
                    for i in 0..<r {
                        for j in 0..<r {
                            let sp = (oc * rr + i * r + j) * h * w
                            for y in 0..<h {
                                let drow = oc * h * r * ow + (y * r + i) * ow + j
                                let srow = sp + y * w
                                for x in 0..<w { dst[drow + x * r] = src[srow + x] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
