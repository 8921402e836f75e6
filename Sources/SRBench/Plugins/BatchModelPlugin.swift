import SRImage

/// A model that is run once per dataset × scale on all its LR images, rather than once per image:
/// an external command (``ExecPlugin``) pays its start-up cost (interpreter, weights, GPU) once
/// per batch, not once per image.
///
/// The runner recognises this protocol: it makes every LR of the cell first, hands them over in
/// one ``upscale(batch:)`` call, then scores the results. ``ModelPlugin/upscale(_:)`` still works
/// (a batch of one), so code written against ``ModelPlugin`` keeps working.
public protocol BatchModelPlugin: ModelPlugin {
    /// Upscales every input of `batch`; the result has one image per input, in the same order,
    /// each of the input's `outputWidth`×`outputHeight`, on the 0...255 scale.
    func upscale(batch: ModelBatch) throws -> ModelBatchOutput
}

/// What a ``BatchModelPlugin`` returns: the SR images and, when the plugin can tell its model's
/// time apart from its own file handling, that time.
public struct ModelBatchOutput: Sendable {
    /// One SR image per input, in input order.
    public let images: [FloatImage]
    /// Wall time of the model alone for the whole batch, seconds (for `exec:` the command's run,
    /// not the PNG writing and reading around it); nil to let the runner time the whole call.
    public let modelSeconds: Double?

    /// Bundles the fields.
    public init(images: [FloatImage], modelSeconds: Double? = nil) {
        self.images = images
        self.modelSeconds = modelSeconds
    }
}

extension BatchModelPlugin {
    /// One image as a batch of one (start-up paid per image; the runner never calls this).
    public func upscale(_ input: ModelInput) throws -> FloatImage {
        let out = try upscale(batch: ModelBatch(dataset: input.dataset, scale: input.scale, inputs: [input]))
        return out.images[0]
    }

    /// A batch plugin is timed per batch; seconds per image is the batch's wall time over its size.
    public var timing: ModelTiming { .perBatch }
}

/// All LR images of one dataset at one scale, in catalogue order.
public struct ModelBatch: Sendable {
    /// Dataset key (`set5`).
    public let dataset: String
    /// Upscaling factor shared by every input.
    public let scale: Int
    /// The images, in catalogue order.
    public let inputs: [ModelInput]

    /// Bundles the fields.
    public init(dataset: String, scale: Int, inputs: [ModelInput]) {
        self.dataset = dataset
        self.scale = scale
        self.inputs = inputs
    }
}
