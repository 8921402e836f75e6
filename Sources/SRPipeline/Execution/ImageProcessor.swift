import Crypto
import Foundation
import SRImage

/// What one input image contributed.
struct ImageOutcome: Sendable {
    /// Input files read, with their SHA-256, for provenance.
    var inputs: [(name: String, sha256: String, bytes: Int)] = []
    /// The records, or nil when the image was skipped.
    var records = RecordBatch()
    /// Set when `--skip-bad` skipped the image: (file, reason).
    var skipped: (name: String, reason: String)?
    /// Items each image stage produced, in execution order.
    var stageItems: [Int] = []
    /// Nanoseconds each image stage took, in execution order.
    var stageNanos: [UInt64] = []
}

/// Runs the image-level stages of a manifest on one input image and joins the fields.
struct ImageProcessor: Sendable {
    let manifest: PipelineManifest
    let skipBad: Bool

    func process(_ job: ImageJob) throws -> ImageOutcome {
        var outcome = ImageOutcome()
        var values: [StageReference: [PipelineItem]] = [:]
        var fileBytes: [String: [UInt8]] = [:]
        let context = ItemContext(path: job.displayName, seed: manifest.seed)

        for stage in manifest.stages {
            let start = DispatchTime.now().uptimeNanoseconds
            var produced = 0
            if case let .decode(p) = stage.operation {
                let source = stage.inputs[0].reference.stage
                let name = job.names[source] ?? job.displayName
                do {
                    let bytes: [UInt8]
                    if let cached = fileBytes[source] {
                        bytes = cached
                    } else {
                        guard let url = job.files[source] else { throw PipelineError.badImage(path: name, reason: "no file for source '\(source)'") }
                        do {
                            bytes = [UInt8](try Data(contentsOf: url))
                        } catch {
                            throw PipelineError.badImage(path: name, reason: "cannot read the file: \((error as NSError).localizedDescription)")
                        }
                        fileBytes[source] = bytes
                        outcome.inputs.append((name, SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined(), bytes.count))
                    }
                    var image = try ImageDecoder.decode(bytes: bytes, name: name)
                    if p.mode == .rgb, image.channels == 1 { image = Replicate.rgb(image) }
                    values[StageReference(stage: stage.id, port: nil)] = [PipelineItem(key: [], image: .bytes(image))]
                    produced = 1
                } catch {
                    let reason: String
                    if case let PipelineError.badImage(_, r) = error { reason = r } else { reason = String(describing: error) }
                    if skipBad {
                        outcome.skipped = (name, reason)
                        outcome.records = RecordBatch()
                        return outcome
                    }
                    if error is PipelineError { throw error }
                    throw PipelineError.badImage(path: name, reason: reason)
                }
            } else {
                let inputs = stage.inputs.map { values[$0.reference] ?? [] }
                let outputs = try stage.operation.apply(inputs, stage: stage, context: context)
                let ports = stage.ports
                if ports.isEmpty {
                    values[StageReference(stage: stage.id, port: nil)] = outputs[0]
                    produced = outputs[0].count
                } else {
                    for (port, items) in zip(ports, outputs) {
                        values[StageReference(stage: stage.id, port: port)] = items
                    }
                    produced = outputs.first?.count ?? 0
                }
            }
            outcome.stageItems.append(produced)
            outcome.stageNanos.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        outcome.records = try join(values, path: job.displayName)
        return outcome
    }

    /// The `outputs` fan-in: one record per lineage key present in every field (an inner join,
    /// so an item a `filter` dropped on one branch drops the whole record), in the first field's order.
    func join(_ values: [StageReference: [PipelineItem]], path: String) throws -> RecordBatch {
        let fields = manifest.fields
        guard let driver = fields.first, let driving = values[driver.source] else { return RecordBatch() }
        let lookups = fields.dropFirst().map { field in
            Dictionary((values[field.source] ?? []).map { ($0.key, $0.image) }, uniquingKeysWith: { first, _ in first })
        }
        var batch = RecordBatch()
        var buffers = [[UInt8]](repeating: [], count: fields.count)
        var shapes = [[Int]?](repeating: nil, count: fields.count)
        var dtypes = [FieldDType?](repeating: nil, count: fields.count)
        for item in driving {
            var images = [item.image]
            for lookup in lookups {
                guard let match = lookup[item.key] else { break }
                images.append(match)
            }
            guard images.count == fields.count else { continue }
            for (i, field) in fields.enumerated() {
                let dtype = field.dtype ?? images[i].naturalDType
                let shape = FieldEncoding.append(images[i], dtype: dtype, layout: field.layout, normalize: field.normalize, to: &buffers[i])
                if let expected = shapes[i], expected != shape {
                    throw PipelineError.fieldShapeMismatch(field: field.name, path: path, expected: expected, actual: shape)
                }
                shapes[i] = shape
                dtypes[i] = dtype
            }
            batch.count += 1
            batch.provenance.append(item.provenance)
        }
        batch.fields = fields.enumerated().map { i, field in
            (ResolvedField(name: field.name, dtype: dtypes[i] ?? field.dtype ?? .uint8, shape: shapes[i] ?? [], layout: field.layout), buffers[i])
        }
        return batch
    }
}
