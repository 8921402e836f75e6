import Dispatch
import Foundation

/// Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004), as MATLAB `ssim_index`,
/// BasicSR `calculate_ssim` and scikit-image `structural_similarity(gaussian_weights=True,
/// sigma=1.5, use_sample_covariance=False, data_range=255)` compute it.
///
/// Local statistics come from an 11x11 Gaussian window (σ = 1.5, weights normalised to sum 1),
/// applied as two 11-tap passes (rows, then columns) over the valid region only, so the SSIM map
/// is `(width - 10) x (height - 10)` and no border padding is involved. With C1 = (0.01·255)²
/// and C2 = (0.03·255)²:
///
///     SSIM = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))
///
/// where σ² and σxy are the biased (population) weighted moments. The result is the mean of the
/// map; for several planes (RGB) the mean of the per-plane values. All arithmetic is Float64.
///
/// Rows of the map are cut into fixed 32-row chunks that run in parallel; the chunk sums are
/// added in chunk order, so the value does not depend on the number of cores.
public struct SSIM: Metric {
    /// Window side in pixels.
    public static let windowSide = 11
    /// Standard deviation of the Gaussian window, in pixels.
    public static let sigma = 1.5
    /// Stabiliser constant K1 (C1 = (K1·L)²).
    public static let k1 = 0.01
    /// Stabiliser constant K2 (C2 = (K2·L)²).
    public static let k2 = 0.03
    /// Dynamic range L of the samples (8-bit).
    public static let dynamicRange: Double = 255

