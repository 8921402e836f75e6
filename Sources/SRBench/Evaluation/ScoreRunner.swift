import Crypto
import Dispatch
import Foundation
import SRImage
import SRMetrics

/// Where LR images come from.
public enum LRSource: String, Sendable, CaseIterable {
    /// Made from the HR by the protocol's degradation (the default; reproducible from HR alone).
    case generate
    /// Read from the dataset's own LR files (BasicSR `LRbicx4`, SelfExSR `_LR.png`, DIV2K `X4`).
    case provided
}

/// What `bench score` is asked to do.
public struct ScoreRequest: Sendable {
    /// The model to evaluate.
    public var model: any ModelPlugin
    /// Catalogue keys, in report order.
    public var datasets: [String]
    /// Scales, in report order.
    public var scales: [Int]
    /// Folder holding the datasets.
    public var dataRoot: String
    /// The protocol, after overrides.
    public var evaluation: EvaluationProtocol
    /// Generated or provided LR.
    public var lrSource: LRSource
    /// When set, each SR image is saved as PNG under `<dir>/<dataset>/x<scale>/<name>.png`.
    public var saveImagesDirectory: String?

    /// Bundles the fields.
    public init(model: any ModelPlugin, datasets: [String], scales: [Int], dataRoot: String,
                evaluation: EvaluationProtocol, lrSource: LRSource = .generate, saveImagesDirectory: String? = nil) {
        self.model = model
        self.datasets = datasets
        self.scales = scales
        self.dataRoot = dataRoot
        self.evaluation = evaluation
        self.lrSource = lrSource
        self.saveImagesDirectory = saveImagesDirectory
    }
}

/// Runs a model over datasets × scales under a protocol and collects a ``ScoreReport``.
///
/// Images of a cell are scored in parallel on all cores; each image's model time is measured
/// around the plugin call alone, so seconds per image compare models, not I/O. A
/// ``BatchModelPlugin`` is called once per dataset × scale instead, and its time is shared out
/// over the cell's images.
public struct ScoreRunner: Sendable {
    /// The dataset catalogue.
    public let catalog: DatasetCatalog
    /// Tool version written into reports.
    public let toolVersion: String

    /// A runner over `catalog`.
    public init(catalog: DatasetCatalog, toolVersion: String = SRKitVersion.current) {
        self.catalog = catalog
        self.toolVersion = toolVersion
    }

