import SRImage
import SRShards

extension ShardSchema {
    /// The shard schema of a run's resolved fields (same names, shapes, dtypes and layouts).
    init(resolved fields: [ResolvedField]) {
        self.init(fields: fields.map {
            ShardField(name: $0.name, dtype: $0.dtype == .uint8 ? .uint8 : .float32, shape: $0.shape, layout: $0.layout == .hwc ? .hwc : .chw)
        })
    }
}

extension DatasetProvenance {
    /// index.json's provenance of a run.
    init(run p: RunProvenance) {
        self.init(tool: "SRKit prep \(SRKitVersion.current)", manifest: p.manifest, manifestSHA256: p.manifestSHA256, seed: p.seed,
                  variables: p.variables,
                  inputs: p.inputs.map { ShardInputFile(path: $0.name, sha256: $0.sha256, bytes: $0.bytes) },
                  skipped: p.skipped.map { ShardSkippedInput(path: $0.name, reason: $0.reason) },
                  counts: p.counts, sources: p.sources)
    }
}
