import Foundation
import SRImage

/// Resampler speed on one Set14-sized RGB image, by registry name, for x1/4 down and x4 up.
///
/// The rate is input megapixels (`width * height / 10^6`) per second of the median run, uint8
/// in and out, including output allocation, as `prep resize` and the peers
/// (`Benchmarks/python/resize_peers.py`) do it. SRKit's passes use every core (2 here).
enum ResizeBenchmarks {
    /// Registry names timed; `matlab-bicubic` is the one the targets are about.
    static let resamplers = ["matlab-bicubic", "matlab-bicubic-uint8", "pillow-bicubic"]

    /// The scale factors timed, with their labels.
    static let scales: [(label: String, scale: Double)] = [("x1/4", 0.25), ("x4", 4)]

    /// Measures every resampler at every scale on `image` (a path relative to `dataRoot`), or
    /// only the cases whose label contains `only`.
    static func run(dataRoot: String, image: String, only: String? = nil) throws -> [Measurement] {
        let path = (dataRoot as NSString).appendingPathComponent(image)
        let source = try ImageDecoder.decode(contentsOf: path)
        let megapixels = Double(source.width * source.height) / 1e6
        let input = "\((image as NSString).lastPathComponent) \(source.width)x\(source.height)x\(source.channels)"
        var results: [Measurement] = []
        for name in resamplers {
            let resampler = try ResamplerRegistry.standard.resampler(named: name)
            for (label, scale) in scales where only.map("\(name) \(label)".contains) ?? true {
                // Enlarging is ~16x the output pixels of the input; fewer runs keep it short.
                let policy = scale > 1 ? RunPolicy(warmup: 2, minRuns: 10, minSeconds: 1)
                                       : RunPolicy(warmup: 5, minRuns: 30, minSeconds: 1)
                results.append(try measure("\(name) \(label)", input: input, unit: "MP/s", work: megapixels, policy: policy) {
                    try resampler.resize(source, to: .scale(scale))
                })
            }
        }
        return results
    }
}
