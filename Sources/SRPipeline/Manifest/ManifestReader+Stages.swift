import Foundation
import SRImage
import Yams

extension ManifestReader {
    /// Keys of one entry of `stages:`.
    static let stageKeys = ["id", "op", "input", "inputs", "params"]

    func readStages(_ node: Node) throws -> [StageSpec] {
        guard case let .sequence(list) = node else {
            throw diagnostic(node, .wrongType, "stages must be a list, found \(Self.shape(of: node))", hint: "start each stage with '- id: …'")
        }
        var seen: [String: SourceLocation] = [:]
        return try list.map { entry in
            let map = try mapping(entry, context: "a stage", allowed: Self.stageKeys)
            let idNode = try required(map, "id", purpose: "give the stage an id that inputs and outputs can refer to")
            let id = try string(idNode, "id")
            try checkIdentifier(id, at: idNode)
            if let first = seen[id] {
                throw diagnostic(idNode, .duplicateID, "stage id '\(id)' is already used at line \(first.line)", hint: "give each stage its own id")
            }
            seen[id] = Self.location(idNode)
            let stageContext = "stage '\(id)'"
            let opNode = try required(map, "op", purpose: "one of: \(OperationKind.allCases.map(\.rawValue).joined(separator: ", "))")
            let opName = try string(opNode, "op")
            guard let kind = OperationKind(rawValue: opName) else {
                throw diagnostic(opNode, .unknownOperation, "unknown operation '\(opName)' in \(stageContext)",
                                 hint: ManifestDiagnostic.suggestion(for: opName, among: OperationKind.allCases.map(\.rawValue)))
            }
            let inputs = try readInputs(map, stage: id, kind: kind)
            let params = try map.optional("params").map {
                try mapping($0, context: "\(stageContext) params", allowed: kind.parameters)
            } ?? YAMLMapping(entries: [], location: map.location, context: "\(stageContext) params")
            let operation = try readOperation(kind, params, stage: id, inputs: inputs)
            return StageSpec(id: id, operation: operation, inputs: inputs, location: map.location)
        }
    }

    func readInputs(_ map: YAMLMapping, stage: String, kind: OperationKind) throws -> [StageInput] {
        let single = map.optional("input"), named = map.optional("inputs")
        switch (single, named) {
        case (_?, _?):
            throw diagnostic(at: map.location(of: "inputs"), .invalidValue, "stage '\(stage)' has both input and inputs", hint: "use input: for one input, inputs: {name: stage} for several")
        case let (node?, nil):
            return [StageInput(name: "in", reference: StageReference(parsing: try string(node, "input")), location: Self.location(node))]
        case let (nil, node?):
            let inputs = try mapping(node, context: "stage '\(stage)' inputs", allowed: Self.anyKey(node))
            guard !inputs.entries.isEmpty else {
                throw diagnostic(node, .missingKey, "stage '\(stage)' inputs is empty", hint: "inputs: {hr: patches}")
            }
            if !kind.hasPorts, inputs.entries.count > 1 {
                throw diagnostic(node, .invalidValue, "operation '\(kind.rawValue)' takes one input, stage '\(stage)' names \(inputs.entries.count)",
                                 hint: "only patches and augment take several inputs (and keep them aligned)")
            }
            return try inputs.entries.map { entry in
                try checkIdentifier(entry.key, at: entry.value)
                return StageInput(name: entry.key, reference: StageReference(parsing: try string(entry.value, "input")), location: Self.location(entry.value))
            }
        case (nil, nil):
            throw diagnostic(at: map.location, .missingKey, "stage '\(stage)' has no input",
                             hint: kind.isRecordLevel ? "record stages read 'outputs' or another record stage: input: outputs" : "input: <source or stage id>")
        }
    }