    /// The 1-D Gaussian taps: `exp(-d²/(2σ²))` for d = -5...5, normalised to sum 1. Their outer
    /// product is MATLAB's `fspecial('gaussian', 11, 1.5)`.
    public static let taps: [Double] = {
        let radius = windowSide / 2
        let raw = (-radius...radius).map { d in exp(-Double(d * d) / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }()

    /// Output rows per parallel work item; fixed so results never depend on the core count.
    static let chunkRows = 32

    /// The SSIM metric with Wang et al.'s constants.
    public init() {}

    /// Registry and JSON key: `"ssim"`.
    public var name: String { "ssim" }
    /// `"SSIM"`.
    public var displayName: String { "SSIM" }
    /// Six decimals; SSIM lies in -1...1 and tables print four.
    public var fractionDigits: Int { 6 }
    /// The 11-pixel Gaussian window: images must be at least 11x11 after shaving.
    public var window: Int? { Self.windowSide }

    /// - Complexity: O(samples × 11 × 2) multiply-adds for five moments; two threads at most
    ///   busy per 32-row chunk; allocation per chunk (its 42 input rows of both planes and the
    ///   moment rows, about 0.3 KB per image column), none per pixel and none of whole-image size.
    public func evaluate(_ image: Planes, reference: Planes) throws -> Double {
        try image.checkSameShape(as: reference)
        try checkWindow(image, shave: 0)
        var total = 0.0
        for p in 0..<image.count {
            total += Self.meanMap(image, reference, plane: p)
        }
        return total / Double(image.count)
    }

    /// Mean of the SSIM map of plane `plane` of a pair (`width`, `height` >= 11).
    static func meanMap(_ x: Planes, _ y: Planes, plane: Int) -> Double {
        let outW = x.width - windowSide + 1, outH = x.height - windowSide + 1
        let chunks = (outH + chunkRows - 1) / chunkRows
        var sums = [Double](repeating: 0, count: chunks)
        sums.withUnsafeMutableBufferPointer { sums in
            let job = ChunkJob(x: x, y: y, plane: plane, width: x.width, outW: outW, outH: outH, sums: sums.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { job.run(chunk: $0) }
        }
        // Chunk order, not completion order: identical bits on any number of cores.
        var total = 0.0
        for s in sums { total += s }
        return total / Double(outW * outH)
    }
}

/// One plane pair's SSIM map, computed chunk by chunk; each chunk writes only its own sum slot.
///
/// `@unchecked Sendable` because it carries a raw pointer: the planes are only read, and chunk
/// `c` is the only writer of `sums[c]`, so concurrent `run` calls never share a written address.
private struct ChunkJob: @unchecked Sendable {
    let x: Planes
    let y: Planes
    let plane: Int
    let width: Int
    let outW: Int
    let outH: Int
    let sums: UnsafeMutablePointer<Double>

    /// Sum of the SSIM map over output rows `chunk * 32 ..< min(outH, (chunk + 1) * 32)`.
    ///
    /// Both passes loop over taps outside and pixels inside so the compiler can vectorise across
    /// pixels, and use the window's symmetry (`g[k] == g[10 - k]`): six multiplies per tap pair.
    func run(chunk: Int) {
        let side = SSIM.windowSide, half = side / 2
        let c1 = (SSIM.k1 * SSIM.dynamicRange) * (SSIM.k1 * SSIM.dynamicRange)
        let c2 = (SSIM.k2 * SSIM.dynamicRange) * (SSIM.k2 * SSIM.dynamicRange)
        let first = chunk * SSIM.chunkRows
        let last = min(outH, first + SSIM.chunkRows)
        let inRows = last - first + side - 1
        let g = SSIM.taps

        // The chunk's input rows of both planes, produced here (Y taken, shaved, widened) so no
        // whole-image Float64 copy ever exists.
        let xRows = UnsafeMutablePointer<Double>.allocate(capacity: inRows * width)
        defer { xRows.deallocate() }
        let yRows = UnsafeMutablePointer<Double>.allocate(capacity: inRows * width)
        defer { yRows.deallocate() }
        for r in 0..<inRows {
            x.copyRow(plane: plane, row: first + r, into: xRows + r * width)
            y.copyRow(plane: plane, row: first + r, into: yRows + r * width)
        }

        // Row pass: five moment images (x, y, x², y², xy) filtered horizontally, valid columns only,
        // stored moment-major: moment m of chunk row r starts at (m * inRows + r) * outW.
        let moments = 5
        let momentStride = inRows * outW
        let rowPass = UnsafeMutablePointer<Double>.allocate(capacity: moments * momentStride)
        defer { rowPass.deallocate() }
        let products = UnsafeMutablePointer<Double>.allocate(capacity: 3 * width)
        defer { products.deallocate() }
        for r in 0..<inRows {
            let xr = xRows + r * width, yr = yRows + r * width
            for i in 0..<width {
                let a = xr[i], b = yr[i]
                products[i] = a * a
                products[width + i] = b * b
                products[2 * width + i] = a * b
            }
            let out = rowPass + r * outW
            Self.filter(xr, into: out, count: outW, taps: g)
            Self.filter(yr, into: out + momentStride, count: outW, taps: g)
            Self.filter(products, into: out + 2 * momentStride, count: outW, taps: g)
            Self.filter(products + width, into: out + 3 * momentStride, count: outW, taps: g)
            Self.filter(products + 2 * width, into: out + 4 * momentStride, count: outW, taps: g)
        }

        // Column pass, one output row at a time into reused accumulators, then the map row.
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: moments * outW)
        defer { acc.deallocate() }
        var chunkSum = 0.0
        for r in 0..<(last - first) {
            for m in 0..<moments {
                let src = rowPass + m * momentStride + r * outW
                let dst = acc + m * outW
                let centre = g[half], mid = src + half * outW
                for j in 0..<outW { dst[j] = centre * mid[j] }
                for k in 0..<half {
                    let w = g[k], top = src + k * outW, bottom = src + (side - 1 - k) * outW
                    for j in 0..<outW { dst[j] += w * (top[j] + bottom[j]) }
                }
            }
            var rowSum = 0.0
            for j in 0..<outW {
                let mx = acc[j], my = acc[outW + j]
                let vx = acc[2 * outW + j] - mx * mx
                let vy = acc[3 * outW + j] - my * my
                let cxy = acc[4 * outW + j] - mx * my
                rowSum += ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
            }
            chunkSum += rowSum
        }
        sums[chunk] = chunkSum
    }

    /// `dst[j] = Σ_k g[k] · src[j + k]` for j in 0..<count: one valid-mode 11-tap row filter,
    /// written as the centre tap plus five symmetric pairs.
    @inline(__always)
    static func filter(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>,
                       count: Int, taps g: [Double]) {
        let side = SSIM.windowSide, half = side / 2
        let centre = g[half]
        for j in 0..<count { dst[j] = centre * src[j + half] }
        for k in 0..<half {
            let w = g[k], far = side - 1 - k
            for j in 0..<count { dst[j] += w * (src[j + k] + src[j + far]) }
        }
    }
}