    /// Scores every requested dataset × scale. `progress` is called after each image with
    /// (label, done, total) from any thread.
    ///
    /// Images run in parallel; each worker decodes and hashes an HR file once and scores it at
    /// every scale, so a ×2/3/4 run reads each file once rather than three times.
    public func run(_ request: ScoreRequest, progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws -> ScoreReport {
        var cells = [ScoreCell]()
        var provenance = [DatasetProvenance]()
        for name in request.datasets {
            let dataset = try catalog.dataset(name)
            let located = try request.scales.map { scale -> LocatedDataset in
                let l = try LocatedDataset.locate(dataset, root: request.dataRoot, scale: scale)
                try l.requireComplete()
                return l
            }
            let count = dataset.images.count
            let perImage: [[ImageResult]]
            if let batchModel = request.model as? any BatchModelPlugin {
                perImage = try runBatches(batchModel, located: located, dataset: dataset, request: request, progress: progress)
            } else {
                let slots = ResultSlots<[ImageResult]>(count: count)
                DispatchQueue.concurrentPerform(iterations: count) { i in
                    slots.set(i, Result {
                        var loaded: (path: String, hr: ByteImage, sha256: String)?
                        return try zip(request.scales, located).map { scale, l in
                            let image = l.images[i]
                            // SelfExSR keeps a different HR crop per scale; other layouts share one file.
                            if loaded?.path != image.hrPath { loaded = try Self.load(image.hrPath) }
                            let prepared = try prepare(image, hr: loaded!.hr, dataset: dataset.name, scale: scale, request: request)
                            let clock = ContinuousClock()
                            let start = clock.now
                            let sr = try request.model.upscale(prepared.input)
                            let seconds = Self.seconds(clock.now - start)
                            return try score(prepared, sr: sr, seconds: seconds, image: image, sha256: loaded!.sha256, request: request)
                        }
                    })
                    progress?(dataset.title, slots.completed, count)
                }
                perImage = try slots.values()
            }
            var hashes = [String: String]()
            for (k, scale) in request.scales.enumerated() {
                let results = perImage.map { $0[k] }
                for r in results { hashes[r.score.name] = r.sha256 }
                let scores = results.map(\.score)
                cells.append(ScoreCell(
                    dataset: dataset.name, scale: scale,
                    psnr: MetricValue(Self.mean(scores.map(\.psnr.value))),
                    ssim: MetricValue(Self.mean(scores.map(\.ssim.value))),
                    secondsPerImage: Self.mean(scores.map(\.seconds)), images: scores))
            }
            provenance.append(DatasetProvenance(name: dataset.name, layout: located.last?.layout.name ?? "",
                                                root: request.dataRoot, sha256: hashes))
        }
        let details = request.model.reportDetails
        return ScoreReport(tool: "SRKit \(toolVersion)", model: request.model.name,
                           evaluation: request.evaluation.reportSettings, datasets: provenance, cells: cells,
                           timing: request.model.timing, modelDetails: details.isEmpty ? nil : details)
    }

    /// The batch flow, one scale at a time: make every LR of the cell in parallel, run the model
    /// once on all of them, then decode the HR again and score in parallel. HR images are not
    /// kept across the model call, so memory holds only the LR images of one cell.
    func runBatches(_ model: any BatchModelPlugin, located: [LocatedDataset], dataset: DatasetDescription,
                    request: ScoreRequest, progress: (@Sendable (String, Int, Int) -> Void)?) throws -> [[ImageResult]] {
        let count = dataset.images.count
        var byScale = [[ImageResult]]()
        for (scale, l) in zip(request.scales, located) {
            let inputSlots = ResultSlots<ModelInput>(count: count)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                inputSlots.set(i, Result {
                    let image = l.images[i]
                    return try prepare(image, hr: try Self.load(image.hrPath).hr, dataset: dataset.name, scale: scale,
                                       request: request).input
                })
            }
            let inputs = try inputSlots.values()
            let clock = ContinuousClock()
            let start = clock.now
            let result = try model.upscale(batch: ModelBatch(dataset: dataset.name, scale: scale, inputs: inputs))
            let outputs = result.images
            let seconds = (result.modelSeconds ?? Self.seconds(clock.now - start)) / Double(max(count, 1))
            guard outputs.count == count else {
                throw BenchError.wrongOutputCount(model: model.name, dataset: dataset.name, scale: scale,
                                                  expected: count, actual: outputs.count)
            }
            let slots = ResultSlots<ImageResult>(count: count)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots.set(i, Result {
                    let image = l.images[i]
                    let loaded = try Self.load(image.hrPath)
                    let prepared = try prepare(image, hr: loaded.hr, dataset: dataset.name, scale: scale, request: request,
                                               makeLR: false)
                    return try score(prepared, sr: outputs[i], seconds: seconds, image: image, sha256: loaded.sha256,
                                     request: request)
                })
                progress?("\(dataset.title) x\(scale)", slots.completed, count)
            }
            byScale.append(try slots.values())
        }
        // Per image, then per scale: the shape the per-image flow produces.
        return (0..<count).map { i in byScale.map { $0[i] } }
    }

    /// Seconds in a duration, as a Double.
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Mean of per-image values (the field's convention: average PSNR, not PSNR of average MSE).
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    struct ImageResult: Sendable {
        let score: ImageScore
        let sha256: String
    }

    /// Reads, hashes and decodes one HR file.
    static func load(_ path: String) throws -> (path: String, hr: ByteImage, sha256: String) {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw ImageError.unreadable(path: path, reason: "cannot open the file")
        }
        let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return (path, try ImageDecoder.decode(bytes: [UInt8](bytes), name: path), sha)
    }

    /// One image made ready for the model: the HR as the metric sees it, the reference and the
    /// model's input.
    struct Prepared {
        let hr: ByteImage
        let reference: FloatImage
        let space: EvaluationProtocol.ModelSpace
        let input: ModelInput
    }

    /// The protocol's steps before the model, in order. With `makeLR` false the LR is left empty
    /// (the batch flow scores after the model ran and needs only the HR side).
    func prepare(_ image: LocatedImage, hr decoded: ByteImage, dataset: String, scale: Int, request: ScoreRequest,
                 makeLR: Bool = true) throws -> Prepared {
        let p = request.evaluation
        var hr = decoded
        if p.modcrop { hr = try hr.modcropped(scale) }
        // An RGB metric needs the model to work on the stored channels.
        let space: EvaluationProtocol.ModelSpace = p.channel == .rgb ? .rgb : p.modelSpace
        if space == .rgb, hr.channels == 1, p.gray == .throughRGB { hr = hr.expandedToRGB() }

        // The reference the SR output is compared with, and the LR the model receives.
        let reference: FloatImage
        var lr = FloatImage(width: 0, height: 0, channels: 1)
        if space == .y {
            reference = p.roundY ? YCbCr.lumaRounded(hr, gray: p.gray).toFloat() : YCbCr.luma(hr, gray: p.gray)
            if makeLR, request.lrSource == .provided {
                let provided = try ImageDecoder.decode(contentsOf: try providedLR(image, dataset: dataset, scale: scale))
                lr = p.roundY ? YCbCr.lumaRounded(provided, gray: p.gray).toFloat() : YCbCr.luma(provided, gray: p.gray)
            } else if makeLR {
                lr = try degrade(reference, scale: scale, kernel: p.degradeKernel)
            }
        } else {
            reference = hr.toFloat()
            if makeLR, request.lrSource == .provided {
                var provided = try ImageDecoder.decode(contentsOf: try providedLR(image, dataset: dataset, scale: scale))
                if provided.channels == 1, hr.channels == 3 { provided = provided.expandedToRGB() }
                lr = provided.toFloat()
            } else if makeLR {
                lr = try degrade(reference, scale: scale, kernel: p.degradeKernel)
            }
        }
        if makeLR, p.lrStorage == .uint8 { lr = lr.toBytes().toFloat() }

        let input = ModelInput(lr: lr, scale: scale, outputWidth: reference.width, outputHeight: reference.height,
                               imageName: image.name, dataset: dataset)
        return Prepared(hr: hr, reference: reference, space: space, input: input)
    }

    /// The protocol's steps after the model: size check, uint8 storage, optional save, metrics.
    func score(_ prepared: Prepared, sr srFloat: FloatImage, seconds: Double, image: LocatedImage, sha256 sha: String,
               request: ScoreRequest) throws -> ImageResult {
        let p = request.evaluation
        let (hr, reference, space) = (prepared.hr, prepared.reference, prepared.space)
        let dataset = prepared.input.dataset, scale = prepared.input.scale
        guard srFloat.width == reference.width, srFloat.height == reference.height else {
            throw BenchError.wrongOutputSize(image: image.hrPath, expected: "\(reference.width)x\(reference.height)",
                                             actual: "\(srFloat.width)x\(srFloat.height)")
        }
        // Every protocol stores the SR output as uint8 before scoring, as MATLAB's uint8() and BasicSR's tensor2img do.
        let sr = srFloat.toBytes()
        if let dir = request.saveImagesDirectory {
            let folder = "\(dir)/\(dataset)/x\(scale)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try ImageEncoder.write(sr, to: "\(folder)/\(image.name).png")
        }

        let psnr: Double, ssim: Double
        let shave = p.shave(at: scale)
        if space == .y {
            psnr = try PSNR().evaluate(sr.toFloat(), reference: reference, shave: shave)
            ssim = try SSIM().evaluate(sr.toFloat(), reference: reference, shave: shave)
        } else {
            let options = MetricOptions(shave: shave, channel: p.channel, roundY: p.roundY, grayHandling: p.gray)
            psnr = try PSNR().evaluate(sr, reference: hr, options: options)
            ssim = try SSIM().evaluate(sr, reference: hr, options: options)
        }
        return ImageResult(score: ImageScore(name: image.name, psnr: MetricValue(psnr), ssim: MetricValue(ssim), seconds: seconds),
                           sha256: sha)
    }

    private func providedLR(_ image: LocatedImage, dataset: String, scale: Int) throws -> String {
        guard let path = image.lrPath else {
            throw BenchError.missingLR(dataset: dataset, image: image.name, scale: scale)
        }
        return path
    }

    /// Shrinks by `scale` with the named kernel; the MATLAB kernel keeps floats (no rounding),
    /// other kernels work on bytes as their references do.
    func degrade(_ image: FloatImage, scale: Int, kernel: String) throws -> FloatImage {
        let resampler = try ResamplerRegistry.standard.resampler(named: kernel)
        let target = ResizeTarget.scale(1.0 / Double(scale))
        if let matlab = resampler as? MatlabBicubic, matlab.rounding == .final {
            return try matlab.resize(image, to: target)
        }
        return try resampler.resize(image.toBytes(), to: target).toFloat()
    }
}

extension ByteImage {
    /// A grey image as three equal channels (how BasicSR reads a grey file with `cv2.imread`).
    func expandedToRGB() -> ByteImage {
        guard channels == 1 else { return self }
        var out = [UInt8](repeating: 0, count: samples.count * 3)
        for i in 0..<samples.count { out[3 * i] = samples[i]; out[3 * i + 1] = samples[i]; out[3 * i + 2] = samples[i] }
        return ByteImage(width: width, height: height, channels: 3, samples: out)
    }
}

/// Results written by parallel workers into fixed slots, read once all are done.
package final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private var done = 0
    private let lock = NSLock()

    package init(count: Int) { slots = Array(repeating: nil, count: count) }

    package func set(_ i: Int, _ r: Result<T, any Error>) {
        lock.lock(); defer { lock.unlock() }
        slots[i] = r
        done += 1
    }

    package var completed: Int { lock.lock(); defer { lock.unlock() }; return done }

    /// The values in order, or the first error in slot order.
    package func values() throws -> [T] { try slots.map { try $0!.get() } }
}
