/// Pillow's NEAREST resize: `Image.resize` turns it into an affine scale transform
/// (`_resize` in `_imaging.c`, `ImagingScaleAffine` in `Geometry.c`), not a convolution.
///
/// The source coordinate of output column `x` is `in / out * 0.5` plus `x` steps of `in / out`,
/// accumulated in `Double` step by step as Pillow does (so rounding drift matches), then
/// truncated; a coordinate outside the input leaves the output pixel 0 (Pillow's fill).
enum PillowNearest {
    static func resize(_ image: ByteImage, width: Int, height: Int) -> ByteImage {
        let xs = table(input: image.width, output: width)
        let ys = table(input: image.height, output: height)
        let c = image.channels
        var out = [UInt8](repeating: 0, count: width * height * c)
        image.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height where ys[y] >= 0 {
                    let row = src.baseAddress! + ys[y] * image.width * c
                    let o = dst.baseAddress! + y * width * c
                    for x in 0..<width where xs[x] >= 0 {
                        for ch in 0..<c { o[x * c + ch] = row[xs[x] * c + ch] }
                    }
                }
            }
        }
        return ByteImage(width: width, height: height, channels: c, samples: out)
    }

    /// Source index per output index, or -1 when it falls outside the input.
    static func table(input: Int, output: Int) -> [Int] {
        // Pillow: a = (double)(box1 - box0) / size with the box in C floats, origin box0 = 0.
        let step = Double(Float(input)) / Double(output)
        var position = step * 0.5
        var result = [Int](repeating: -1, count: output)
        for i in 0..<output {
            // COORD(v): negative -> -1, else truncation.
            let index = position < 0 ? -1 : Int(position)
            if index >= 0 && index < input { result[i] = index }
            position += step
        }
        return result
    }
}
