import SRImage

/// Chooses where a gallery zooms in: the square window in which the candidates' errors
/// against the HR differ most.
///
/// Each candidate (the bicubic input and every model) gets its squared error per pixel, summed
/// over channels; the window's spread is the largest minus the smallest candidate's sum over
/// the window. The window with the largest spread is where one method visibly beats another,
/// which is what a paper's zoomed crops are chosen to show; with one model it is where the
/// model differs most from bicubic. Squared error, because that is what PSNR counts.
/// Windows stay off the border the metrics shave. Summed-area tables make every position
/// O(candidates); ties go to the first window in reading order, so the choice is reproducible.
enum CropFinder {
    /// The gallery's window side when the image allows it.
    static let defaultSize = 48

    /// The window of side `size` (or smaller, to fit inside the shaved image) with the largest
    /// spread of the candidates' errors against `reference`. All images share one size and
    /// channel count.
    static func mostDifferent(reference: ByteImage, candidates: [ByteImage], shave: Int, size: Int = defaultSize) -> CropRegion {
        let w = reference.width, h = reference.height
        // Inside the shaved border when there is room, else the whole image.
        var (x0, y0, x1, y1) = (shave, shave, w - shave, h - shave)
        if x1 - x0 < 1 || y1 - y0 < 1 { (x0, y0, x1, y1) = (0, 0, w, h) }
        let side = max(1, min(size, x1 - x0, y1 - y0))
        let tables = candidates.map { summedSquaredError($0, reference) }
        var best = CropRegion(x: x0, y: y0, width: side, height: side)
        var bestSpread = -Double.infinity
        let stride = w + 1
        for y in y0...(y1 - side) {
            for x in x0...(x1 - side) {
                var lo = Double.infinity, hi = -Double.infinity
                for t in tables {
                    let s = t[(y + side) * stride + x + side] - t[y * stride + x + side] - t[(y + side) * stride + x] + t[y * stride + x]
                    lo = min(lo, s)
                    hi = max(hi, s)
                }
                if hi - lo > bestSpread {
                    bestSpread = hi - lo
                    best = CropRegion(x: x, y: y, width: side, height: side)
                }
            }
        }
        return best
    }

    /// The summed-area table ((w+1)×(h+1), row-major) of the squared error of `a` against `b`.
    static func summedSquaredError(_ a: ByteImage, _ b: ByteImage) -> [Double] {
        let w = a.width, h = a.height, c = a.channels
        var table = [Double](repeating: 0, count: (w + 1) * (h + 1))
        a.samples.withUnsafeBufferPointer { pa in
            b.samples.withUnsafeBufferPointer { pb in
                for y in 0..<h {
                    var row = 0.0
                    for x in 0..<w {
                        var e = 0.0
                        for k in 0..<c {
                            let d = Double(Int(pa[(y * w + x) * c + k]) - Int(pb[(y * w + x) * c + k]))
                            e += d * d
                        }
                        row += e
                        table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1] + row
                    }
                }
            }
        }
        return table
    }
}
