import SRModels

/// `mat`, `torch`, `safetensors`: ``CheckpointReader`` on one format, then
/// ``ArchitectureInference`` on what it read, as `bench score --model FILE` does (no inference
/// is run). Inputs detected as another format are skipped, so a crash file reproduces with
/// `bench score --model crash-file`. Every tensor read must hold exactly `product(shape)` values.
///
/// `torch` fuzzes whole files, so it mostly exercises the zip layer (mutations inside an entry
/// fail its CRC-32); the unpickler is reached through `pickle`.
enum CheckpointTarget {
    static func make(_ format: CheckpointFormat) -> FuzzTarget {
        let what = switch format {
        case .mat: "MATLAB Level-5 MAT"
        case .torch: "torch.save zip (zip layer, then data.pkl)"
        case .safetensors: "safetensors"
        }
        return FuzzTarget(name: format.rawValue, summary: "\(what) checkpoint reader + architecture inference") { bytes in
            guard CheckpointFormat.detect(bytes) == format else { return }
            readAndInfer(bytes, path: "fuzz-input." + format.rawValue)
        }
    }

    /// Reads, checks each tensor's value count, and infers the network.
    static func readAndInfer(_ bytes: [UInt8], path: String) {
        guard let checkpoint = try? CheckpointReader.read(bytes: bytes, path: path) else { return }
        for (name, tensor) in checkpoint.tensors {
            var elements = 1
            for d in tensor.shape {
                FuzzCheck.that(d >= 0, "tensor \(name) has a negative dimension in \(tensor.shape)")
                let (product, overflow) = elements.multipliedReportingOverflow(by: d)
                FuzzCheck.that(!overflow, "tensor \(name) shape \(tensor.shape) overflows")
                elements = product
            }
            FuzzCheck.that(tensor.values.count == elements, "tensor \(name) \(tensor.shape) holds \(tensor.values.count) values")
        }
        _ = try? ArchitectureInference.network(for: checkpoint)
    }
}
