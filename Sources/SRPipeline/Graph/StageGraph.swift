/// Checks a manifest's stage graph and puts it in execution order.
///
/// The graph's nodes are the sources, the image stages, the reserved node `outputs` (the fan-in
/// that joins the fields into records by lineage) and the record stages after it. Image stages
/// may fan out (one stage feeding several) and fan in (`patches`/`augment` with several inputs,
/// and `outputs`).
enum StageGraph {
    /// The reserved id of the record join.
    static let outputsID = "outputs"

    static func validate(_ draft: PipelineManifest, reader: ManifestReader) throws -> PipelineManifest {
        var manifest = draft
        let sourceIDs = Set(draft.sources.map(\.id))
        var byID: [String: StageSpec] = [:]
        for stage in draft.stages {
            if sourceIDs.contains(stage.id) {
                throw reader.diagnostic(at: stage.location, .duplicateID, "stage id '\(stage.id)' is also a source id", hint: "rename the stage or the source")
            }
            byID[stage.id] = stage
        }
        let imageStages = draft.stages.filter { !$0.operation.kind.isRecordLevel }
        let recordStages = draft.stages.filter { $0.operation.kind.isRecordLevel }
        let knownNames = (draft.sources.map(\.id) + draft.stages.map(\.id) + [outputsID]).sorted()

        // References of image stages.
        for stage in imageStages {
            for input in stage.inputs {
                let ref = input.reference
                if sourceIDs.contains(ref.stage) {
                    guard stage.operation.kind == .decode else {
                        throw reader.diagnostic(at: input.location, .invalidValue, "stage '\(stage.id)' reads source '\(ref.stage)' directly, but only decode reads files",
                                                hint: "add a decode stage: {id: decode, op: decode, input: \(ref.stage)}")
                    }
                    guard ref.port == nil else {
                        throw reader.diagnostic(at: input.location, .undefinedReference, "source '\(ref.stage)' has no port '\(ref.port ?? "")'", hint: "write input: \(ref.stage)")
                    }
                    continue
                }
                if stage.operation.kind == .decode {
                    throw reader.diagnostic(at: input.location, .invalidValue, "decode stage '\(stage.id)' must read a source, not '\(ref)'",
                                            hint: "sources: \(draft.sources.map(\.id).joined(separator: ", "))")
                }
                try checkImageReference(ref, at: input.location, from: "stage '\(stage.id)'", byID: byID, known: knownNames, reader: reader)
            }
        }
        for field in draft.fields {
            if sourceIDs.contains(field.source.stage) {
                throw reader.diagnostic(at: field.location, .invalidValue, "output field '\(field.name)' reads source '\(field.source.stage)' directly", hint: "fields take images from a stage, e.g. from: decode")
            }
            try checkImageReference(field.source, at: field.location, from: "output field '\(field.name)'", byID: byID, known: knownNames, reader: reader)
        }

        manifest.stages = try executionOrder(imageStages, byID: byID, reader: reader)
        manifest.recordStages = try recordChain(recordStages, reader: reader)
        return manifest
    }

    /// An image-level reference must name an image stage and, for multi-input stages, a port.
    static func checkImageReference(_ ref: StageReference, at location: SourceLocation, from user: String,
                                    byID: [String: StageSpec], known: [String], reader: ManifestReader) throws {
        guard let target = byID[ref.stage] else {
            throw reader.diagnostic(at: location, .undefinedReference, "\(user) refers to '\(ref.stage)', which is not defined",
                                    hint: ManifestDiagnostic.suggestion(for: ref.stage, among: known))
        }
        guard !target.operation.kind.isRecordLevel else {
            throw reader.diagnostic(at: location, .invalidValue, "\(user) reads record stage '\(ref.stage)'",
                                    hint: "\(target.operation.kind.rawValue) works on joined records and comes after outputs")
        }
        let ports = target.ports
        if ports.isEmpty {
            if let port = ref.port {
                throw reader.diagnostic(at: location, .undefinedReference, "stage '\(ref.stage)' has a single output, not a port '\(port)'", hint: "write \(ref.stage)")
            }
        } else {
            guard let port = ref.port else {
                throw reader.diagnostic(at: location, .undefinedReference, "stage '\(ref.stage)' has several outputs; say which",
                                        hint: "one of: \(ports.map { "\(ref.stage).\($0)" }.joined(separator: ", "))")
            }
            guard ports.contains(port) else {
                throw reader.diagnostic(at: location, .undefinedReference, "stage '\(ref.stage)' has no port '\(port)'",
                                        hint: ManifestDiagnostic.suggestion(for: port, among: ports))
            }
        }
    }