    func readOperation(_ kind: OperationKind, _ p: YAMLMapping, stage: String, inputs: [StageInput]) throws -> StageOperation {
        let ctx = "stage '\(stage)'"
        func need(_ key: String, _ purpose: String) throws -> Node { try required(p, key, purpose: purpose) }
        func int(_ key: String, min: Int = 1) throws -> Int? { try p.optional(key).map { try integer($0, "\(ctx) \(key)", minimum: min) } }
        func kernel(_ key: String) throws -> String {
            guard let node = p.optional(key) else { return "matlab-bicubic" }
            let name = try string(node, "\(ctx) \(key)")
            let names = ResamplerRegistry.standard.names
            guard names.contains(name) else {
                throw diagnostic(node, .invalidValue, "unknown kernel '\(name)' in \(ctx)", hint: ManifestDiagnostic.suggestion(for: name, among: names))
            }
            return name
        }
        func precision() throws -> SamplePrecision {
            try p.optional("precision").map { try choice($0, "\(ctx) precision", as: SamplePrecision.self) } ?? .uint8
        }
        switch kind {
        case .decode:
            return .decode(DecodeParameters(mode: try p.optional("mode").map { try choice($0, "\(ctx) mode", as: DecodeMode.self) } ?? .rgb))
        case .centerCrop:
            if let size = try int("size") {
                return .centerCrop(width: size, height: size)
            }
            let w = try integer(try need("width", "center-crop needs width and height (or size)"), "\(ctx) width", minimum: 1)
            let h = try integer(try need("height", "center-crop needs width and height (or size)"), "\(ctx) height", minimum: 1)
            return .centerCrop(width: w, height: h)
        case .modcrop:
            return .modcrop(scale: try integer(try need("scale", "the factor both sides must be a multiple of, e.g. scale: 3"), "\(ctx) scale", minimum: 1))
        case .resize:
            return .resize(try readResize(p, stage: stage, kernel: try kernel("kernel"), precision: try precision()))
        case .toY:
            return .toY(try readLuma(p, stage: stage))
        case .toRGB:
            return .toRGB
        case .degrade:
            let scale = try integer(try need("scale", "the SR factor, e.g. scale: 4"), "\(ctx) scale", minimum: 1)
            return .degrade(DegradeParameters(scale: scale, kernel: try kernel("kernel"),
                                              up: try p.optional("up").map { try boolean($0, "\(ctx) up") } ?? false,
                                              precision: try precision()))
        case .patches:
            let size = try integer(try need("size", "window side in pixels, e.g. size: 32"), "\(ctx) size", minimum: 1)
            let stride = try integer(try need("stride", "step between windows, e.g. stride: 14"), "\(ctx) stride", minimum: 1)
            let reference: String
            if let node = p.optional("reference") {
                reference = try string(node, "\(ctx) reference")
                guard inputs.contains(where: { $0.name == reference }) else {
                    throw diagnostic(node, .undefinedReference, "\(ctx) reference '\(reference)' is not one of its inputs",
                                     hint: ManifestDiagnostic.suggestion(for: reference, among: inputs.map(\.name)))
                }
            } else {
                reference = inputs.first(where: { $0.name == "hr" })?.name ?? inputs[0].name
            }
            let cover = try p.optional("cover_edges").map { try boolean($0, "\(ctx) cover_edges") } ?? false
            return .patches(PatchParameters(size: size, stride: stride, reference: reference, coverEdges: cover))
        case .augment:
            return .augment(AugmentParameters(
                variants: try p.optional("variants").map { try choice($0, "\(ctx) variants", as: AugmentVariants.self) } ?? .rot90,
                mode: try p.optional("mode").map { try choice($0, "\(ctx) mode", as: AugmentMode.self) } ?? .all))
        case .filter:
            let size = try int("min_size")
            let w = try int("min_width") ?? size, h = try int("min_height") ?? size
            guard w != nil || h != nil else {
                throw diagnostic(at: p.location, .missingKey, "\(ctx) filter needs min_size, min_width or min_height", hint: "e.g. params: {min_size: 96}")
            }
            return .filter(minWidth: w ?? 1, minHeight: h ?? 1)
        case .shuffle:
            return .shuffle
        case .shards:
            guard let node = p.optional("size") else { return .shards(ShardsParameters()) }
            return .shards(ShardsParameters(size: try byteSize(node, "\(ctx) size")))
        }
    }

    /// `268435456`, `256MiB`, `64 KiB`, `1GiB`, `100MB`.
    func byteSize(_ node: Node, _ what: String) throws -> Int {
        let text = try string(node, what).replacingOccurrences(of: " ", with: "")
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1)]
        var number = Substring(text), factor = 1
        for (suffix, value) in units where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count)
            factor = value
            break
        }
        guard let n = Int(number), n > 0, n.multipliedReportingOverflow(by: factor).overflow == false else {
            throw diagnostic(node, .wrongType, "\(what) must be a byte count such as 256MiB, got '\(text)'", hint: "units: B, KiB, MiB, GiB, KB, MB, GB")
        }
        return n * factor
    }

    // MARK: Outputs

    func readFields(_ node: Node) throws -> [FieldSpec] {
        let map = try mapping(node, context: "outputs", allowed: Self.anyKey(node))
        guard !map.entries.isEmpty else {
            throw diagnostic(node, .missingKey, "outputs is empty", hint: "name at least one field, e.g. hr: {from: patches}")
        }
        return try map.entries.map { entry in
            try checkIdentifier(entry.key, at: entry.value)
            let ctx = "output field '\(entry.key)'"
            let field: YAMLMapping
            if case .scalar = entry.value {
                // `hr: patches` is short for `hr: {from: patches}`.
                field = YAMLMapping(entries: [("from", Self.location(entry.value), entry.value)], location: Self.location(entry.value), context: ctx)
            } else {
                field = try mapping(entry.value, context: ctx, allowed: ["from", "dtype", "layout", "normalize"])
            }
            let fromNode = try required(field, "from", purpose: "the stage (or stage.port) whose items fill this field")
            let dtype = try field.optional("dtype").map { try choice($0, "\(ctx) dtype", as: FieldDType.self) }
            let normalize = try field.optional("normalize").map { try boolean($0, "\(ctx) normalize") } ?? false
            if normalize, dtype != .float32, let node = field.optional("normalize") {
                throw diagnostic(node, .invalidValue, "\(ctx) sets normalize but is not float32", hint: "add dtype: float32 (normalize divides by 255)")
            }
            return FieldSpec(name: entry.key, source: StageReference(parsing: try string(fromNode, "\(ctx) from")),
                             dtype: dtype,
                             layout: try field.optional("layout").map { try choice($0, "\(ctx) layout", as: FieldLayout.self) } ?? .hwc,
                             normalize: normalize, location: Self.location(fromNode))
        }
    }
}
