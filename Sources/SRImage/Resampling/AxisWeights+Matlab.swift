extension AxisWeights {
    /// MATLAB `imresize` `'bicubic'` taps for one axis (`contributions` in `imresize.m`).
    ///
    /// - Kernel: Keys cubic with a = -0.5, `1.5|x|^3 - 2.5|x|^2 + 1` on `|x| <= 1` and
    ///   `-0.5|x|^3 + 2.5|x|^2 - 4|x| + 2` on `1 < |x| <= 2`.
    /// - Output `x` (1-based) samples the input at `u = x / scale + 0.5 (1 - 1 / scale)`.
    /// - Shrinking with antialiasing stretches the kernel: width `4 / scale`, weight
    ///   `scale * cubic(scale * d)`.
    /// - Taps `floor(u - width / 2) + 0...ceil(width) + 1`, weights divided by their sum, tap
    ///   columns whose weight is zero for every output removed, indices mirrored symmetrically
    ///   (`x1 x0 | x0 x1 ... xn | xn xn-1`), with a period of `2 * inputCount` as MATLAB's `aux`.
    ///
    /// Weights are computed in `Double` with the expressions above in MATLAB's order, so a
    /// float64 reference written from the same description gets the same bits.
    static func matlabCubic(inputCount: Int, outputCount: Int, scale: Double, antialiasing: Bool) -> AxisWeights {
        precondition(inputCount > 0 && outputCount > 0 && scale > 0)
        let stretched = antialiasing && scale < 1
        let kernelWidth = stretched ? 4 / scale : 4
        let span = Int(kernelWidth.rounded(.up)) + 2
        var weights = [Double](repeating: 0, count: outputCount * span)
        var indices = [Int](repeating: 0, count: outputCount * span)
        for x in 0..<outputCount {
            let u = Double(x + 1) / scale + 0.5 * (1 - 1 / scale)
            let left = (u - kernelWidth / 2).rounded(.down)
            var sum = 0.0
            for j in 0..<span {
                let index = left + Double(j)
                let w = stretched ? scale * matlabCubic(scale * (u - index)) : matlabCubic(u - index)
                weights[x * span + j] = w
                indices[x * span + j] = Int(index)
                sum += w
            }
            for j in 0..<span { weights[x * span + j] /= sum }
        }
        // MATLAB drops every column that is zero for all outputs ("kill = find(~any(weights, 1))");
        // it changes no value, and it saves taps.
        let kept = (0..<span).filter { j in (0..<outputCount).contains { weights[$0 * span + j] != 0 } }
        let taps = kept.count
        var keptWeights = [Double](); keptWeights.reserveCapacity(outputCount * taps)
        var keptIndices = [Int32](); keptIndices.reserveCapacity(outputCount * taps)
        let period = 2 * inputCount
        for x in 0..<outputCount {
            for j in kept {
                keptWeights.append(weights[x * span + j])
                // 1-based MATLAB index -> aux(mod(i - 1, 2n) + 1) -> 0-based.
                let m = ((indices[x * span + j] - 1) % period + period) % period
                keptIndices.append(Int32(m < inputCount ? m : period - 1 - m))
            }
        }
        return AxisWeights(inputCount: inputCount, outputCount: outputCount, taps: taps,
                           indices: keptIndices, weights: keptWeights)
    }

    /// Keys cubic convolution kernel, a = -0.5, written as MATLAB's `cubic()` in `imresize.m`.
    @inline(__always)
    static func matlabCubic(_ x: Double) -> Double {
        let absx = abs(x)
        let absx2 = absx * absx
        let absx3 = absx2 * absx
        if absx <= 1 { return 1.5 * absx3 - 2.5 * absx2 + 1 }
        if absx <= 2 { return -0.5 * absx3 + 2.5 * absx2 - 4 * absx + 2 }
        return 0
    }
}
