extension LumaDefinition {
    /// Y of every pixel on the 0...255 scale, unrounded.
    ///
    /// A three-channel image is converted with the formula in `precision`. A one-channel image
    /// follows `gray`: `.useAsY` keeps its values, `.throughRGB` evaluates the formula with
    /// R = G = B (in `float64` as `offset + (ΣwX / divisor)·v`, MATLAB's form for a grey input
    /// replicated to RGB; in `float32` exactly as numpy on the replicated array).
    /// - Complexity: O(pixels), one pass, no allocation beyond the result.
    public func luma(_ image: ByteImage, gray: YCbCr.GrayHandling, precision: LumaPrecision) -> FloatImage {
        var out = [Float](repeating: 0, count: image.pixelCount)
        image.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                if image.channels == 1 && gray == .useAsY {
                    for i in 0..<dst.count { dst[i] = Float(src[i]) }
                    return
                }
                let step = image.channels == 3 ? 3 : 1
                let (gOffset, bOffset) = image.channels == 3 ? (1, 2) : (0, 0)
                switch precision {
                case .float64:
                    let (cr, cg, cb) = (weights.r / divisor, weights.g / divisor, weights.b / divisor)
                    let base = offset
                    if image.channels == 1 {
                        // MATLAB's replicated grey: one weight, summed in double.
                        let k = cr + cg + cb
                        for i in 0..<dst.count { dst[i] = Float(base + k * Double(src[i])) }
                    } else {
                        for i in 0..<dst.count {
                            let p = step * i
                            dst[i] = Float(base + cr * Double(src[p]) + cg * Double(src[p + gOffset]) + cb * Double(src[p + bOffset]))
                        }
                    }
                case .float32:
                    let (wr, wg, wb) = (Float(weights.r), Float(weights.g), Float(weights.b))
                    let (d, o) = (Float(divisor), Float(offset))
                    for i in 0..<dst.count {
                        let p = step * i
                        // Separate statements, one rounding each (Swift does not contract to FMA).
                        let r = wr * Float(src[p]), g = wg * Float(src[p + gOffset]), b = wb * Float(src[p + bOffset])
                        let sum = (r + g) + b
                        dst[i] = o + sum / d
                    }
                }
            }
        }
        return FloatImage(width: image.width, height: image.height, channels: 1, samples: out)
    }

    /// Y rounded to 8 bits with `rounding` (``LumaRounding/none`` rounds half away from zero).
    /// A one-channel image under `.useAsY` is returned unchanged.
    public func lumaBytes(_ image: ByteImage, gray: YCbCr.GrayHandling, precision: LumaPrecision,
                          rounding: LumaRounding) -> ByteImage {
        if image.channels == 1 && gray == .useAsY { return image }
        let y = luma(image, gray: gray, precision: precision)
        var out = [UInt8](repeating: 0, count: y.samples.count)
        y.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                switch rounding {
                case .none, .halfAway:
                    for i in 0..<src.count { dst[i] = roundClipToByte(src[i]) }
                case .halfEven, .truncate:
                    for i in 0..<src.count { dst[i] = rounding.byte(src[i]) }
                }
            }
        }
        return ByteImage(width: image.width, height: image.height, channels: 1, samples: out)
    }
}
