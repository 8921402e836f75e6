import Crypto
import Foundation
import Yams

/// Reads a `prep run` manifest from YAML into a validated ``PipelineManifest``.
///
/// The manifest format is documented in `Docs/pipelines.md`. Every problem is a
/// ``ManifestDiagnostic`` with the file, line and column; the first problem stops reading, so
/// fixes are made one at a time, as with a compiler's first error.
public struct ManifestReader {
    /// The manifest path as given, used in every message.
    let file: String
    /// The manifest's folder; relative paths inside the manifest resolve against it.
    let baseDirectory: URL
    /// Variables after overrides, with where each was declared.
    var variables: [String: String] = [:]

    /// Top-level keys.
    static let topLevelKeys = ["version", "name", "seed", "variables", "sources", "stages", "outputs"]

    /// Parses and validates the manifest at `path`.
    /// - Parameters:
    ///   - overrides: `--set name=value` pairs; each must name a declared variable.
    ///   - sourceFolders: `--source id=FOLDER` overrides, relative to the working directory.
    public static func load(path: String, overrides: [String: String] = [:], sourceFolders: [String: String] = [:]) throws -> PipelineManifest {
        let url = URL(fileURLWithPath: path)
        let data = try readFile(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw ManifestDiagnostic(file: path, line: 0, column: 0, kind: .syntax, message: "the manifest is not UTF-8 text", hint: "save it as UTF-8")
        }
        var reader = ManifestReader(file: path, baseDirectory: url.deletingLastPathComponent())
        var manifest = try reader.parse(text, overrides: overrides, sourceFolders: sourceFolders)
        manifest.manifestSHA256 = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return manifest
    }

