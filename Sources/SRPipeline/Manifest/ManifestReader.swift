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
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw PipelineError.unreadableManifest(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ManifestDiagnostic(file: path, line: 0, column: 0, kind: .syntax, message: "the manifest is not UTF-8 text", hint: "save it as UTF-8")
        }
        var reader = ManifestReader(file: path, baseDirectory: url.deletingLastPathComponent())
        var manifest = try reader.parse(text, overrides: overrides, sourceFolders: sourceFolders)
        manifest.manifestSHA256 = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return manifest
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
            throw syntaxDiagnostic(error)
        }
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

    mutating func readVariables(_ node: Node?, overrides: [String: String]) throws {
        if let node {
            let map = try mapping(node, context: "variables", allowed: Self.anyKey(node))
            for entry in map.entries {
                guard case let .scalar(scalar) = entry.value else {
                    throw diagnostic(entry.value, .wrongType, "variable '\(entry.key)' must be a single value, found \(Self.shape(of: entry.value))", hint: "variables hold numbers, words or paths")
                }
                // Variables may use earlier variables.
                variables[entry.key] = try substitute(scalar.string, at: entry.value)
            }
        }
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard variables[key] != nil else {
                throw ManifestDiagnostic(file: file, line: 0, column: 0, kind: .undefinedVariable,
                                         message: "--set \(key)=\(value) names no variable of this manifest",
                                         hint: variables.isEmpty ? "the manifest declares no variables" : ManifestDiagnostic.suggestion(for: key, among: variables.keys.sorted()))
            }
            variables[key] = value
        }
    }

    /// Replaces every `${name}` in `text` by the variable's value.
    func substitute(_ text: String, at node: Node) throws -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw diagnostic(node, .syntax, "unterminated '${' in '\(text)'", hint: "write ${name}")
            }
            let name = String(rest[open.upperBound..<close])
            guard let value = variables[name] else {
                throw diagnostic(node, .undefinedVariable, "'${\(name)}' names no variable",
                                 hint: variables.isEmpty ? "declare it under variables:" : ManifestDiagnostic.suggestion(for: name, among: variables.keys.sorted()))
            }
            result += value
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
            let spec = try mapping(entry.value, context: "source '\(entry.key)'", allowed: ["folder", "glob", "files"])
            let folderNode = spec.optional("folder"), filesNode = spec.optional("files")
            if let override = overrides[entry.key] {
                let folder = URL(fileURLWithPath: override, isDirectory: true)
                let glob = try spec.optional("glob").map { try string($0, "glob") } ?? "*"
                return SourceSpec(id: entry.key, selection: .folder(folder, glob: glob), location: map.location(of: entry.key))
            }
            switch (folderNode, filesNode) {
            case let (folder?, nil):
                let glob = try spec.optional("glob").map { try string($0, "glob") } ?? "*"
                return SourceSpec(id: entry.key, selection: .folder(resolve(try string(folder, "folder"), isDirectory: true), glob: glob),
                                  location: Self.location(entry.value))
            case let (folder, files?):
                guard case let .sequence(list) = files else {
                    throw diagnostic(files, .wrongType, "files must be a list of paths, found \(Self.shape(of: files))", hint: "files: [a.png, b.png]")
                }
                let base = try folder.map { resolve(try string($0, "folder"), isDirectory: true) } ?? baseDirectory
                return SourceSpec(id: entry.key, selection: .files(base: base, try list.map { try string($0, "file") }),
                                  location: Self.location(entry.value))
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

    func syntaxDiagnostic(_ error: YamlError) -> ManifestDiagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ManifestDiagnostic(file: file, line: mark.line, column: mark.column, kind: .syntax,
                                      message: "YAML syntax error: \(problem)", hint: "check indentation and quoting near this position")
        default:
            return ManifestDiagnostic(file: file, line: 0, column: 0, kind: .syntax, message: "YAML error: \(error)", hint: "")
        }
    }
}