    /// Kahn's algorithm, always taking the earliest ready stage in manifest order, so the order
    /// is stable; whatever remains is on or behind a cycle, which is reported with its path.
    static func executionOrder(_ stages: [StageSpec], byID: [String: StageSpec], reader: ManifestReader) throws -> [StageSpec] {
        let index = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.id, $0) })
        var dependencies = stages.map { stage in Set(stage.inputs.compactMap { index[$0.reference.stage] }) }
        var done = [Bool](repeating: false, count: stages.count)
        var order: [StageSpec] = []
        while order.count < stages.count {
            guard let next = (0..<stages.count).first(where: { !done[$0] && dependencies[$0].isEmpty }) else {
                let cycle = findCycle(stages, index: index, done: done)
                let first = stages[cycle[0]]
                throw reader.diagnostic(at: first.location, .cycle,
                                        "the stages form a cycle: \((cycle + [cycle[0]]).map { stages[$0].id }.joined(separator: " -> "))",
                                        hint: "a stage cannot depend on its own output; break the loop")
            }
            done[next] = true
            order.append(stages[next])
            for i in dependencies.indices { dependencies[i].remove(next) }
        }
        return order
    }

    /// A cycle among the unfinished stages, as stage indices in input order.
    static func findCycle(_ stages: [StageSpec], index: [String: Int], done: [Bool]) -> [Int] {
        var start = done.firstIndex(of: false) ?? 0
        var path: [Int] = []
        var onPath: [Int: Int] = [:]
        while onPath[start] == nil {
            onPath[start] = path.count
            path.append(start)
            guard let next = stages[start].inputs.compactMap({ index[$0.reference.stage] }).first(where: { !done[$0] }) else { break }
            start = next
        }
        let cycle = Array(path[(onPath[start] ?? 0)...])
        // Print in data-flow order (producer first).
        return cycle.reversed()
    }

    /// Record stages form a chain `outputs -> [shuffle] -> shards`.
    static func recordChain(_ stages: [StageSpec], reader: ManifestReader) throws -> [StageSpec] {
        let writers = stages.filter { $0.operation.kind == .shards }
        guard let writer = writers.first else {
            throw ManifestDiagnostic(file: reader.file, line: 0, column: 0, kind: .missingKey, message: "the manifest has no shards stage, so nothing would be written",
                                     hint: "add '- {id: write, op: shards, input: outputs}' to stages")
        }
        if writers.count > 1 {
            throw reader.diagnostic(at: writers[1].location, .duplicateID, "only one shards stage is allowed", hint: "remove stage '\(writers[1].id)'")
        }
        var chain: [StageSpec] = []
        var current = writer
        var visited: Set<String> = []
        while true {
            guard visited.insert(current.id).inserted else {
                throw reader.diagnostic(at: current.location, .cycle, "record stages form a cycle through '\(current.id)'", hint: "record stages run outputs -> shuffle -> shards")
            }
            chain.insert(current, at: 0)
            let input = current.inputs[0]
            if input.reference.stage == outputsID { break }
            guard let previous = stages.first(where: { $0.id == input.reference.stage }) else {
                throw reader.diagnostic(at: input.location, .undefinedReference,
                                        "record stage '\(current.id)' must read 'outputs' or a record stage, not '\(input.reference)'",
                                        hint: "write input: outputs")
            }
            current = previous
        }
        for stage in stages where !visited.contains(stage.id) {
            throw reader.diagnostic(at: stage.location, .invalidValue, "record stage '\(stage.id)' does not lead to the shards stage", hint: "chain it: outputs -> \(stage.id) -> \(writer.id)")
        }
        return chain
    }
}
