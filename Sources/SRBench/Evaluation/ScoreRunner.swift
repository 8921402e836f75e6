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
    /// When set, each SR image (the uint8 image that is scored) is saved as PNG there, named as
    /// ``saveNaming`` says.
    public var saveImagesDirectory: String?
    /// How saved images are named: `plain` (`<dataset>/x<scale>/<name>.png`, the default) or
    /// `selfexsr` (`<Set>/image_SRF_<s>/img_NNN_SRF_<s>_<Method>.png`); both read back with `dir:`.
    public var saveNaming: String
    /// The method in SelfExSR-style names; nil for ``SavedImages/defaultMethod(model:)``.
    public var saveMethod: String?

    /// Bundles the fields.
    public init(model: any ModelPlugin, datasets: [String], scales: [Int], dataRoot: String,
                evaluation: EvaluationProtocol, lrSource: LRSource = .generate, saveImagesDirectory: String? = nil,
                saveNaming: String = "plain", saveMethod: String? = nil) {
        self.model = model
        self.datasets = datasets
        self.scales = scales
        self.dataRoot = dataRoot
        self.evaluation = evaluation
        self.lrSource = lrSource
        self.saveImagesDirectory = saveImagesDirectory
        self.saveNaming = saveNaming
        self.saveMethod = saveMethod
    }
}

