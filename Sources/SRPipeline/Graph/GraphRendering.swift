/// Text and Graphviz renderings of a manifest's stage graph, for `prep graph`.
public enum GraphRendering {
    /// One line per node in execution order: `id  op(params)  <- inputs`.
    public static func text(_ manifest: PipelineManifest) -> String {
        var lines: [String] = []
        for source in manifest.sources {
            switch source.selection {
            case let .folder(url, glob): lines.append("source \(source.id)  folder \(url.path) glob \(glob)")
            case let .files(_, files): lines.append("source \(source.id)  \(files.count) listed files")
            }
        }
        for stage in manifest.stages {
            let inputs = stage.inputs.map { $0.name == "in" ? $0.reference.description : "\($0.name)=\($0.reference)" }
            let ports = stage.ports.isEmpty ? "" : "  -> ports \(stage.ports.joined(separator: ", "))"
            lines.append("stage \(stage.id)  \(stage.operation.kind.rawValue)\(describe(stage.operation))  <- \(inputs.joined(separator: ", "))\(ports)")
        }
        let fields = manifest.fields.map { "\($0.name)=\($0.source)\($0.dtype.map { " \($0.rawValue)" } ?? "") \($0.layout.rawValue)\($0.normalize ? " /255" : "")" }
        lines.append("join outputs  <- \(fields.joined(separator: ", "))")
        for stage in manifest.recordStages {
            lines.append("stage \(stage.id)  \(stage.operation.kind.rawValue)\(describe(stage.operation))  <- \(stage.inputs[0].reference)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A `digraph` for Graphviz (`prep graph FILE --dot | dot -Tsvg`).
    public static func dot(_ manifest: PipelineManifest) -> String {
        func quote(_ s: String) -> String { "\"\(s.replacingOccurrences(of: "\"", with: "\\\""))\"" }
        var out = ["digraph \(quote(manifest.name)) {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for source in manifest.sources {
            out.append("  \(quote(source.id)) [shape=folder, label=\(quote("source \(source.id)"))];")
        }
        for stage in manifest.stages + manifest.recordStages {
            out.append("  \(quote(stage.id)) [label=\(quote("\(stage.id)\n\(stage.operation.kind.rawValue)\(describe(stage.operation))"))];")
            for input in stage.inputs {
                let label = input.name == "in" ? "" : " [label=\(quote(input.name))]"
                out.append("  \(quote(input.reference.stage)) -> \(quote(stage.id))\(label);")
            }
        }
        out.append("  \(quote(StageGraph.outputsID)) [shape=invhouse, label=\"outputs (join)\"];")
        for field in manifest.fields {
            out.append("  \(quote(field.source.stage)) -> \(quote(StageGraph.outputsID)) [label=\(quote(field.source.port.map { "\(field.name) (\($0))" } ?? field.name))];")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    /// Parameters in brackets, e.g. `(size 32, stride 14)`.
    static func describe(_ operation: StageOperation) -> String {
        let text: String
        switch operation {
        case let .decode(p): text = "mode \(p.mode.rawValue)"
        case let .centerCrop(w, h): text = "\(w)x\(h)"
        case let .modcrop(s): text = "scale \(s)"
        case let .resize(p): text = "\(p.kernel), \(p.rule.summary), \(p.precision.rawValue)"
        case let .toY(p):
            let rounding = p.rounding == .none ? "float" : p.rounding == .halfAway ? "rounded" : "rounded \(p.rounding.rawValue)"
            text = "\(p.definition.name) \(p.arithmetic.rawValue), \(rounding), grey \(p.gray.rawValue)"
        case .toRGB: text = ""
        case let .degrade(p): text = "x\(p.scale) \(p.kernel)\(p.up ? " down+up" : " down"), \(p.precision.rawValue)"
        case let .patches(p): text = "size \(p.size), stride \(p.stride), reference \(p.reference)\(p.coverEdges ? ", cover edges" : "")"
        case let .augment(p): text = "\(p.variants.rawValue), \(p.mode.rawValue)"
        case let .filter(w, h): text = "min \(w)x\(h)"
        case .shuffle: text = "seeded"
        case let .shards(p): text = "size \(p.size) bytes"
        }
        return text.isEmpty ? "" : "(\(text))"
    }
}
