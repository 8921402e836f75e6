import SRPipeline

/// `manifest`: a `prep run` manifest through ``ManifestReader/load(path:overrides:sourceFolders:)``
/// (UTF-8 check, YAML, variables, sources, stages, outputs, the stage graph), then both graph
/// renderings, as `prep validate` and `prep graph` do. The input is written to `manifest.yaml`
/// in the scratch folder, so a crash file reproduces with `prep validate crash-file`.
enum ManifestTarget {
    static func make() -> FuzzTarget {
        FuzzTarget(name: "manifest", summary: "prep manifest YAML: ManifestReader.load, stage graph, text and dot rendering") { input in
            let path = ScratchSpace.write(input, to: "manifest.yaml")
            guard let manifest = try? ManifestReader.load(path: path) else { return }
            _ = GraphRendering.text(manifest)
            _ = GraphRendering.dot(manifest)
        }
    }
}
