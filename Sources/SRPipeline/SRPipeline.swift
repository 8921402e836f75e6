// SRPipeline: `prep run` manifests (YAML), their validation, the stage graph, the operations and
// the deterministic parallel executor.