    /// The bytes of the manifest file, or ``PipelineError/unreadableManifest(path:reason:)`` with
    /// the system's reason ("No such file or directory") or, for a folder, what to pass instead.
    static func readFile(_ path: String) throws -> Data {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw PipelineError.unreadableManifest(path: path, reason: "it is a folder, not a file; pass the manifest's .yaml file, e.g. Pipelines/t91.yaml")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw PipelineError.unreadableManifest(path: path, reason: reason)
        }
        defer { try? handle.close() }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw PipelineError.unreadableManifest(path: path, reason: (error as NSError).localizedFailureReason ?? "read error")
        }
    }

    /// Parses manifest text; `file` only names it in messages.
    public static func parse(_ text: String, file: String, baseDirectory: URL, overrides: [String: String] = [:]) throws -> PipelineManifest {
        var reader = ManifestReader(file: file, baseDirectory: baseDirectory)
        var manifest = try reader.parse(text, overrides: overrides, sourceFolders: [:])
        manifest.manifestSHA256 = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        return manifest
    }

    mutating func parse(_ text: String, overrides: [String: String], sourceFolders: [String: String]) throws -> PipelineManifest {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ManifestDiagnostic(file: file, line: 1, column: 1, kind: .missingKey, message: "the manifest is empty", hint: "start from Pipelines/t91.yaml")
            }
            root = node
        } catch let error as YamlError {
            throw syntaxDiagnostic(error, text: text)
        }
        try refuseTags(root)
        let top = try mapping(root, context: "the manifest", allowed: Self.topLevelKeys)

        if let versionNode = top.optional("version") {
            let version = try string(versionNode, "version")
            guard version == "1" else {
                throw diagnostic(versionNode, .invalidValue, "manifest version \(version) is not supported", hint: "this prep reads version 1")
            }
        }
        try readVariables(top.optional("variables"), overrides: overrides)

        let name = try top.optional("name").map { try string($0, "name") }
            ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let seed: UInt64
        if let seedNode = top.optional("seed") {
            let text = try string(seedNode, "seed")
            guard let value = UInt64(text) else {
                throw diagnostic(seedNode, .wrongType, "seed must be a non-negative whole number, got '\(text)'", hint: "for example seed: 2014")
            }
            seed = value
        } else {
            seed = 0
        }

        let sources = try readSources(try required(top, "sources", purpose: "declare where images come from, e.g. sources: {images: {folder: T91, glob: '*.bmp'}}"), overrides: sourceFolders)
        let stageList = try readStages(try required(top, "stages", purpose: "list the stages, each with id, op, input(s) and params"))
        let fields = try readFields(try required(top, "outputs", purpose: "name the record fields, e.g. outputs: {hr: {from: patches}}"))

        return try StageGraph.validate(
            PipelineManifest(file: file, name: name, seed: seed, variables: variables, sources: sources,
                             stages: stageList, fields: fields, recordStages: [], manifestSHA256: ""),
            reader: self)
    }

    // MARK: Variables

    /// Declared variables with `--set` overrides applied, every `${name}` in their values
    /// resolved. A variable may use any other, declared before or after it (YAML mappings have
    /// no order); an override replaces the declared value before anything is resolved, so
    /// variables built from it follow it, and is taken literally (no `${}` in it is expanded).
    /// Variables that use each other in a circle are an error naming the circle.
    mutating func readVariables(_ node: Node?, overrides: [String: String]) throws {
        var declared: [String: (text: String, node: Node)] = [:]
        var order: [String] = []
        if let node {
            let map = try mapping(node, context: "variables", allowed: Self.anyKey(node))
            for entry in map.entries {
                guard case let .scalar(scalar) = entry.value else {
                    throw diagnostic(entry.value, .wrongType, "variable '\(entry.key)' must be a single value, found \(Self.shape(of: entry.value))", hint: "variables hold numbers, words or paths")
                }
                declared[entry.key] = (scalar.string, entry.value)
                order.append(entry.key)
            }
        }
        var resolved: [String: String] = [:]
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard declared[key] != nil else {
                throw ManifestDiagnostic(file: file, line: 0, column: 0, kind: .undefinedVariable,
                                         message: "--set \(key)=\(value) names no variable of this manifest",
                                         hint: declared.isEmpty ? "the manifest declares no variables" : ManifestDiagnostic.suggestion(for: key, among: order.sorted()))
            }
            resolved[key] = value
        }
        var chain: [String] = []
        for key in order { _ = try resolveVariable(key, declared: declared, resolved: &resolved, chain: &chain) }
        variables = resolved
    }

    /// The value of variable `key` with its `${}` references resolved (memoised in `resolved`);
    /// `chain` holds the variables being resolved, to detect a circle.
    private func resolveVariable(_ key: String, declared: [String: (text: String, node: Node)],
                                 resolved: inout [String: String], chain: inout [String]) throws -> String {
        if let value = resolved[key] { return value }
        let (text, node) = declared[key]!
        if let start = chain.firstIndex(of: key) {
            let circle = (chain[start...] + [key]).joined(separator: " -> ")
            throw diagnostic(node, .cycle, "variables use each other in a circle: \(circle)", hint: "give one of them a value without ${}")
        }
        chain.append(key)
        defer { chain.removeLast() }
        let value = try substitute(text, at: node, known: declared.keys.sorted()) { name in
            guard declared[name] != nil else { return nil }
            return try resolveVariable(name, declared: declared, resolved: &resolved, chain: &chain)
        }
        resolved[key] = value
        return value
    }

    /// Replaces every `${name}` in `text` by the variable's value.
    func substitute(_ text: String, at node: Node) throws -> String {
        try substitute(text, at: node, known: variables.keys.sorted()) { variables[$0] }
    }

    /// Replaces every `${name}` in `text` by `value(name)`; nil there is an undefined variable,
    /// reported with the closest of `known`.
    private func substitute(_ text: String, at node: Node, known: [String], value: (String) throws -> String?) throws -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw diagnostic(node, .syntax, "unterminated '${' in '\(text)'", hint: "write ${name}")
            }
            let name = String(rest[open.upperBound..<close])
            guard let found = try value(name) else {
                throw diagnostic(node, .undefinedVariable, "'${\(name)}' names no variable",
                                 hint: known.isEmpty ? "declare it under variables:" : ManifestDiagnostic.suggestion(for: name, among: known))
            }
            result += found
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// All keys of a mapping node (for mappings whose keys are user-chosen names).
    static func anyKey(_ node: Node) -> [String] {
        guard case let .mapping(map) = node else { return [] }
        return map.compactMap { if case let .scalar(s) = $0.key { s.string } else { nil } }
    }

    // MARK: Sources

    func readSources(_ node: Node, overrides: [String: String]) throws -> [SourceSpec] {
        let map = try mapping(node, context: "sources", allowed: Self.anyKey(node))
        guard !map.entries.isEmpty else {
            throw diagnostic(node, .missingKey, "sources is empty", hint: "declare one, e.g. images: {folder: T91, glob: '*.bmp'}")
        }
        for key in overrides.keys where map.optional(key) == nil {
            throw ManifestDiagnostic(file: file, line: 0, column: 0, kind: .undefinedReference,
                                     message: "--source \(key)=… names no source of this manifest",
                                     hint: ManifestDiagnostic.suggestion(for: key, among: map.entries.map(\.key)))
        }
        return try map.entries.map { entry in
            try checkIdentifier(entry.key, at: entry.value)
            let spec = try mapping(entry.value, context: "source '\(entry.key)'", allowed: ["folder", "glob", "files", "stem"])
            let folderNode = spec.optional("folder"), filesNode = spec.optional("files")
            let stem = try spec.optional("stem").map { node -> StemPattern in
                let text = try string(node, "stem")
                guard let pattern = StemPattern(text) else {
                    throw diagnostic(node, .invalidValue, "source '\(entry.key)' stem \"\(text)\" must contain exactly one {} (the part that pairs files across sources)",
                                     hint: "e.g. stem: \"{}x4\" pairs 0001x4.png with 0001.png")
                }
                return pattern
            }
            if let override = overrides[entry.key] {
                let folder = URL(fileURLWithPath: override, isDirectory: true)
                let glob = try spec.optional("glob").map { try string($0, "glob") } ?? "*"
                return SourceSpec(id: entry.key, selection: .folder(folder, glob: glob), location: map.location(of: entry.key), stemPattern: stem)
            }
            switch (folderNode, filesNode) {
            case let (folder?, nil):
                let glob = try spec.optional("glob").map { try string($0, "glob") } ?? "*"
                return SourceSpec(id: entry.key, selection: .folder(resolve(try string(folder, "folder"), isDirectory: true), glob: glob),
                                  location: Self.location(entry.value), stemPattern: stem)
            case let (folder, files?):
                guard case let .sequence(list) = files else {
                    throw diagnostic(files, .wrongType, "files must be a list of paths, found \(Self.shape(of: files))", hint: "files: [a.png, b.png]")
                }
                let base = try folder.map { resolve(try string($0, "folder"), isDirectory: true) } ?? baseDirectory
                return SourceSpec(id: entry.key, selection: .files(base: base, try list.map { try string($0, "file") }),
                                  location: Self.location(entry.value), stemPattern: stem)
            case (nil, nil):
                throw diagnostic(entry.value, .missingKey, "source '\(entry.key)' needs folder (with glob) or files", hint: "e.g. folder: ../../shared/datasets/T91, glob: '*.bmp'")
            }
        }
    }

    /// A manifest path: absolute, or relative to the manifest's folder.
    func resolve(_ path: String, isDirectory: Bool) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path, isDirectory: isDirectory) }
        return baseDirectory.appendingPathComponent(path, isDirectory: isDirectory).standardizedFileURL
    }

    /// Ids are referenced as `id` or `id.port`, so they may not contain dots or spaces.
    func checkIdentifier(_ id: String, at node: Node) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-"))
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw diagnostic(node, .invalidValue, "'\(id)' is not a valid id", hint: "use letters, digits, '-' and '_' (a dot separates a stage from its port)")
        }
        guard id != "outputs" else {
            throw diagnostic(node, .invalidValue, "'outputs' is reserved for the joined records", hint: "pick another id")
        }
    }

    // MARK: Errors

    /// A YAML-level error as a diagnostic with its line and column: libyaml's scanner, parser and
    /// composer give a mark; its reader (a NUL or other control character) gives a character
    /// offset, turned into line:column here; a repeated key is located at its first use.
    func syntaxDiagnostic(_ error: YamlError, text: String) -> ManifestDiagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ManifestDiagnostic(file: file, line: mark.line, column: mark.column, kind: .syntax,
                                      message: "YAML syntax error: \(problem)", hint: "check indentation and quoting near this position")
        case let .reader(problem, offset, value, _):
            let (line, column) = offset.map { Self.position(ofCharacter: $0, in: text) } ?? (0, 0)
            let character = value >= 0 ? String(format: " (U+%04X)", value) : ""
            return ManifestDiagnostic(file: file, line: line, column: column, kind: .syntax,
                                      message: "YAML cannot read this character\(character): \(problem)",
                                      hint: "a manifest is plain UTF-8 text: remove the character; a NUL byte often means the file was saved as UTF-16 or is not text")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let (line, column) = (context.mark.line, context.mark.column)
            return ManifestDiagnostic(file: file, line: line, column: column, kind: .duplicateID,
                                      message: duplicates.count == 1 ? "the key \(keys) appears more than once in this mapping (first here)"
                                                                     : "the keys \(keys) appear more than once in this mapping (the first of them here)",
                                      hint: "keep one of each; YAML keys must be unique")
        default:
            return ManifestDiagnostic(file: file, line: 0, column: 0, kind: .syntax, message: "YAML error: \(error)", hint: "")
        }
    }

    /// 1-based line and column of the character (Unicode scalar) at `offset`, the unit libyaml's
    /// reader errors count in (measured: `名😀` before a NUL moves it by 2, not by 7 bytes).
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for scalar in text.unicodeScalars.prefix(max(0, offset)) {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// YAML tags SRKit accepts: the core schema's, which a plain value resolves to anyway. Any
    /// other (`!!python/object:…`, `!!binary`, a local `!tag`) would be ignored by this reader but
    /// means something else to another YAML loader, so it is refused rather than read as text.
    static let allowedTags: Set<String> = Set(["str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge", "value"]
        .map { "tag:yaml.org,2002:\($0)" })

    /// Throws at the first node (document order) whose tag is not in ``allowedTags``.
    func refuseTags(_ node: Node) throws {
        let tag: Tag
        switch node {
        case let .scalar(scalar): tag = scalar.tag
        case let .mapping(mapping):
            tag = mapping.tag
            for (key, value) in mapping { try refuseTags(key); try refuseTags(value) }
        case let .sequence(sequence):
            tag = sequence.tag
            for item in sequence { try refuseTags(item) }
        case .alias:
            return
        }
        let name = tag.rawValue
        // "" and "!" are the unresolved implicit and non-specific tags: plain and quoted values.
        guard !Self.allowedTags.contains(name), name != "", name != "!" else { return }
        let shown = name.hasPrefix("tag:yaml.org,2002:") ? "!!" + name.dropFirst("tag:yaml.org,2002:".count) : name
        throw diagnostic(node, .invalidValue, "the YAML tag '\(shown)' is not allowed in a manifest",
                         hint: "remove it; manifests hold only plain values: text, numbers, lists and mappings")
    }
}
