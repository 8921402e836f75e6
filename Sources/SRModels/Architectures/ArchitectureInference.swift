/// Turns a checkpoint's tensors into a runnable ``SRNetwork`` by names and shapes.
///
/// MAT files: the authors' SRCNN layout (`weights_convN`/`biases_convN`). State dicts: SRCNN
/// (3 convs, output channels = input channels), FSRCNN (PReLUs, transposed last layer), ESPCN
/// (last conv has `c·r²` outputs). Anything else is ``ModelError/unknownArchitecture(path:tensors:)``
/// listing every tensor found.
public enum ArchitectureInference {
    /// The network described by `checkpoint`.
    public static func network(for checkpoint: Checkpoint) throws -> SRNetwork {
        if checkpoint.format == .mat { return try SRCNN.fromMAT(checkpoint) }
        let scan = try LayerScan(checkpoint)
        if let net = try SRCNN.match(scan) { return net }
        if let net = try FSRCNN.match(scan) { return net }
        if let net = try ESPCN.match(scan) { return net }
        throw ModelError.unknownArchitecture(path: checkpoint.path, tensors: checkpoint.listing)
    }
}
