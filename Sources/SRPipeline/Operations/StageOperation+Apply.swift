import SRImage

/// Per-image facts an operation may need: the file (for messages) and the seed.
struct ItemContext {
    /// The input file as shown in messages and provenance.
    let path: String
    /// The manifest seed.
    let seed: UInt64
}

extension StageOperation {
    /// Runs an image-level operation (not `decode`, which the executor feeds with file bytes).
    ///
    /// `inputs` holds one item list per stage input, in the stage's input order; the result has
    /// one list per output port (multi-input operations) or a single list.
    func apply(_ inputs: [[PipelineItem]], stage: StageSpec, context: ItemContext) throws -> [[PipelineItem]] {
        func fail(_ reason: String) -> PipelineError { .operationFailed(stage: stage.id, path: context.path, reason: reason) }
        func each(_ body: (PipelineImage) throws -> PipelineImage) throws -> [[PipelineItem]] {
            [try inputs[0].map { PipelineItem(key: $0.key, image: try body($0.image), provenance: $0.provenance) }]
        }
        do {
            switch self {
            case .decode:
                throw fail("decode reads files and runs in the executor")
            case let .centerCrop(width, height):
                return try each { image in
                    guard width <= image.width, height <= image.height else {
                        throw fail("center-crop \(width)x\(height) is larger than the \(image.width)x\(image.height) image; add a filter stage (min_width/min_height) before it")
                    }
                    return try image.map(bytes: { try $0.centerCropped(width: width, height: height) },
                                         floats: { try $0.centerCropped(width: width, height: height) })
                }
            case let .modcrop(scale):
                return try each { image in
                    try image.map(bytes: { try $0.modcropped(scale) }, floats: { try $0.modcropped(scale) })
                }
            case let .resize(p):
                return try each { try Resizing.resize($0, to: try p.rule.target(width: $0.width, height: $0.height), kernel: p.kernel, precision: p.precision) }
            case let .toY(p):
                return try each { image in
                    guard case let .bytes(bytes) = image else {
                        throw fail("to-y needs 8-bit input; put to-y before any float32 resize or degrade")
                    }
                    if p.rounding == .none {
                        return .floats(p.definition.luma(bytes, gray: p.gray, precision: p.arithmetic))
                    }
                    return .bytes(p.definition.lumaBytes(bytes, gray: p.gray, precision: p.arithmetic, rounding: p.rounding))
                }
            case .toRGB:
                return try each { image in
                    image.channels == 3 ? image : image.map(bytes: Replicate.rgb, floats: Replicate.rgb)
                }
            case let .degrade(p):
                return try each { image in
                    let low = try Resizing.resize(image, to: .scale(1.0 / Double(p.scale)), kernel: p.kernel, precision: p.precision)
                    guard p.up else { return low }
                    return try Resizing.resize(low, to: .size(width: image.width, height: image.height), kernel: p.kernel, precision: p.precision)
                }
            case let .patches(p):
                return try Patches.extract(inputs, names: stage.inputs.map(\.name), parameters: p, fail: fail)
            case let .augment(p):
                return try Augmentation.apply(inputs, parameters: p, seed: context.seed, fail: fail)
            case let .filter(minWidth, minHeight):
                return [inputs[0].filter { $0.image.width >= minWidth && $0.image.height >= minHeight }]
            case .shuffle, .shards:
                throw fail("record-level operation run on images")
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw fail(String(describing: error))
        }
    }
}

/// Kernel lookup and precision handling shared by `resize` and `degrade`.
enum Resizing {
    static func resize(_ image: PipelineImage, to target: ResizeTarget, kernel: String, precision: SamplePrecision) throws -> PipelineImage {
        switch (image, precision) {
        case let (.bytes(bytes), .uint8):
            return .bytes(try ResamplerRegistry.standard.resampler(named: kernel).resize(bytes, to: target))
        case (_, .float32), (.floats, _):
            // Only MATLAB's imresize has a floating-point form; Pillow resamples 8-bit data.
            guard kernel == "matlab-bicubic" else {
                throw ImageError.invalidArgument("kernel '\(kernel)' works on 8-bit images only; use precision: uint8 or kernel: matlab-bicubic")
            }
            let result = try MatlabBicubic(rounding: .final).resize(image.asFloat, to: target)
            return precision == .uint8 ? .bytes(result.toBytes()) : .floats(result)
        }
    }
}

/// Grey to RGB by copying the plane into all three channels.
enum Replicate {
    static func rgb<S>(_ image: Image<S>) -> Image<S> {
        var out = [S]()
        out.reserveCapacity(image.samples.count * 3)
        for v in image.samples { out.append(v); out.append(v); out.append(v) }
        return Image(width: image.width, height: image.height, channels: 3, samples: out)
    }
}
