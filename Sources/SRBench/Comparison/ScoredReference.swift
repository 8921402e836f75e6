import SRImage

/// One image as it was scored, for the pictures of a report: the HR the metric compared SR
/// outputs with, and the bicubic input, both made by ``ScoreRunner``'s own protocol steps (not
/// a second implementation), so a gallery or figure shows exactly what the numbers measured.
package struct ScoredReference: Sendable {
    /// Catalogue name of the image.
    package let name: String
    /// The stored HR after the protocol's modcrop, colour when the file is colour (thumbnails,
    /// the figure's overview).
    package let hr: ByteImage
    /// What SR outputs were compared with, as bytes: Y under a Y protocol (`srcnn`), the stored
    /// channels under an RGB one (`basicsr`). A Y kept unrounded by the protocol is rounded here
    /// for display only.
    package let scored: ByteImage
    /// The `bicubic` model's output for this image: MATLAB bicubic of the LR the models got.
    package let bicubic: ByteImage
    /// The bicubic output's scores (seconds 0: not timed here).
    package let bicubicScore: ImageScore
    /// Border pixels the metrics ignored.
    package let shave: Int
    /// The runner's prepared inputs, kept to score saved outputs the same way.
    let prepared: ScoreRunner.Prepared
    let image: LocatedImage
    let sha256: String
}

/// Makes ``ScoredReference`` values for one report's protocol, LR source and data root.
package struct ScoredReferences: Sendable {
    let runner: ScoreRunner
    let request: ScoreRequest

    /// References under `evaluation` and `lrSource` for datasets found under `dataRoot`.
    package init(catalog: DatasetCatalog, evaluation: EvaluationProtocol, lrSource: LRSource, dataRoot: String) {
        runner = ScoreRunner(catalog: catalog)
        request = ScoreRequest(model: InterpolationPlugin(method: .bicubic), datasets: [], scales: [], dataRoot: dataRoot,
                               evaluation: evaluation, lrSource: lrSource)
    }

    /// The located files of `dataset` at `scale`, every image present (else the runner's error).
    package func locate(dataset: String, scale: Int) throws -> LocatedDataset {
        let located = try LocatedDataset.locate(try runner.catalog.dataset(dataset), root: request.dataRoot, scale: scale)
        try located.requireComplete()
        return located
    }

    /// Decodes `image`'s HR and makes its reference and bicubic input at `scale`.
    package func reference(_ image: LocatedImage, dataset: String, scale: Int) throws -> ScoredReference {
        let loaded = try ScoreRunner.load(image.hrPath)
        let prepared = try runner.prepare(image, hr: loaded.hr, dataset: dataset, scale: scale, request: request)
        let sr = try request.model.upscale(prepared.input)
        let score = try runner.score(prepared, sr: sr, seconds: 0, image: image, sha256: loaded.sha256, request: request, saving: nil).score
        return ScoredReference(name: image.name, hr: prepared.hr, scored: prepared.reference.toBytes(), bicubic: sr.toBytes(),
                               bicubicScore: score, shave: request.evaluation.shave(at: scale), prepared: prepared,
                               image: image, sha256: loaded.sha256)
    }

    /// The scores of a saved SR image against `reference`, computed as the scoring run did.
    package func score(_ sr: ByteImage, against reference: ScoredReference) throws -> ImageScore {
        try runner.score(reference.prepared, sr: sr.toFloat(), seconds: 0, image: reference.image,
                         sha256: reference.sha256, request: request, saving: nil).score
    }
}
