/// Pillow's two 8-bit fixed-point passes (`ImagingResampleInner` and the `_8bpc` passes of
/// Pillow's `Resample.c`), on HWC-interleaved bytes.
///
/// Each output byte is `clip(( 2^21 + sum of byte * coefficient ) >> 22)`, with 32-bit
/// integer arithmetic and an arithmetic shift, so results are exact integers independent of
/// summation order; the vertical pass is therefore vectorised across a whole row.
enum FixedPointPass {
    /// Resizes as Pillow: horizontal pass first over only the rows the vertical pass reads,
    /// then the vertical pass; a pass whose size does not change is skipped.
    static func resize(_ image: ByteImage, width: Int, height: Int, filter: PillowResampler.Filter) -> ByteImage {
        let c = image.channels
        let vertical = PillowCoefficients(inputCount: image.height, outputCount: height, filter: filter)
        let needHorizontal = width != image.width
        let needVertical = height != image.height
        // Rows of the input the vertical pass touches (Pillow's ybox_first ..< ybox_last).
        let firstRow = Int(vertical.start[0])
        let lastRow = Int(vertical.start[height - 1] + vertical.count[height - 1])

        var rows = image.samples
        var rowCount = image.height
        var rowOffset = 0
        if needHorizontal {
            let horizontal = PillowCoefficients(inputCount: image.width, outputCount: width, filter: filter)
            let tempRows = lastRow - firstRow
            rows = [UInt8](unsafeUninitializedCapacity: tempRows * width * c) { buffer, count in
                image.samples.withUnsafeBufferPointer { src in
                    horizontalPass(src, firstRow: firstRow, rows: tempRows, channels: c, axis: horizontal, into: buffer)
                }
                count = tempRows * width * c
            }
            rowCount = tempRows
            rowOffset = firstRow
        }
        guard needVertical else {
            return ByteImage(width: width, height: rowCount, channels: c, samples: rows)
        }
        let rowLength = width * c
        let out = [UInt8](unsafeUninitializedCapacity: height * rowLength) { buffer, count in
            rows.withUnsafeBufferPointer { src in
                verticalPass(src, rowLength: rowLength, rowOffset: rowOffset, axis: vertical, into: buffer)
            }
            count = height * rowLength
        }
        return ByteImage(width: width, height: height, channels: c, samples: out)
    }

    /// Pillow's `clip8`: the accumulator (which started at 2^21, i.e. one half) shifted down by
    /// 22 bits, floor-divided, then clamped to 0...255.
    @inline(__always)
    static func clip8(_ sum: Int32) -> UInt8 {
        let v = sum >> PillowCoefficients.precisionBits
        return v < 0 ? 0 : v > 255 ? 255 : UInt8(truncatingIfNeeded: v)
    }

    /// Horizontal pass over input rows `firstRow ..< firstRow + rows`.
    static func horizontalPass(
        _ source: UnsafeBufferPointer<UInt8>, firstRow: Int, rows: Int, channels: Int,
        axis: PillowCoefficients, into destination: UnsafeMutableBufferPointer<UInt8>
    ) {
        let inLength = axis.inputCount * channels, outLength = axis.outputCount * channels
        let stride = axis.stride, outputs = axis.outputCount
        let half: Int32 = 1 << (PillowCoefficients.precisionBits - 1)
        axis.coefficients.withUnsafeBufferPointer { kk in
            axis.start.withUnsafeBufferPointer { starts in
                axis.count.withUnsafeBufferPointer { counts in
                    let src = source.baseAddress!, dst = destination.baseAddress!
                    let k = kk.baseAddress!, st = starts.baseAddress!, ct = counts.baseAddress!
                    RowParallel.forEachChunk(rows: rows, workPerRow: outLength * stride) { range in
                        for r in range {
                            let row = src + (r + firstRow) * inLength, out = dst + r * outLength
                            if channels == 3 {
                                for x in 0..<outputs {
                                    let kx = k + x * stride, p = row + Int(st[x]) * 3, n = Int(ct[x])
                                    var s0 = half, s1 = half, s2 = half
                                    for j in 0..<n {
                                        let w = kx[j], q = p + 3 * j
                                        s0 &+= Int32(q[0]) &* w
                                        s1 &+= Int32(q[1]) &* w
                                        s2 &+= Int32(q[2]) &* w
                                    }
                                    out[3 * x] = clip8(s0)
                                    out[3 * x + 1] = clip8(s1)
                                    out[3 * x + 2] = clip8(s2)
                                }
                            } else {
                                for x in 0..<outputs {
                                    let kx = k + x * stride, n = Int(ct[x])
                                    for c in 0..<channels {
                                        let p = row + Int(st[x]) * channels + c
                                        var s = half
                                        for j in 0..<n { s &+= Int32(p[j * channels]) &* kx[j] }
                                        out[x * channels + c] = clip8(s)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Vertical pass; input row `i` of the axis is row `i - rowOffset` of `source`.
    static func verticalPass(
        _ source: UnsafeBufferPointer<UInt8>, rowLength n: Int, rowOffset: Int,
        axis: PillowCoefficients, into destination: UnsafeMutableBufferPointer<UInt8>
    ) {
        let stride = axis.stride
        let half: Int32 = 1 << (PillowCoefficients.precisionBits - 1)
        axis.coefficients.withUnsafeBufferPointer { kk in
            axis.start.withUnsafeBufferPointer { starts in
                axis.count.withUnsafeBufferPointer { counts in
                    let src = source.baseAddress!, dst = destination.baseAddress!
                    let k = kk.baseAddress!, st = starts.baseAddress!, ct = counts.baseAddress!
                    RowParallel.forEachChunk(rows: axis.outputCount, workPerRow: n * stride) { range in
                        let acc = UnsafeMutablePointer<Int32>.allocate(capacity: n)
                        defer { acc.deallocate() }
                        for r in range {
                            let ky = k + r * stride, first = Int(st[r]) - rowOffset, taps = Int(ct[r])
                            for i in 0..<n { acc[i] = half }
                            for j in 0..<taps {
                                let row = src + (first + j) * n, w = ky[j]
                                for i in 0..<n { acc[i] &+= Int32(row[i]) &* w }
                            }
                            let out = dst + r * n
                            for i in 0..<n { out[i] = clip8(acc[i]) }
                        }
                    }
                }
            }
        }
    }
}