/// Runs a model over datasets × scales under a protocol and collects a ``ScoreReport``.
///
/// Images of a cell are decoded, degraded and scored in parallel on all cores, but the model is
/// called for one image at a time (``SerialModelCalls``) and each call is timed alone, so seconds
/// per image are what running that model by itself costs, and compare models, not I/O. A
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
    /// Images are prepared and scored in parallel and the model is called for one at a time
    /// (``SerialModelCalls``); each HR file is decoded and hashed once and scored at every scale,
    /// so a ×2/3/4 run reads each file once rather than three times.
    public func run(_ request: ScoreRequest, progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws -> ScoreReport {
        let saving = try request.saveImagesDirectory.map { try SavedImages(directory: $0, naming: request.saveNaming,
                                                                            method: request.saveMethod, model: request.model.name) }
        var cells = [ScoreCell]()
        var provenance = [DatasetProvenance]()
        for name in request.datasets {
            let dataset = try catalog.dataset(name)
            let located = try request.scales.map { scale -> LocatedDataset in
                let l = try LocatedDataset.locate(dataset, root: request.dataRoot, scale: scale)
                try l.requireComplete()
                return l
            }
            let perImage: [[ImageResult]]
            if let batchModel = request.model as? any BatchModelPlugin {
                perImage = try runBatches(batchModel, located: located, dataset: dataset, request: request, saving: saving,
                                          progress: progress)
            } else {
                perImage = try runPerImage(located: located, dataset: dataset, request: request, saving: saving,
                                           progress: progress)
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
        var details = request.model.reportDetails
        if details["timing"] == nil { details["timing"] = request.model.timing.condition }
        return ScoreReport(tool: "SRKit \(toolVersion)", model: request.model.name,
                           evaluation: request.evaluation.reportSettings, datasets: provenance, cells: cells,
                           timing: request.model.timing, modelDetails: details.isEmpty ? nil : details)
    }

    /// The per-image flow: every image at every scale (image by image), prepared and scored in
    /// parallel while the model is called for one at a time (``SerialModelCalls``). Each HR file
    /// is decoded once for all its scales and dropped after the last one is prepared.
    func runPerImage(located: [LocatedDataset], dataset: DatasetDescription, request: ScoreRequest, saving: SavedImages?,
                     progress: (@Sendable (String, Int, Int) -> Void)?) throws -> [[ImageResult]] {
        let count = dataset.images.count, scales = request.scales
        let cache = HRCache()
        let finished = ProgressCounter()
        let flat = try SerialModelCalls.run(
            count: count * scales.count, timed: request.model.timing != .notMeasured,
            before: { n in
                let (i, k) = (n / scales.count, n % scales.count)
                let image = located[k].images[i]
                let hr = try cache.hr(i, path: image.hrPath, last: k == scales.count - 1)
                return (try prepare(image, hr: hr.hr, dataset: dataset.name, scale: scales[k], request: request), hr.sha256)
            },
            call: { prepared in try request.model.upscale(prepared.0.input) },
            after: { n, prepared, sr, seconds in
                let (i, k) = (n / scales.count, n % scales.count)
                let result = try score(prepared.0, sr: sr, seconds: seconds, image: located[k].images[i], sha256: prepared.1,
                                       request: request, saving: saving)
                if k == scales.count - 1 { progress?(dataset.title, finished.increment(), count) }
                return result
            })
        return (0..<count).map { i in Array(flat[(i * scales.count)..<((i + 1) * scales.count)]) }
    }

    /// The batch flow, one scale at a time: make every LR of the cell in parallel, run the model
    /// once on all of them, then decode the HR again and score in parallel. HR images are not
    /// kept across the model call, so memory holds only the LR images of one cell.
    func runBatches(_ model: any BatchModelPlugin, located: [LocatedDataset], dataset: DatasetDescription,
                    request: ScoreRequest, saving: SavedImages?,
                    progress: (@Sendable (String, Int, Int) -> Void)?) throws -> [[ImageResult]] {
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
                                     request: request, saving: saving)
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
        // The grey rule (EvaluationProtocol+GreyRule): HR and provided LR alike, by stored channels.
        if space == .rgb { hr = p.modelChannels(hr) }

        // The reference the SR output is compared with, and the LR the model receives.
        let reference: FloatImage
        var lr = FloatImage(width: 0, height: 0, channels: 1)
        if space == .y {
            reference = p.metricLuma(hr)
            if makeLR, request.lrSource == .provided {
                lr = p.metricLuma(try ImageDecoder.decode(contentsOf: try providedLR(image, dataset: dataset, scale: scale)))
            } else if makeLR {
                lr = try degrade(reference, scale: scale, kernel: p.degradeKernel)
            }
        } else {
            reference = hr.toFloat()
            if makeLR, request.lrSource == .provided {
                lr = p.modelChannels(try ImageDecoder.decode(contentsOf: try providedLR(image, dataset: dataset, scale: scale))).toFloat()
            } else if makeLR {
                lr = try degrade(reference, scale: scale, kernel: p.degradeKernel)
            }
        }
        if makeLR, p.lrStorage == .uint8 { lr = lr.toBytes().toFloat() }

        let input = ModelInput(lr: lr, scale: scale, outputWidth: reference.width, outputHeight: reference.height,
                               imageName: image.name, dataset: dataset, aliases: image.entry.aliases)
        return Prepared(hr: hr, reference: reference, space: space, input: input)
    }

    /// The protocol's steps after the model: size check, uint8 storage, optional save, the grey
    /// rule, metrics.
    func score(_ prepared: Prepared, sr srFloat: FloatImage, seconds: Double, image: LocatedImage, sha256 sha: String,
               request: ScoreRequest, saving: SavedImages?) throws -> ImageResult {
        let p = request.evaluation
        let (hr, reference, space) = (prepared.hr, prepared.reference, prepared.space)
        let dataset = prepared.input.dataset, scale = prepared.input.scale
        guard srFloat.width == reference.width, srFloat.height == reference.height else {
            throw BenchError.wrongOutputSize(image: image.hrPath, expected: "\(reference.width)x\(reference.height)",
                                             actual: "\(srFloat.width)x\(srFloat.height)")
        }
        // Every protocol stores the SR output as uint8 before scoring, as MATLAB's uint8() and BasicSR's tensor2img do.
        let sr = srFloat.toBytes()
        try saving?.write(sr, dataset: dataset, image: image.entry, scale: scale)

        let psnr: Double, ssim: Double
        let shave = p.shave(at: scale)
        if space == .y {
            let y = p.outputLuma(sr)
            psnr = try PSNR().evaluate(y, reference: reference, shave: shave)
            ssim = try SSIM().evaluate(y, reference: reference, shave: shave)
        } else {
            (psnr, ssim) = try p.scoreStored(sr, reference: hr, shave: shave)
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
