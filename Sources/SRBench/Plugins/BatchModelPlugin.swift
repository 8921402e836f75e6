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
    func upscale(batch: ModelBatch) throws -> [FloatImage]
}

extension BatchModelPlugin {
    /// One image as a batch of one (start-up paid per image; the runner never calls this).
    public func upscale(_ input: ModelInput) throws -> FloatImage {
        let out = try upscale(batch: ModelBatch(dataset: input.dataset, scale: input.scale, inputs: [input]))
        return out[0]
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
