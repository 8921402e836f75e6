import ArgumentParser
import SRPipeline

/// `prep validate FILE`: checks a pipeline manifest without reading any image.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline manifest and report the first problem with file:line:column.",
        discussion: """
            Checks keys, operation names, parameter types and ranges, variables, references \
            between stages and cycles. Exits 0 and prints a one-line summary when the manifest is \
            valid; otherwise prints `file:line:column: message (hint: ...)` and exits 1.

            Example:
              prep validate Pipelines/t91.yaml --set scale=3
            """
    )

    @Argument(help: "The manifest (YAML).")
    var manifest: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a manifest variable.", valueName: "name=value"))
    var overrides: [String] = []

    func run() throws {
        let loaded = try ManifestReader.load(path: manifest, overrides: try KeyValue.parse(overrides, option: "--set"))
        print("\(manifest): valid: \(loaded.sources.count) source(s), \(loaded.stages.count + loaded.recordStages.count) stages, fields \(loaded.fields.map(\.name).joined(separator: ", "))")
    }
}

/// `name=value` option values.
enum KeyValue {
    static func parse(_ pairs: [String], option: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw ValidationError("\(option) expects name=value, got '\(pair)'.")
            }
            result[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        return result
    }
}
